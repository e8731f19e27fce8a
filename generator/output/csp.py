"""A Content-Security-Policy on every page: the second wall behind escaping.

Should a value from a record ever slip through as markup, the browser still
refuses to run it: no inline script but the theme's own (allowed by its
digest), no code compiled at run time but the search's WebAssembly (Pagefind),
no event handler attribute, no script, style, font or image from another host.
The policy is a `<meta>` tag, so it holds on any static host.

Before writing it, every inline script of every page is checked: one that is
not the theme's means something went wrong, and the build stops.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from pathlib import Path

_INLINE_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
_CHARSET = '<meta charset="utf-8">'
POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)


class UnexpectedScript(Exception):
    """A page holds an inline script that no template of ours or of the theme writes."""


def secure_pages(site: Path, allowed: Callable[[str], bool]) -> None:
    """Check the inline scripts of every page against `allowed`, then add the policy."""
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        path.write_text(with_policy(html, allowed, path.relative_to(site).as_posix()), encoding="utf-8")


def with_policy(html: str, allowed: Callable[[str], bool], name: str) -> str:
    hashes = []
    for script in _INLINE_SCRIPT.finditer(html):
        attributes, body = script.group("attributes"), script.group("body")
        if "src=" in attributes or 'type="application/json"' in attributes:
            continue  # a file of the site, or data that is never run
        if not allowed(body):
            raise UnexpectedScript(f"{name} : script en ligne inattendu : {body[:80]!r}")
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    if _CHARSET not in html:
        raise UnexpectedScript(
            f"{name} : la page n'a pas de <meta charset>, la règle ne peut pas y être mise."
        )
    policy = POLICY.format(hashes=" ".join(sorted(set(hashes)))).replace("  ", " ")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return html.replace(_CHARSET, f"{_CHARSET}\n    {meta}", 1)
