"""The Jinja environments of every template, configured in one place.

Two flavours share the templates folder:
- pages: Markdown with HTML blocks, for the site builder. Jinja's HTML
  autoescape would not protect Markdown, so every printed value goes
  through `escape_text` (the `finalize` hook) unless a template marks it safe;
- HTML documents (flyers, notices), printed to PDF: Jinja's own autoescape.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import re
import shutil
from collections.abc import Callable
from contextlib import suppress
from functools import cache, cached_property
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
from markupsafe import Markup, escape

from .. import locations
from ..content.fields import phone_uri
from ..content.problems import Severity
from ..content.records import group_by_need, search_key
from ..content.texts import glossary_anchor, lines_of
from ..content.vocabulary import ACCESS_MODES, CATEGORIES, HELP_DESK_KINDS, NEEDS, VEHICLE_CONDITIONS
from ..export.open_data import COLUMNS, LICENCE, LICENCE_URL
from ..falc.rls import BY_LAYOUT, BY_PEOPLE, RULE_CRITERIA
from ..falc.settings import RULES
from ..structure import urls
from ..structure.languages import LANGUAGE_NAMES, LANGUAGES, STRINGS, written_date
from ..structure.search_words import service_search_words
from .abbreviations import Abbreviations
from .assets import icon
from .charts import bar_chart, radar_chart
from .escape import citizen_sources, escape_text, finalize, json_script, link_target
from .hours import hours_in_words
from .icon_font import letter_icon
from .typography import NBSP, french_spaces

_LOADER = jinja2.PackageLoader("generator.render", "templates")


class _FrenchSpacesLoader(jinja2.BaseLoader):
    """The page templates with French spaces in their own sentences (« C'est pour qui ? »)."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = _LOADER.get_source(environment, template)
        return french_spaces(source), filename, uptodate


def page_text(text: str) -> str:
    """A record's text on a page: French spaces, then escaped for Markdown and HTML."""
    return escape_text(french_spaces(text))


def fill_in(sentence: str, language: str, **values: str) -> Markup:
    """One of our sentences (STRINGS) around values from records: "Parlez-en à {who}." Each value
    is escaped, and said to be French on a Dutch or English page (RGAA 8.7)."""
    marked = "" if language == "fr" else ' lang="fr"'
    parts = re.split(r"\{(\w+)\}", french_spaces(sentence))  # text, name, text, name, …, text
    html = [
        f"<span{marked}>{page_text(values[part])}</span>" if index % 2 else str(escape(part))
        for index, part in enumerate(parts)
    ]
    return Markup("".join(html))


def _page_finalize(value: Any) -> Any:
    """A record's value on a page: escaped, with French spaces."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(page_text(value))
    return finalize(value)


class CompiledTemplates(jinja2.BytecodeCache):
    """The templates of one environment, compiled once and kept in the cache (Jinja's bytecode
    cache): with the theme's, compiling them took 0.3 s at every build.

    Jinja checks a kept template against its source, but not against the environment's
    options, which change the compiled code (`finalize`, `trim_blocks`): the folder's name
    carries a digest of this module's code, where our environments are set, and of the
    `versions` of the programs that set the others (MkDocs' theme); the folders of an older code
    are removed. The folder is found at each call (`locations.cache_root`), and a cache that
    cannot be written is only slower."""

    def __init__(self, kind: str, *versions: str) -> None:
        self.kind = kind
        self.versions = versions

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            bucket.bytecode_from_string(self._file(bucket).read_bytes())
        except OSError:
            pass  # not kept yet: Jinja compiles the template
        except (EOFError, ValueError, TypeError, pickle.UnpicklingError):
            bucket.reset()  # damaged: compiled again, and written whole this time

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with suppress(OSError):
            self._forget_older_code()
            locations.write_whole(self._file(bucket), bucket.bytecode_to_string())

    @cached_property
    def folder_name(self) -> str:
        digest = hashlib.sha256(locations.code_digest("render/environment.py").encode())
        digest.update("\0".join(self.versions).encode())
        return f"{self.kind}-{digest.hexdigest()[:16]}"

    def _file(self, bucket: jinja2.bccache.Bucket) -> Path:
        return locations.template_cache() / self.folder_name / f"{bucket.key}.cache"

    def _forget_older_code(self) -> None:
        kept = locations.template_cache()
        for folder in kept.iterdir() if kept.is_dir() else []:
            if folder.name.startswith(f"{self.kind}-") and folder.name != self.folder_name:
                shutil.rmtree(folder, ignore_errors=True)


@cache
def page_environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=_FrenchSpacesLoader(),
        bytecode_cache=CompiledTemplates("pages"),
        finalize=_page_finalize,
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
        # In a message to send (SMS, e-mail), plain spaces: a non-breaking one costs an SMS half its length.
        "uri_component": lambda text: quote(str(text).replace(NBSP, " "), safe=""),
        "search_key": search_key,
        "anchor": glossary_anchor,
        "hours": hours_in_words,
        "json_script": json_script,
        "for_citizens": citizen_sources,
    }
    environment.globals |= {
        "urls": urls,
        "icon": icon,
        "categories": CATEGORIES,
        "needs": NEEDS,
        "access_modes": ACCESS_MODES,
        "help_desk_kinds": HELP_DESK_KINDS,
        "vehicle_conditions": VEHICLE_CONDITIONS,
        "call_button": call_button,
        "group_by_need": group_by_need,
        "service_search_words": service_search_words,
        "fill_in": fill_in,
        "bar_chart": bar_chart,
        "radar_chart": radar_chart,
        "columns": COLUMNS,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "all_strings": STRINGS,
        "languages": LANGUAGES,
        "language_names": LANGUAGE_NAMES,
        "rules": RULES,
        "rule_criteria": RULE_CRITERIA,
        "rls_by_layout": list(BY_LAYOUT.values()),
        "rls_by_people": list(BY_PEOPLE.values()),
        "severity": Severity,
    }
    return environment


@cache
def document_environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=_LOADER,
        bytecode_cache=CompiledTemplates("documents"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters |= {
        "lines": _html_lines,
        "first_sentences": lambda text, count: "\n".join(lines_of(text)[:count]),
        "host": lambda url: urlsplit(url).hostname or url,
        "hours": hours_in_words,
    }
    environment.globals |= {
        "icon": letter_icon,
        "needs": NEEDS,
        "categories": CATEGORIES,
        "language_names": LANGUAGE_NAMES,
        "all_strings": STRINGS,
        "written_date": written_date,
    }
    return environment


def call_button(phone: str, language: str = "fr") -> Markup:
    """The big "Appeler le 03 21 …" button; the number never breaks across two lines."""
    before, _, after = STRINGS[language]["call"].partition("{phone}")
    return Markup(
        f'<a class="md-button md-button--primary bouton-appeler" href="{link_target(phone_uri(phone))}">'
        f'{icon("phone")} {escape_text(before)}<span class="numero">{escape_text(phone)}</span>'
        f"{escape_text(after)}</a>"
    )


def template_source(name: str) -> str:
    """A file of the templates folder as text (the flyers' style sheet)."""
    return _LOADER.get_source(document_environment(), name)[0]


@jinja2.pass_context
def lines(context: jinja2.runtime.Context, text: str | None) -> Markup:
    """A FALC text shown one sentence per line, escaped, abbreviations explained."""
    abbreviations: Abbreviations | None = context.get("abbreviations")
    escaped = "<br> ".join(page_text(line) for line in lines_of(text))
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
