"""The site's search: a Pagefind index of the built pages, and the words it knows.

Pagefind (https://pagefind.app) reads the finished HTML and writes a static
index, split in small pieces that a search fetches as needed; it stems French,
Dutch and English words and ignores accents, so "demandeurs" finds "demandeur
d'emploi" and "velo" finds "vélo". One index per language, from each page's
`<html lang>`: a French search never lists a Dutch page. Only the part of a
page marked `data-pagefind-body` is read (not the menu or the footer).

Pagefind does not forgive typing mistakes. So the words of the indexed pages
are also written out, one list per language, most frequent first: when a word
typed is in no page, the search page (assets/recherche.js) looks there for the
closest word, a letter off ("transprt" → "transport").
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from ..structure.urls import SEARCH_INDEX, search_words

_SHORTEST_WORD = 3  # shorter words are corrected by no one: "bus" is a letter off "but"
_WORD = re.compile(r"[^\W\d_]+")


class SearchIndexFailed(Exception):
    """Pagefind could not index the built site."""


def index_for_search(site: Path) -> None:
    """Write the search index of the built `site`, and the words it knows, inside it."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", SEARCH_INDEX]
    result = subprocess.run([*command, "--silent"], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexFailed((result.stderr or result.stdout).strip()[-2000:])
    _sort_languages(site / SEARCH_INDEX / "pagefind-entry.json")
    for language, words in sorted(known_words(site).items()):
        (site / search_words(language)).write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")


def _sort_languages(entry: Path) -> None:
    """Pagefind lists the languages in any order (a Rust hash map): sorted, the same site gives
    the same bytes. Its other files are stable as long as no page uses Pagefind's filters."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(
        json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8"
    )


def known_words(site: Path) -> dict[str, list[str]]:
    """The words of the indexed text of every page, by language, most frequent first."""
    counts: dict[str, Counter[str]] = {}
    for path in sorted(site.rglob("*.html")):
        reader = _IndexedText()
        reader.feed(path.read_text(encoding="utf-8"))
        if reader.text:
            counts.setdefault(reader.language, Counter()).update(
                word for word in _WORD.findall(plain(" ".join(reader.text))) if len(word) >= _SHORTEST_WORD
            )
    return {
        language: [word for word, _ in sorted(count.items(), key=lambda item: (-item[1], item[0]))]
        for language, count in counts.items()
    }


def plain(text: str) -> str:
    """Lower case, without accents: how people type, and how the search page compares."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("œ", "oe").replace("æ", "ae"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


class _IndexedText(HTMLParser):
    """The text inside `data-pagefind-body`, as Pagefind reads it (scripts and styles aside)."""

    _VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.language = "fr"
        self.text: list[str] = []
        self._depth = 0  # elements open inside the indexed part; 0 when outside
        self._skipped = 0  # <script> or <style> open inside it

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "html" and names.get("lang"):
            self.language = str(names["lang"]).split("-")[0]
        if tag in self._VOID:
            return
        if self._depth:
            self._depth += 1
            self._skipped += tag in ("script", "style")
        elif "data-pagefind-body" in names:
            self._depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self._depth and tag not in self._VOID:
            self._depth -= 1
            self._skipped -= tag in ("script", "style") and self._skipped > 0

    def handle_data(self, data: str) -> None:
        if self._depth and not self._skipped:
            self.text.append(data)
