"""Printable flyers: which exist, and their HTML, ready for the PDF printer.

One flyer per audience (whole basin), per territory, per audience and
territory with services, and the cross-border flyer of Fiche 4.2 in French,
Dutch, English and French with Dutch. Each carries a QR code to the web page
with the same content, so the paper can stay short.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlsplit

import jinja2
import segno
from markupsafe import Markup, escape

from .assets import inline_icon
from .content import Content, group_by_need, last_checked
from .languages import LANGUAGE_NAMES, STRINGS, written_date
from .model import Service
from .texts import sentences
from .vocabulary import NEEDS

# From full texts to the name and phone only: the first that fits one sheet is printed.
LAYOUTS = ("complet", "moyen", "court")
CROSS_BORDER_PAGES = {"fr": "transfrontalier/", "nl": "nl/", "en": "en/"}


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
                path=self.whole_path.removesuffix(".pdf") + f"-{part}.pdf",
                title=self.title + suffix,
                services=tuple(members),
                part=part,
                origin=self.whole_path,
            )
            for part, suffix, members in parts
        ]


def plan_flyers(content: Content) -> list[Flyer]:
    site = content.basin.adresse_site.rstrip("/") + "/"

    def flyer(
        path: str, kind: str, title: str, intro: str, page: str, services: list[Service], **ids: str
    ) -> Flyer:
        return Flyer(path, kind, "fr", title, intro, page, site + page, tuple(services), **ids)

    flyers = []
    for audience_id, audience in content.audiences.items():
        flyers.append(flyer(
            f"flyers/publics/{audience_id}.pdf", "public", f"{audience.vous} : les aides pour vous déplacer",
            f"Voici les services pour vous {content.basin.dans}.", f"publics/{audience_id}/",
            content.services_for(audience=audience_id), audience_id=audience_id,
        ))  # fmt: skip
    for territory_id, territory in content.territories.items():
        flyers.append(flyer(
            f"flyers/territoires/{territory_id}.pdf", "territoire",
            f"Vous habitez {territory.dans} : les aides pour vous déplacer",
            "Voici les services près de chez vous.", f"territoires/{territory_id}/",
            content.services_for(territory=territory_id), territory_id=territory_id,
        ))  # fmt: skip
    for territory_id, audience_id in content.pairs_with_services():
        audience, territory = content.audiences[audience_id], content.territories[territory_id]
        flyers.append(flyer(
            f"flyers/territoires/{territory_id}/{audience_id}.pdf", "public-territoire",
            f"{audience.vous} et vous habitez {territory.dans}", "Voici les services pour vous déplacer.",
            f"territoires/{territory_id}/{audience_id}/", content.services_for(territory_id, audience_id),
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
        page = CROSS_BORDER_PAGES[first]
        flyers.append(
            Flyer(
                f"flyers/transfrontalier-{language}.pdf",
                "transfrontalier",
                language,
                title,
                STRINGS[first]["crossborder_intro"],
                page,
                site + page,
                services,
            )
        )
    return flyers


# --- HTML ----------------------------------------------------------------------


def _html_lines(text: str | None) -> Markup:
    return Markup("<br>").join(escape(line) for line in sentences(text))


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters |= {
        "lines": _html_lines,
        "first_sentences": lambda text, count: "\n".join(sentences(text)[:count]),
        "host": lambda url: urlsplit(url).hostname or url,
    }
    environment.globals |= {
        "icon": inline_icon,
        "needs": NEEDS,
        "language_names": LANGUAGE_NAMES,
        "all_strings": STRINGS,
        "written_date": written_date,
    }
    return environment


_ENVIRONMENT = _environment()


def flyer_html(flyer: Flyer, content: Content, layout: str, numbered: bool = False) -> str:
    """The flyer as one self-contained HTML document (fonts aside), for WeasyPrint."""
    template = _ENVIRONMENT.get_template("flyers/flyer.html.j2")
    css = _ENVIRONMENT.loader.get_source(_ENVIRONMENT, "flyers/flyer.css")[0]  # type: ignore[union-attr]
    qr = segno.make(flyer.page_address, error="m").svg_data_uri(scale=1, border=2, dark="#000")
    return template.render(
        flyer=flyer,
        layout=layout,
        numbered=numbered,
        css=Markup(css),
        qr=qr,
        strings=STRINGS[flyer.languages[0]],
        publisher=content.basin.editeur,
        basin_id=content.basin.id,
        zones=content.zones_text,
        groups=group_by_need(list(flyer.services)),
    )


def moved_notice_html(address: str, content: Content) -> str:
    """A one-page PDF left at the address of a flyer that no longer exists."""
    template = _ENVIRONMENT.get_template("flyers/moved.html.j2")
    css = _ENVIRONMENT.loader.get_source(_ENVIRONMENT, "flyers/flyer.css")[0]  # type: ignore[union-attr]
    qr = segno.make(address, error="m").svg_data_uri(scale=1, border=2, dark="#000")
    return template.render(address=address, css=Markup(css), qr=qr, publisher=content.basin.editeur)
