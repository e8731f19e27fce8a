"""Render planned pages to Markdown with Jinja templates.

Every value printed by a template is escaped for Markdown and HTML unless the
template marks it safe: a record cannot inject markup, links or icons into a
page. Links from content are only http(s), tel: and mailto:, percent-encoded.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from .assets import icon
from .content import Content, group_by_need, search_key
from .coverage import bar_chart, radar_chart
from .exports import COLUMNS, LICENCE, LICENCE_URL
from .falc.settings import RULES
from .fields import phone_uri
from .flyers import CROSS_BORDER_PAGES
from .languages import LANGUAGE_NAMES, LANGUAGES, STRINGS, written_date
from .model import Glossary
from .pages import Page
from .pdf import PrintedFlyer
from .problems import Severity
from .texts import glossary_anchor, sentences
from .vocabulary import ACCESS_MODES, CATEGORIES, NEEDS

# Characters Markdown (with the extensions of mkdocs.yml) or HTML would interpret
# anywhere in a line, and those that start a block (list, heading, quote) at its start.
_INLINE_SPECIAL = re.compile(r"[&<>\"\\`*_\[\]!{}#|]")
_BLOCK_START = re.compile(r"^([-+>=]|\d+(?=[.)]))")


def escape_text(text: str) -> str:
    """Text shown as is in Markdown and in HTML, as character references.

    The same escaped text is safe in a Markdown paragraph, a raw HTML block
    and an HTML attribute, so templates need only one way to print a value.
    """
    text = " ".join(text.split())
    text = _INLINE_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text)
    return _BLOCK_START.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group()), text)


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return Markup(escape_text(str(value)))


_LINK_SAFE = "-._~:/?#@!$&'*+,;=%"  # everything else in a link is percent-encoded


def link_target(url: str) -> Markup:
    """A link destination safe in Markdown `(…)` and in an HTML attribute."""
    if not re.match(r"(https?:|tel:|mailto:|sms:)", url):
        raise ValueError(f"refused link scheme: {url!r}")
    return Markup(quote(url, safe=_LINK_SAFE).replace("&", "&amp;"))


class Abbreviations:
    """Marks the first use of each glossary abbreviation on a page.

    The mark is `<abbr>` with the words in full, inside a link to the glossary
    entry, as RGAA asks. One instance per page: it remembers what it marked.
    """

    def __init__(self, glossary: Glossary, glossary_url: str, pattern: re.Pattern[str]) -> None:
        self.full = {entry.sigle: entry.en_entier for entry in glossary.sigles}
        self.glossary_url = glossary_url
        self.pattern = pattern
        self.marked: set[str] = set()

    @staticmethod
    def pattern_for(glossary: Glossary) -> re.Pattern[str]:
        words = sorted((re.escape(entry.sigle) for entry in glossary.sigles), key=len, reverse=True)
        return re.compile(r"(?<![\w.&#])(" + "|".join(words or ["(?!)"]) + r")(?![\w'’])")

    def mark(self, escaped: str) -> str:
        return self.pattern.sub(self._first_use, escaped)

    def _first_use(self, match: re.Match[str]) -> str:
        abbreviation = match.group(1)
        if abbreviation in self.marked:
            return abbreviation
        self.marked.add(abbreviation)
        return (
            f'<a class="sigle" href="{self.glossary_url}#{glossary_anchor(abbreviation)}">'
            f'<abbr title="{escape_text(self.full[abbreviation])}">{abbreviation}</abbr></a>'
        )


@jinja2.pass_context
def lines(context: jinja2.runtime.Context, text: str | None) -> Markup:
    """A FALC text shown one sentence per line, escaped, abbreviations explained."""
    abbreviations: Abbreviations | None = context.get("abbreviations")
    escaped = "<br> ".join(escape_text(line) for line in sentences(text))
    return Markup(abbreviations.mark(escaped) if abbreviations else escaped)


def make_environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        finalize=_finalize,
        autoescape=False,  # escaping is done by `_finalize`, for Markdown as well as HTML
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters |= {
        "sentences": sentences,
        "lines": lines,
        "deferred": deferred,
        "link": link_target,
        "date": written_date,
        "tel": phone_uri,
        "json": lambda value: Markup(json.dumps(value, ensure_ascii=False)),
        "uri_component": lambda text: quote(str(text), safe=""),
        "search_key": search_key,
        "anchor": glossary_anchor,
    }
    environment.globals |= {
        "icon": icon,
        "categories": CATEGORIES,
        "needs": NEEDS,
        "access_modes": ACCESS_MODES,
        "group_by_need": group_by_need,
        "bar_chart": bar_chart,
        "radar_chart": radar_chart,
        "columns": COLUMNS,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "all_strings": STRINGS,
        "languages": LANGUAGES,
        "language_names": LANGUAGE_NAMES,
        "cross_border_pages": CROSS_BORDER_PAGES,
        "rules": RULES,
        "severity": Severity,
    }
    return environment


@dataclass
class SiteRenderer:
    """Renders the pages of one build: what every page shares is prepared once.

    With `defer_blocks`, large HTML blocks (the service cards) are left out of
    the Markdown as `<!--bloc N-->` markers and kept in `blocks`, to be put
    back into the built HTML by `insert_blocks`: the site builder then does
    not parse thousands of cards it only copies (and excludes from search).
    Without it (live preview), the Markdown holds everything.
    """

    content: Content
    flyers: list[PrintedFlyer] = field(default_factory=list)
    defer_blocks: bool = False
    blocks: dict[str, list[str]] = field(default_factory=dict)  # page address → blocks

    def __post_init__(self) -> None:
        self.environment = make_environment()
        self.glossary_pattern = Abbreviations.pattern_for(self.content.glossary)
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
            page_address=self.content.basin.adresse_site.rstrip("/") + "/" + page.url,
            # The glossary explains French abbreviations: French pages only.
            abbreviations=Abbreviations(self.content.glossary, to("glossaire/"), self.glossary_pattern)
            if language == "fr"
            else None,
            printable=self.flyers_by_page.get(page.url, []),
            audience_labels={i: a.nom for i, a in self.content.audiences.items()},
            category_labels={i: term.label for i, term in CATEGORIES.items()},
            category_short_labels={i: term.short_label for i, term in CATEGORIES.items()},
            contributor_guide=self._guide() if page.template == "guide.md.j2" else None,
            **context,
        )

    @staticmethod
    def _guide() -> Markup:
        from .contributing import guide_markdown

        # Written by us, from the model: shown as Markdown, without its own title.
        return Markup(guide_markdown().split("\n", 1)[1])


@jinja2.pass_context
def deferred(context: jinja2.runtime.Context, html: str) -> Markup:
    """`{% filter deferred %}…{% endfilter %}`: an HTML block the site builder need not parse."""
    blocks: list[str] | None = context.get("deferred_blocks")
    if blocks is None:
        return Markup(html)
    blocks.append(str(html))
    return Markup(f"\n<!--bloc {len(blocks) - 1}-->\n")


def insert_blocks(site: Path, blocks: dict[str, list[str]]) -> None:
    """Put the deferred HTML blocks back into the built pages."""
    for url, page_blocks in blocks.items():
        if not page_blocks:
            continue
        path = site / url / "index.html"
        html = path.read_text(encoding="utf-8")
        for number, block in enumerate(page_blocks):
            marker = f"<!--bloc {number}-->"
            if marker not in html:
                raise ValueError(f"{path}: marker {marker} lost by the site builder")
            html = html.replace(marker, block, 1)
        path.write_text(html, encoding="utf-8")


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
