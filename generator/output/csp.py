"""A Content-Security-Policy on every page: the second wall behind escaping.

Should a value from a record ever slip through as markup, the browser still
refuses to run it: no inline script at all, no code compiled at run time but
the search's WebAssembly (Pagefind), no event handler attribute, no script,
style, font or image from another host. The policy is a `<meta>` tag, so it
holds on any static host.

Before writing it, every page is checked: the site's scripts are all files,
so an inline script (other than JSON data) means something went wrong, and the build stops.
"""

from __future__ import annotations

import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
_CHARSET = '<meta charset="utf-8">'
POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)


class UnexpectedScript(Exception):
    """A page holds an inline script: none of our templates writes one."""


def with_policy(html: str, name: str) -> str:
    """The page with the policy, after checking it holds no inline script (`name` is for the message)."""
    for script in _INLINE_SCRIPT.finditer(html):
        attributes = script.group("attributes")
        if "src=" not in attributes and 'type="application/json"' not in attributes:  # JSON is never run
            raise UnexpectedScript(f"{name} : script en ligne inattendu : {script.group('body')[:80]!r}")
    if _CHARSET not in html:
        raise UnexpectedScript(
            f"{name} : la page n'a pas de <meta charset>, la règle ne peut pas y être mise."
        )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
    return html.replace(_CHARSET, f"{_CHARSET}\n    {meta}", 1)
