"""The Jinja environments of every template, configured in one place.

Two flavours share the templates folder:
- pages: Markdown with HTML blocks, for the site builder. Jinja's HTML
  autoescape would not protect Markdown, so every printed value goes
  through `escape_text` (the `finalize` hook) unless a template marks it safe;
- HTML documents (flyers, notices), printed to PDF: Jinja's own autoescape.
"""

from __future__ import annotations

import json
from functools import cache
from urllib.parse import quote, urlsplit

import jinja2
from markupsafe import Markup, escape

from ..content.fields import phone_uri
from ..content.problems import Severity
from ..content.records import group_by_need, search_key
from ..content.texts import glossary_anchor, lines_of
from ..content.vocabulary import ACCESS_MODES, CATEGORIES, NEEDS
from ..export.open_data import COLUMNS, LICENCE, LICENCE_URL
from ..falc.settings import RULES
from ..structure import urls
from ..structure.languages import LANGUAGE_NAMES, LANGUAGES, STRINGS, written_date
from .abbreviations import Abbreviations
from .assets import icon, inline_icon
from .charts import bar_chart, radar_chart
from .escape import escape_text, finalize, link_target

_LOADER = jinja2.PackageLoader("generator.render", "templates")


@cache
def page_environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=_LOADER,
        finalize=finalize,
        autoescape=False,  # escaping is done by `finalize`, for Markdown as well as HTML
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters |= {
        "lines_of": lines_of,
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
        "urls": urls,
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
        "rules": RULES,
        "severity": Severity,
    }
    return environment


@cache
def document_environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=_LOADER,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters |= {
        "lines": _html_lines,
        "first_sentences": lambda text, count: "\n".join(lines_of(text)[:count]),
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


def template_source(name: str) -> str:
    """A file of the templates folder as text (the flyers' style sheet)."""
    return _LOADER.get_source(document_environment(), name)[0]


@jinja2.pass_context
def lines(context: jinja2.runtime.Context, text: str | None) -> Markup:
    """A FALC text shown one sentence per line, escaped, abbreviations explained."""
    abbreviations: Abbreviations | None = context.get("abbreviations")
    escaped = "<br> ".join(escape_text(line) for line in lines_of(text))
    return Markup(abbreviations.mark(escaped) if abbreviations else escaped)


def _html_lines(text: str | None) -> Markup:
    return Markup("<br>").join(escape(line) for line in lines_of(text))


@jinja2.pass_context
def deferred(context: jinja2.runtime.Context, html: str) -> Markup:
    """`{% filter deferred %}…{% endfilter %}`: an HTML block the site builder need not parse."""
    blocks: list[str] | None = context.get("deferred_blocks")
    if blocks is None:
        return Markup(html)
    blocks.append(str(html))
    return Markup(f"\n<!--bloc {len(blocks) - 1}-->\n")
