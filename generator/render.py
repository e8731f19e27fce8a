"""Render planned pages to Markdown with Jinja templates.

Every value printed by a template is escaped for Markdown and HTML unless the
template marks it safe: a record cannot inject markup, links or icons into a
page. Links from content are only http(s), tel: and mailto:, percent-encoded.
"""

from __future__ import annotations

import json
import posixpath
import re
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from .content import Content, group_by_need
from .fields import french_date, phone_uri
from .pages import Page
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
    if not re.match(r"(https?:|tel:|mailto:)", url):
        raise ValueError(f"refused link scheme: {url!r}")
    return Markup(quote(url, safe=_LINK_SAFE).replace("&", "&amp;"))


def sentences(text: str | None) -> list[str]:
    """A FALC text is one sentence per line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def lines(text: str | None) -> Markup:
    """A FALC text shown one sentence per line, escaped."""
    return Markup("<br>\n".join(escape_text(line) for line in sentences(text)))


@cache
def icon(name: str) -> Markup:
    """An inline SVG icon, hidden from screen readers: the text beside it says the same."""
    svg = resources.files("generator").joinpath(f"assets/icons/{name}.svg").read_text(encoding="utf-8")
    svg = svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
    return Markup(f'<span class="icone">{svg}</span>')


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
        "link": link_target,
        "date_fr": french_date,
        "tel": phone_uri,
        "json": lambda value: Markup(json.dumps(value, ensure_ascii=False)),
    }
    environment.globals |= {
        "icon": icon,
        "categories": CATEGORIES,
        "needs": NEEDS,
        "access_modes": ACCESS_MODES,
        "group_by_need": group_by_need,
    }
    return environment


def render_page(environment: jinja2.Environment, page: Page, content: Content) -> str:
    template = environment.get_template(f"pages/{page.template}")
    return template.render(page=page, content=content, basin=content.basin, to=_linker(page), **page.context)


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
