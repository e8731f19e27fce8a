"""How a value from a record is made harmless in what we write: Markdown, HTML, links.

Every value a record gives is hostile until escaped. Pages are written in
Markdown mixed with HTML blocks; one escaping (`escape_text`) is safe in
both and in an HTML attribute, so templates need only one way to print a
value. Links from content are only http(s), tel:, mailto: and sms:,
percent-encoded.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

# Characters Markdown (with the extensions of mkdocs.yml) or HTML would interpret
# anywhere in a line, and those that start a block (list, heading, quote) at its start.
_INLINE_SPECIAL = re.compile(r"[&<>\"\\`*_\[\]!{}#|]")
_BLOCK_START = re.compile(r"^([-+>=]|\d+(?=[.)]))")
# Runs of spaces and line breaks become one space; a non-breaking space stays (French typography).
_SPACES = re.compile(r"[^\S\u00a0]+")


def escape_text(text: str) -> str:
    """Text shown as is in Markdown and in HTML, as character references.

    The same escaped text is safe in a Markdown paragraph, a raw HTML block
    and an HTML attribute, so templates need only one way to print a value.
    """
    text = _SPACES.sub(" ", text).strip()
    text = _INLINE_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text)
    return _BLOCK_START.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group()), text)


def finalize(value: Any) -> Any:
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


def json_script(value: Any) -> Markup:
    """Data for a `<script type="application/json">` block: nothing in it can close the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


# Sources a citizen may open: operators' pages and public bodies' documents, not the working
# files behind a record (seed documents, line numbers, other projects' code).
_WORKING_FILES = re.compile(r"^https?://(github\.com|gitlab\.com|raw\.githubusercontent\.com)/")


def citizen_sources(sources: list[Any]) -> list[Any]:
    """The sources shown on a citizen page: those with a public web page, without their reference."""
    return [source for source in sources if source.url and not _WORKING_FILES.match(source.url)]
