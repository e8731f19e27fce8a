"""Render planned pages to Markdown (with HTML blocks) for the site builder.

Every value printed by a template is escaped (`escape.py`) unless the
template marks it safe: a record cannot inject markup, links or icons into a
page. Links between pages are relative final addresses ("../services/x/"),
computed from `urls.py`.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from markupsafe import Markup

from ..content.records import Content
from ..content.vocabulary import CATEGORIES
from ..export.guide import guide_markdown
from ..structure import urls
from ..structure.flyers import PrintedFlyer
from ..structure.languages import STRINGS
from ..structure.pages import Page, communes_by_letter, communes_by_postcode
from .abbreviations import Abbreviations
from .environment import page_environment
from .escape import json_script
from .kept_markdown import KeptMarkdown, PageKeys, Rendered
from .shared_work import shared_map


@dataclass
class SiteRenderer:
    """Renders the pages of one build: what every page shares is prepared once.

    With `defer_blocks`, large HTML blocks (the service cards) are left out of
    the Markdown as `<!--bloc N-->` markers and kept in `blocks`, to be put
    back into the built HTML by `finished_page`: the site builder then does
    not parse thousands of cards it only copies (and excludes from search).
    Without it (live preview), the Markdown holds everything.
    """

    content: Content
    flyers: list[PrintedFlyer] = field(default_factory=list)
    defer_blocks: bool = False
    blocks: dict[str, list[str]] = field(default_factory=dict)  # page address → blocks

    def __post_init__(self) -> None:
        self.environment = page_environment()
        self.glossary_pattern = Abbreviations.pattern_for(self.content.glossary)
        self.letters = communes_by_letter(self.content)
        self.postcodes = communes_by_postcode(self.content)
        self.finder_entries = _finder_entries(self.content)
        self.flyers_by_page: dict[str, list[PrintedFlyer]] = {}
        for printed in self.flyers:
            self.flyers_by_page.setdefault(printed.flyer.page, []).append(printed)

    def render(self, page: Page) -> str:
        template = self.environment.get_template(f"pages/{page.template}")
        to = _linker(page)
        context = {"language": "fr", **page.context}
        language = context["language"]
        blocks: list[str] | None = self.blocks.setdefault(page.url, []) if self.defer_blocks else None
        return template.render(
            page=page,
            deferred_blocks=blocks,
            strings=STRINGS[language],
            content=self.content,
            basin=self.content.basin,
            to=to,
            page_address=urls.absolute(self.content.basin.adresse_site, page.url),
            # The glossary explains French abbreviations: French pages only.
            abbreviations=Abbreviations(self.content.glossary, to(urls.GLOSSARY), self.glossary_pattern)
            if language == "fr"
            else None,
            printable=self.flyers_by_page.get(page.url, []),
            audience_labels={i: a.nom for i, a in self.content.audiences.items()},
            category_labels={i: term.label for i, term in CATEGORIES.items()},
            category_short_labels={i: term.short_label for i, term in CATEGORIES.items()},
            contributor_guide=self._guide() if page.template == "guide.md.j2" else None,
            communes_by_letter=self.letters,
            communes_by_postcode=self.postcodes,
            **context,
        )

    def render_all(self, pages: list[Page], kept: KeptMarkdown | None = None) -> list[str]:
        """The Markdown of `pages`, in their order. A page rendered before from the same things
        (`PageKeys`) is taken from `kept`. A large site's pages are shared between two forked
        processes, each sending back its pages' keys, text and blocks (`shared_map`)."""
        # Made before the processes fork: each goes on with its copy of the records' digests.
        keys = PageKeys(self.content, self.defer_blocks) if kept is not None else None
        done = shared_map(partial(self._kept_or_rendered, kept, keys), pages, from_size=SHARED_FROM)
        if kept is not None:
            kept.forget_all_but({key for key, _ in done})
        texts = []
        for page, (_, (text, blocks)) in zip(pages, done, strict=True):
            if blocks is not None:
                self.blocks[page.url] = blocks
            texts.append(text)
        return texts

    def _kept_or_rendered(
        self, kept: KeptMarkdown | None, keys: PageKeys | None, page: Page
    ) -> tuple[str, Rendered]:
        if kept is None or keys is None:
            return "", self._render_with_blocks(page)
        key = keys.key(page, self.flyers_by_page.get(page.url, []))
        rendered = kept.load(key)
        if rendered is None:
            rendered = self._render_with_blocks(page)
            kept.store(key, rendered)
        return key, rendered

    def _render_with_blocks(self, page: Page) -> Rendered:
        text = self.render(page)
        return text, self.blocks.get(page.url)

    def commune_finder_script(self) -> bytes:
        """The communes the finder searches, as a script that hands them to assets/options.js.

        A script, not a JSON file: a browser opening the site from a USB key loads a script
        from a folder, but refuses to fetch a file. JSON is valid JavaScript; `json_script`
        keeps any "<" or "&" from a name inert.
        """
        return f"window.mobiliteSolidaireCommunes = {json_script(self.finder_entries)};\n".encode()

    @staticmethod
    def _guide() -> Markup:
        # Written by us, from the model: shown as Markdown, without its own title.
        return Markup(guide_markdown().split("\n", 1)[1])


SHARED_FROM = 300  # pages (`shared_map`)


def _finder_entries(content: Content) -> list[dict[str, Any]]:
    """What the commune finder searches: names, former names and postcodes, with each page's
    address. The names' search keys (`search_key`) are computed by the browser, once: a third
    of the list's weight, downloaded by every person who uses the finder or the search."""
    return [
        {
            "n": commune.nom,
            "c": commune.codes_postaux,
            "an": commune.anciens_noms,
            "i": insee,  # its page: communes/<insee>/
        }
        for insee, (commune, _) in content.communes.items()
    ]


def _linker(page: Page) -> Any:
    """`to("services/x/")`: the relative address of another page from this one.

    Addresses are final ("../services/x/"), not Markdown file names, so that
    links work the same in Markdown, in raw HTML and with any site builder.
    """
    here = "/" + page.url

    def to(target: str) -> Markup:
        relative = posixpath.relpath("/" + target, here)
        return Markup(relative + "/" if target.endswith("/") or not target else relative)

    return to
