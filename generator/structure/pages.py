"""Plan the pages of the site: which page exists, at which address, showing what.

Every address comes from `urls.py`: they are printed on paper as QR codes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..content.model import Service
from ..content.records import Content, last_checked, sort_key
from ..falc.lint import FalcReport
from . import urls
from .flyers import PrintedFlyer
from .languages import LANGUAGES, STRINGS


@dataclass(frozen=True)
class Page:
    url: str  # address from `urls.py`, relative to the site root: "publics/jeunes/", "" for home
    template: str
    title: str
    services: tuple[Service, ...] = ()
    context: dict[str, Any] = field(default_factory=dict)
    nav_section: str | None = None  # the navigation section that lists it, if any

    @property
    def source(self) -> str:
        """The Markdown file written for the site builder: "publics/jeunes/index.md"."""
        return urls.markdown_source(self.url)

    @property
    def updated(self) -> date | None:
        return last_checked(list(self.services))


# A territory's pages list its own services and, while they are few, the basin's: the real
# basin has 23 for everyone, 16 at most for one audience. Beyond this many, the basin's services
# get pages of their own that the territory's pages link to: a territory's page must stay as
# short at the scale of a region, where every territory would otherwise list the whole region's.
BASIN_WIDE_LISTED_UP_TO = 30


class DuplicatePage(Exception):
    """Two pages would be written to one file: a bug in the plan, never in content."""


def plan_pages(
    content: Content, falc: FalcReport | None = None, flyers: list[PrintedFlyer] | None = None
) -> list[Page]:
    """The pages of the content; the flyers page exists when the flyers were printed.

    (The open data and coverage pages are planned with their files, in `export/`.)
    """
    pages = list(_all_pages(content))
    pages += _cross_border_pages(content)
    if flyers is not None:
        pages.append(
            Page(
                urls.FLYERS,
                "flyers.md.j2",
                "Les flyers à imprimer",
                context={"flyers": flyers},
                nav_section="Aide",
            )
        )
    if falc is not None:
        pages.append(
            Page(urls.FALC_REPORT, "falc_report.md.j2", "Rapport FALC des fiches", context={"report": falc})
        )
    return pages


def refuse_duplicates(pages: list[Page]) -> None:
    """Two pages at one address is a bug in the plan, never in the content."""
    seen: set[str] = set()
    for page in pages:
        if page.url in seen:
            raise DuplicatePage(page.url)
        seen.add(page.url)


def _all_pages(content: Content) -> Iterator[Page]:
    basin = content.basin
    yield Page(
        urls.HOME,
        "home.md.j2",
        "Vous avez besoin d'aide pour vous déplacer ?",
        tuple(content.services.values()),
    )
    for audience_id, audience in content.audiences.items():
        yield Page(
            urls.audience(audience_id),
            "audience.md.j2",
            audience.libelle,
            tuple(content.services_for(audience=audience_id)),
            {"audience_id": audience_id, "audience": audience},
            nav_section="Qui êtes-vous ?",
        )
    yield Page(
        urls.TERRITORIES,
        "territories.md.j2",
        "Où habitez-vous ?",
        nav_section="Où habitez-vous ?",
    )
    for territory_id, territory in content.territories.items():
        listed, elsewhere = _near_first(content, content.services_for(territory=territory_id))
        yield Page(
            urls.territory(territory_id),
            "territory.md.j2",
            territory.libelle,
            listed,
            {"territory_id": territory_id, "territory": territory, **elsewhere},
        )
    for territory_id, audience_id in content.pairs_with_services():
        territory, audience = content.territories[territory_id], content.audiences[audience_id]
        listed, elsewhere = _near_first(content, content.services_for(territory_id, audience_id), audience_id)
        yield Page(
            urls.pair(territory_id, audience_id),
            "pair.md.j2",
            f"{audience.vous} et vous habitez {territory.dans}",
            listed,
            {
                "territory_id": territory_id,
                "territory": territory,
                "audience_id": audience_id,
                "audience": audience,
                **elsewhere,
            },
        )
    yield from _basin_wide_pages(content)
    yield Page(urls.COMMUNES, "communes.md.j2", "Trouver ma commune", nav_section="Où habitez-vous ?")
    yield from _commune_pages(content)
    yield Page(
        urls.SERVICES,
        "services.md.j2",
        f"Tous les services {basin.dans}",
        tuple(content.services.values()),
        nav_section="Tous les services",
    )
    yield Page(urls.SEARCH, "search.md.j2", "Rechercher sur le site", nav_section="Aide")
    yield Page(urls.GLOSSARY, "glossary.md.j2", "Les sigles expliqués", nav_section="Aide")
    yield Page(urls.CONTRIBUTE, "guide.md.j2", "Contribuer : tenir l'annuaire à jour")
    yield Page(urls.ACCESSIBILITY, "accessibility.md.j2", "Accessibilité du site", nav_section="Aide")
    for service in content.services.values():
        yield Page(urls.service(service.id), "service.md.j2", service.nom, (service,), {"service": service})
    for service in content.retired.values():
        replacements = tuple(content.services[i] for i in service.remplace_par)
        title = f"{service.nom} : ce service n'existe plus"
        yield Page(urls.service(service.id), "retired.md.j2", title, replacements, {"service": service})


def _near_first(
    content: Content, services: list[Service], audience_id: str | None = None
) -> tuple[tuple[Service, ...], dict[str, Any]]:
    """The services a territory's page lists, and the context of the link to the basin's
    services when there are too many of them to list."""
    linked = _linked_away(content, services)
    if not linked:
        return tuple(services), {}
    local = tuple(service for service in services if not content.is_basin_wide(service))
    return local, {"elsewhere": linked, "elsewhere_url": _basin_wide_url(content, audience_id)}


def _linked_away(content: Content, services: list[Service]) -> list[Service]:
    """The basin-wide ones among `services`, when they are too many to list on a territory's
    page (`BASIN_WIDE_LISTED_UP_TO`); none otherwise. Their page exists exactly then."""
    basin_wide = [service for service in services if content.is_basin_wide(service)]
    return basin_wide if len(basin_wide) > BASIN_WIDE_LISTED_UP_TO else []


def _basin_wide_url(content: Content, audience_id: str | None) -> str:
    """The basin's own page among the territories: "territoires/littoral-nord/"."""
    basin_id = content.basin.id
    return urls.pair(basin_id, audience_id) if audience_id else urls.territory(basin_id)


