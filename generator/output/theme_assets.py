"""The theme's files cut to what the built pages use: a light page on a bad phone network.

Part of the MkDocs adapter's work (it knows mkdocs-material's file names); called by it.

mkdocs-material ships a style sheet for every component it has (137 KB, 22 KB
compressed) and a JavaScript bundle the site does not load (see "scripts" in
overrides/main.html). After MkDocs:

- PurgeCSS keeps the theme's rules whose selectors match the site's markup or
  what our scripts add, about a third of them;
- the theme's unused files (bundle, search worker, source maps) are removed, so
  that neither the host nor the USB-key archive carries them.

PurgeCSS reads the words of the markup (tag names, attribute names and values,
classes) rather than the pages themselves: the text of a record can never keep
a rule, and the result is cached under a digest of these words, so a build
after a change of text does not run it again.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..locations import PURGECSS, theme_css_cache, write_whole

THEME_CSS = "assets/stylesheets/main.*.min.css"
UNUSED = ("assets/javascripts", "assets/stylesheets/*.map", "assets/stylesheets/palette.*.css")
OUR_SCRIPTS = "assets/*.js"  # they add classes and elements the pages do not have yet
_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_TAG_NAME = re.compile(r"<([a-zA-Z][\w-]*)")
_ATTRIBUTE = re.compile(r"""\s([\w:-]+)(?:="([^"]*)")?""")
_WORD = re.compile(r"[A-Za-z0-9_-]+")  # what PurgeCSS's default extractor takes as a word
# Values that are text, addresses or references, never what the theme's selectors test (they
# test [href] or [id] only as present): left out, the words stay the same when the content
# changes, and so does the cache key.
_TEXT_VALUES = frozenset({
    "href", "src", "id", "title", "alt", "aria-label", "aria-labelledby", "aria-describedby",
    "aria-controls", "content", "value", "placeholder", "d", "xmlns", "viewBox", "datetime", "action",
    "hreflang", "srcset", "style",
})  # fmt: skip


class ThemeAssetsFailed(Exception):
    """PurgeCSS is missing or failed."""


def slim_theme_assets(site: Path, page_words: set[str]) -> None:
    """Cut the theme's style sheet to the rules the site uses (the pages' `tag_words` and the words
    of our scripts); remove the theme's unused files."""
    for pattern in UNUSED:
        for path in sorted(site.glob(pattern)):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
    words = set(page_words)
    for script in site.glob(OUR_SCRIPTS):
        words.update(_WORD.findall(script.read_text(encoding="utf-8")))
    for style_sheet in sorted(site.glob(THEME_CSS)):
        style_sheet.write_bytes(purged_style_sheet(style_sheet.read_bytes(), sorted(words)))


def tag_words(page: str) -> set[str]:
    """Every word of a page's tags: names, attributes, classes; not its text, addresses or ids."""
    words: set[str] = set()
    tags = "".join(_TAG.findall(page))
    words.update(name.lower() for name in _TAG_NAME.findall(tags))
    for name, value in _ATTRIBUTE.findall(tags):
        words.add(name)
        if value and name not in _TEXT_VALUES:
            words.update(_WORD.findall(value))
    return words


def purged_style_sheet(css: bytes, words: list[str]) -> bytes:
    """The rules of `css` whose selectors only name these words; from the cache when it has them."""
    digest = hashlib.sha256(PURGECSS.read_bytes() if PURGECSS.is_file() else b"")
    digest.update(css)
    digest.update("\n".join(words).encode())
    cached = theme_css_cache() / f"{digest.hexdigest()}.css"
    if cached.is_file():
        return cached.read_bytes()
    purged = _run_purgecss(css, words)
    write_whole(cached, purged)
    return purged


def _run_purgecss(css: bytes, words: list[str]) -> bytes:
    if not PURGECSS.is_file() or shutil.which("node") is None:
        raise ThemeAssetsFailed(
            "PurgeCSS n'est pas installé : lancez « make site », qui l'installe avec npm."
        )
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "theme.css").write_bytes(css)
        (work / "mots.txt").write_text("\n".join(words), encoding="utf-8")
        (work / "out").mkdir()
        done = subprocess.run(
            ["node", str(PURGECSS), "--css", "theme.css", "--content", "mots.txt", "--output", "out"],
            cwd=work, capture_output=True, text=True, check=False,
        )  # fmt: skip
        purged = work / "out" / "theme.css"
        if done.returncode != 0 or not purged.is_file():
            raise ThemeAssetsFailed(f"PurgeCSS a échoué : {done.stderr.strip()[:500]}")
        return purged.read_bytes()
