"""Printable flyers: which exist, at which address, showing which services.

One flyer per audience (whole basin), per territory, per audience and
territory with services, and the cross-border flyer of Fiche 4.2 in French,
Dutch, English and French with Dutch. Each carries a QR code to the web page
with the same content, so the paper can stay short.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from ..content.model import HelpDesk, Service
from ..content.records import Content, group_by_need
from ..content.review import months_after, review_due
from ..content.vocabulary import EVERYONE
from . import urls
from .languages import STRINGS

# From full texts to the name and phone only: the first that fits one sheet is printed.
LAYOUTS = ("complet", "moyen", "court")

# An audience's flyer covers the whole basin: it lists every service for the audience while
# they fit a few sheets (the real basin has 35 at most). Beyond this many, at the scale of a
# region, it lists the services of the whole basin only and sends the reader to the flyer of
# their territory for the others: nobody hands over a flyer of a hundred sheets.
AUDIENCE_FLYER_LISTS_UP_TO = 60


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
    desks: tuple[HelpDesk, ...] = ()  # "Près de chez vous": who receives the reader
    on_territory_flyers: int = 0  # services not listed, too many: each is on its territory's flyer
    proof: bool = False  # the site's address is not confirmed: "Épreuve : ne pas distribuer"

    @property
    def languages(self) -> list[str]:
        return self.language.split("-")

    @property
    def edition(self) -> date:
        """The edition date comes from the content, never from the clock."""
        records: list[Service | HelpDesk] = [*self.services, *self.desks]
        checks = [record.verifie_le for record in records]
        return max(checks, default=date(2025, 1, 1))

    @property
    def review(self) -> date:
        """When the flyer must be printed again: the first review due of what it shows, a year at most."""
        records: list[Service | HelpDesk] = [*self.services, *self.desks]
        dues = [review_due(record) for record in records]
        return min([*dues, months_after(self.edition, 12)])

    @property
    def whole_path(self) -> str:
        """The path of the flyer this one is a part of (its own when it was not split)."""
        return self.origin or self.path

    def split(self, per_part: int) -> list[Flyer]:
        """Parts of a flyer too long for one sheet, each of at most `per_part` services.

        The needs are kept together and in order as far as they fit; the first part
        keeps the flyer's own address, which may be printed as a QR code already.
        """
        chunks: list[list[Service]] = []
        for _, members in group_by_need(list(self.services)):
            while members:
                room = per_part - len(chunks[-1]) if chunks else 0
                if room >= len(members) or (chunks and room > 0 and len(members) > per_part):
                    chunks[-1] += members[:room]
                    members = members[room:]
                else:
                    chunks.append(members[:per_part])
                    members = members[per_part:]
        return [
            replace(
                self,
                path=self.whole_path if number == 1 else urls.flyer_part(self.whole_path, f"partie-{number}"),
                title=f"{self.title}, partie {number} sur {len(chunks)}",
                services=tuple(chunk),
                part=f"partie-{number}",
                origin=self.whole_path,
            )
            for number, chunk in enumerate(chunks, start=1)
        ]


def plan_flyers(content: Content) -> list[Flyer]:
    site = content.basin.adresse_site
    proof = is_proof(content)

    def flyer(
        path: str, kind: str, title: str, intro: str, page: str, services: list[Service], **ids: Any
    ) -> Flyer:
        desks = _desks(content, ids.get("territory_id"), ids.get("audience_id"))
        return Flyer(
            path, kind, "fr", title, intro, page, urls.absolute(site, page), tuple(services), **ids,
            desks=desks, proof=proof,
        )  # fmt: skip

    flyers = []
    for audience_id, audience in content.audiences.items():
        listed, left = _basin_wide_when_too_many(content, content.services_for(audience=audience_id))
        flyers.append(flyer(
            urls.audience_flyer(audience_id), "public", f"{audience.vous} : les aides pour vous déplacer",
            f"Voici les services pour vous {content.basin.dans}.", urls.audience(audience_id),
            listed, audience_id=audience_id, on_territory_flyers=left,
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


def _basin_wide_when_too_many(content: Content, services: list[Service]) -> tuple[list[Service], int]:
    """What an audience's flyer lists (`AUDIENCE_FLYER_LISTS_UP_TO`), and how many it leaves out."""
    if len(services) <= AUDIENCE_FLYER_LISTS_UP_TO:
        return services, 0
    basin_wide = [service for service in services if content.is_basin_wide(service)]
    return basin_wide, len(services) - len(basin_wide)


def is_proof(content: Content) -> bool:
    """Flyers are proofs, not to hand out, until the owner confirms the site's address."""
    host = urlsplit(content.basin.adresse_site).hostname or ""
    placeholder = host.endswith((".example", ".test", ".invalid", ".localhost"))
    return placeholder or not content.basin.adresse_site_confirmee


def _desks(content: Content, territory_id: str | None, audience_id: str | None) -> tuple[HelpDesk, ...]:
    """The help desks a flyer shows: those of its territory; on a basin-wide flyer, the phone lines."""
    if territory_id:
        return tuple(content.help_desks_for(territory_id, audience_id))
    lines = [desk for desk in content.help_desks.values() if desk.commune is None]
    return tuple(d for d in lines if audience_id is None or audience_id in d.publics or EVERYONE in d.publics)


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
                desks=tuple(d for d in content.help_desks.values() if d.type == "point-transfrontalier"),
                proof=is_proof(content),
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
    documents_printed: int = 0  # PDFs printed to fit the others (the rest came from the cache)

    def lines(self) -> list[str]:
        pages = sum(p.pages for p in self.printed)
        proofs = [p for p in self.printed if p.flyer.proof]
        return [
            f"Flyers : {len(self.printed)} PDF, {pages} pages ; "
            f"{len(self.rendered)} imprimés, {len(self.reused)} repris du cache ; "
            f"{self.documents_printed} documents passés à l'imprimante.",
            *([PROOF_NOTICE] if proofs else []),
            *self.notes,
        ]


PROOF_NOTICE = (
    "Les flyers portent « Épreuve : ne pas distribuer » : l'adresse du site n'est pas confirmée. "
    "Quand elle l'est, écrivez « adresse_site_confirmee: true » dans content/bassin.yml."
)