def _basin_wide_pages(content: Content) -> Iterator[Page]:
    """The basin's services, for everyone and for each audience, where territories link to them."""
    pages_for: list[tuple[str | None, str, dict[str, Any]]] = [(None, "Les services", {})]
    pages_for += [
        (audience_id, f"{audience.vous} : les services", {"audience_id": audience_id, "audience": audience})
        for audience_id, audience in content.audiences.items()
    ]
    for audience_id, title, context in pages_for:
        if linked := _linked_away(content, content.services_for(audience=audience_id)):
            url = _basin_wide_url(content, audience_id)
            yield Page(
                url, "basin_wide.md.j2", f"{title} partout {content.basin.dans}", tuple(linked), context
            )


def _commune_pages(content: Content) -> Iterator[Page]:
    """A page per commune, and the indexes that reach them without JavaScript."""
    for letter, insees in communes_by_letter(content).items():
        title = f"Les communes qui commencent par {letter}"
        yield Page(urls.communes_by_letter(letter), "communes_list.md.j2", title, context={"insees": insees})
    for prefix, insees in communes_by_postcode(content).items():
        title = f"Les codes postaux qui commencent par {prefix}"
        by_postcode: dict[str, Any] = {"insees": insees, "by_postcode": prefix}
        yield Page(urls.communes_by_postcode(prefix), "communes_list.md.j2", title, context=by_postcode)
    for insee, (commune, territory_id) in content.communes.items():
        context: dict[str, Any] = {
            "commune": commune,
            "territory_id": territory_id,
            "territory": content.territories[territory_id],
        }
        services = tuple(content.services_for(territory=territory_id))
        yield Page(urls.commune(insee), "commune.md.j2", f"Vous habitez à {commune.nom}", services, context)


def communes_by_letter(content: Content) -> dict[str, list[str]]:
    """First letter (without accent) → INSEE codes of the communes, in alphabetical order."""
    letters: dict[str, list[str]] = {}
    for insee, (commune, _) in content.communes.items():
        letters.setdefault(sort_key(commune.nom)[0].upper(), []).append(insee)
    return dict(sorted(letters.items()))


def communes_by_postcode(content: Content) -> dict[str, list[str]]:
    """The first three digits of a postcode → INSEE codes of the communes that have one."""
    prefixes: dict[str, list[str]] = {}
    for insee, (commune, _) in content.communes.items():
        for prefix in sorted({code[:3] for code in commune.codes_postaux}):
            prefixes.setdefault(prefix, []).append(insee)
    return dict(sorted(prefixes.items()))


def _cross_border_pages(content: Content) -> list[Page]:
    """The cross-border services (Fiche 4.2) in French, Dutch and English."""
    services = tuple(s for s in content.services.values() if s.transfrontalier)
    if not services:
        return []
    return [
        Page(
            urls.CROSS_BORDER[language],
            "crossborder.md.j2",
            STRINGS[language]["crossborder_title"],
            services,
            {"language": language},
            nav_section="Aide" if language == "fr" else None,
        )
        for language in LANGUAGES
    ]
