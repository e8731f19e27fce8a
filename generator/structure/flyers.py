"""Printable flyers: which exist, at which address, showing which services.

One flyer per audience (whole basin), per territory, per audience and
territory with services, and the cross-border flyer of Fiche 4.2 in French,
Dutch, English and French with Dutch. Each carries a QR code to the web page
with the same content, so the paper can stay short.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from ..content.model import Service
from ..content.records import Content, group_by_need, last_checked
from ..content.vocabulary import NEEDS
from . import urls
from .languages import STRINGS

# From full texts to the name and phone only: the first that fits one sheet is printed.
LAYOUTS = ("complet", "moyen", "court")


@dataclass(frozen=True)
class Flyer:
    path: str  # in the site: "flyers/territoires/boulonnais/jeunes.pdf"
    kind: str  # "public", "territoire", "public-territoire", "transfrontalier"
    language: str  # "fr", "nl", "en", or "fr-nl" for a bilingual flyer
    title: str
    intro: str
    page: str  # the web page with the same content: "territoires/boulonnais/jeunes/"
    page_address: str  # its full address, printed and in the QR code
    services: tuple[Service, ...]
    audience_id: str | None = None
    territory_id: str | None = None
    part: str | None = None  # which part, when a flyer too long was split
    origin: str = ""  # the path of the flyer it was split from

    @property
    def languages(self) -> list[str]:
        return self.language.split("-")

    @property
    def edition(self) -> date:
        """The edition date comes from the content, never from the clock."""
        return last_checked(list(self.services)) or date(2025, 1, 1)

    @property
    def whole_path(self) -> str:
        """The path of the flyer this one is a part of (its own when it was not split)."""
        return self.origin or self.path

    def split(self, per_part: int) -> list[Flyer]:
        """Parts of a flyer too long for one sheet: one per need, then chunks of `per_part` services."""
        groups = group_by_need(list(self.services))
        if self.part is None and len(groups) > 1:
            parts = [(need, f" : {NEEDS[need].label.lower()}", members) for need, members in groups]
        else:
            chunks = [self.services[i : i + per_part] for i in range(0, len(self.services), per_part)]
            parts = [
                (f"{self.part or 'partie'}-{n}", f", partie {n} sur {len(chunks)}", list(chunk))
                for n, chunk in enumerate(chunks, start=1)
            ]
        return [
            replace(
                self,
                path=urls.flyer_part(self.whole_path, part),
                title=self.title + suffix,
                services=tuple(members),
                part=part,
                origin=self.whole_path,
            )
            for part, suffix, members in parts
        ]


def plan_flyers(content: Content) -> list[Flyer]:
    site = content.basin.adresse_site

    def flyer(
        path: str, kind: str, title: str, intro: str, page: str, services: list[Service], **ids: str
    ) -> Flyer:
        return Flyer(path, kind, "fr", title, intro, page, urls.absolute(site, page), tuple(services), **ids)

    flyers = []
    for audience_id, audience in content.audiences.items():
        flyers.append(flyer(
            urls.audience_flyer(audience_id), "public", f"{audience.vous} : les aides pour vous déplacer",
            f"Voici les services pour vous {content.basin.dans}.", urls.audience(audience_id),
            content.services_for(audience=audience_id), audience_id=audience_id,
        ))  # fmt: skip
    for territory_id, territory in content.territories.items():
        flyers.append(flyer(
            urls.territory_flyer(territory_id), "territoire",
            f"Vous habitez {territory.dans} : les aides pour vous déplacer",
            "Voici les services près de chez vous.", urls.territory(territory_id),
            content.services_for(territory=territory_id), territory_id=territory_id,
        ))  # fmt: skip
    for territory_id, audience_id in content.pairs_with_services():
        audience, territory = content.audiences[audience_id], content.territories[territory_id]
        flyers.append(flyer(
            urls.pair_flyer(territory_id, audience_id), "public-territoire",
            f"{audience.vous} et vous habitez {territory.dans}", "Voici les services pour vous déplacer.",
            urls.pair(territory_id, audience_id), content.services_for(territory_id, audience_id),
            audience_id=audience_id, territory_id=territory_id,
        ))  # fmt: skip
    return flyers + _cross_border_flyers(content, site)


def _cross_border_flyers(content: Content, site: str) -> list[Flyer]:
    services = tuple(s for s in content.services.values() if s.transfrontalier)
    if not services:
        return []
    flyers = []
    for language in ("fr", "nl", "en", "fr-nl"):
        first = language.split("-")[0]
        title = " / ".join(STRINGS[each]["crossborder_title"] for each in language.split("-"))
        page = urls.CROSS_BORDER[first]
        flyers.append(
            Flyer(
                urls.cross_border_flyer(language),
                "transfrontalier",
                language,
                title,
                STRINGS[first]["crossborder_intro"],
                page,
                urls.absolute(site, page),
                services,
            )
        )
    return flyers


@dataclass(frozen=True)
class PrintedFlyer:
    """A flyer as printed: the layout that fitted, the PDF and its number of pages."""

    flyer: Flyer
    layout: str
    pdf: bytes
    pages: int


@dataclass
class FlyerReport:
    printed: list[PrintedFlyer]
    notes: list[str]  # what was shortened or split, in French
    rendered: list[str] = field(default_factory=list)  # flyers printed by this build (planned paths)
    reused: list[str] = field(default_factory=list)  # flyers taken whole from the cache

    def lines(self) -> list[str]:
        pages = sum(p.pages for p in self.printed)
        return [
            f"Flyers : {len(self.printed)} PDF, {pages} pages ; "
            f"{len(self.rendered)} imprimés, {len(self.reused)} repris du cache.",
            *self.notes,
        ]
