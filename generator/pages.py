"""Plan the pages of the site: which page exists, at which address, showing what.

The addresses are printed on paper as QR codes: they are derived from ids only
(`/publics/<id>/`, `/territoires/<id>/`, `/territoires/<id>/<public>/`,
`/services/<id>/`) and must stay stable.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .content import Content, last_checked
from .coverage import Coverage
from .exports import DataFile
from .falc.lint import FalcReport
from .flyers import CROSS_BORDER_PAGES
from .languages import LANGUAGES, STRINGS
from .model import Service
from .pdf import PrintedFlyer


@dataclass(frozen=True)
class Page:
    source: str  # Markdown file in the docs folder, such as "publics/jeunes.md"
    template: str
    title: str
    services: tuple[Service, ...] = ()
    context: dict[str, Any] = field(default_factory=dict)
    nav_section: str | None = None  # the navigation section that lists it, if any

    @property
    def url(self) -> str:
        """Address relative to the site root: "publics/jeunes/", "" for the home page."""
        path = self.source.removesuffix(".md")
        path = path.removesuffix("index")
        return path if not path or path.endswith("/") else path + "/"

    @property
    def updated(self) -> date | None:
        return last_checked(list(self.services))


class DuplicatePage(Exception):
    """Two pages would be written to one file: a bug in the plan, never in content."""


def plan_pages(
    content: Content,
    falc: FalcReport | None = None,
    flyers: list[PrintedFlyer] | None = None,
    data: tuple[list[DataFile], Coverage] | None = None,
) -> list[Page]:
    """Every page of the site; the flyers page exists when the flyers were printed."""
    pages = list(_all_pages(content))
    pages += _cross_border_pages(content)
    if data is not None:
        files, coverage = data
        everything = tuple(content.services.values())
        pages.append(
            Page("donnees/index.md", "data.md.j2", "Les données ouvertes", everything, {"files": files})
        )
        pages.append(
            Page(
                "couverture/index.md",
                "coverage.md.j2",
                "Couverture des services",
                everything,
                {"coverage": coverage},
            )
        )
    if flyers is not None:
        pages.append(
            Page(
                "flyers/index.md",
                "flyers.md.j2",
                "Les flyers à imprimer",
                context={"flyers": flyers},
                nav_section="Aide",
            )
        )
    if falc is not None:
        pages.append(
            Page(
                "contribuer/falc.md", "falc_report.md.j2", "Rapport FALC des fiches", context={"report": falc}
            )
        )
    seen: set[str] = set()
    for page in pages:
        if page.source in seen:
            raise DuplicatePage(page.source)
        seen.add(page.source)
    return pages


def _all_pages(content: Content) -> Iterator[Page]:
    basin = content.basin
    yield Page(
        "index.md",
        "home.md.j2",
        "Vous avez besoin d'aide pour vous déplacer ?",
        tuple(content.services.values()),
    )
    for audience_id, audience in content.audiences.items():
        yield Page(
            f"publics/{audience_id}.md",
            "audience.md.j2",
            audience.libelle,
            tuple(content.services_for(audience=audience_id)),
            {"audience_id": audience_id, "audience": audience},
            nav_section="Qui êtes-vous ?",
        )
    yield Page(
        "territoires/index.md",
        "territories.md.j2",
        "Où habitez-vous ?",
        nav_section="Où habitez-vous ?",
    )
    for territory_id, territory in content.territories.items():
        yield Page(
            f"territoires/{territory_id}/index.md",
            "territory.md.j2",
            territory.libelle,
            tuple(content.services_for(territory=territory_id)),
            {"territory_id": territory_id, "territory": territory},
        )
    for territory_id, audience_id in content.pairs_with_services():
        territory, audience = content.territories[territory_id], content.audiences[audience_id]
        yield Page(
            f"territoires/{territory_id}/{audience_id}.md",
            "pair.md.j2",
            f"{audience.vous} et vous habitez {territory.dans}",
            tuple(content.services_for(territory_id, audience_id)),
            {
                "territory_id": territory_id,
                "territory": territory,
                "audience_id": audience_id,
                "audience": audience,
            },
        )
    yield Page("communes.md", "communes.md.j2", "Trouver ma commune", nav_section="Où habitez-vous ?")
    yield Page(
        "services/index.md",
        "services.md.j2",
        f"Tous les services {basin.dans}",
        tuple(content.services.values()),
        nav_section="Tous les services",
    )
    yield Page("recherche.md", "search.md.j2", "Rechercher sur le site", nav_section="Aide")
    yield Page("glossaire.md", "glossary.md.j2", "Les sigles expliqués", nav_section="Aide")
    yield Page("contribuer/index.md", "guide.md.j2", "Contribuer : tenir l'annuaire à jour")
    yield Page("accessibilite.md", "accessibility.md.j2", "Accessibilité du site", nav_section="Aide")
    for service in content.services.values():
        yield Page(
            f"services/{service.id}.md", "service.md.j2", service.nom, (service,), {"service": service}
        )
    for service in content.retired.values():
        replacements = tuple(content.services[i] for i in service.remplace_par)
        title = f"{service.nom} : ce service n'existe plus"
        yield Page(f"services/{service.id}.md", "retired.md.j2", title, replacements, {"service": service})


def _cross_border_pages(content: Content) -> list[Page]:
    """The cross-border services (Fiche 4.2) in French, Dutch and English."""
    services = tuple(s for s in content.services.values() if s.transfrontalier)
    if not services:
        return []
    return [
        Page(
            f"{CROSS_BORDER_PAGES[language]}index.md",
            "crossborder.md.j2",
            STRINGS[language]["crossborder_title"],
            services,
            {"language": language},
            nav_section="Aide" if language == "fr" else None,
        )
        for language in LANGUAGES
    ]
