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

import html
import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..content.texts import without_accents
from ..structure.urls import SEARCH_INDEX, search_words

_SHORTEST_WORD = 3  # shorter words are corrected by no one: "bus" is a letter off "but"
_WORD = re.compile(r"[^\W\d_]+")
_LANGUAGE = re.compile(r"<html[^>]*\blang=\"([\w-]+)\"")
_INDEXED = re.compile(
    r"<[^>]*\bdata-pagefind-body\b[^>]*>(?P<text>.*?)(?:<!--fin-du-texte-indexe-->|</article>|<footer)",
    re.DOTALL,
)
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


class SearchIndexFailed(Exception):
    """Pagefind could not index the built site."""


@contextmanager
def indexing_for_search(site: Path) -> Iterator[None]:
    """Index the built `site` for search while the block runs (the USB key's archive): Pagefind,
    a program of its own, only reads the pages, and the words it knows are counted meanwhile.
    The block must not change a page; the index and the words are written when it ends."""
    command = [*_pagefind(), "--site", str(site), "--output-subdir", SEARCH_INDEX]
    pagefind = subprocess.Popen(
        [*command, "--silent"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        words = known_words(site)
        yield
    except BaseException:  # the build stops: nothing left running
        pagefind.kill()
        pagefind.communicate()
        raise
    output, errors = pagefind.communicate()
    if pagefind.returncode != 0:
        raise SearchIndexFailed((errors or output).strip()[-2000:])
    _sort_languages(site / SEARCH_INDEX / "pagefind-entry.json")
    for language, language_words in sorted(words.items()):
        path = site / search_words(language)
        path.write_text(json.dumps(language_words, ensure_ascii=False), encoding="utf-8")


def _pagefind() -> list[str]:
    """Pagefind's program, found as its Python package finds it: `python -m pagefind` does the
    same after starting Python, 50 ms more at every build."""
    from pagefind.service import get_executable

    program = get_executable()
    return [str(program)] if program else [sys.executable, "-m", "pagefind"]


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
        language, text = indexed_text(path.read_text(encoding="utf-8"))
        if text:
            counts.setdefault(language, Counter()).update(
                word for word in _WORD.findall(without_accents(text)) if len(word) >= _SHORTEST_WORD
            )
    return {
        language: [word for word, _ in sorted(count.items(), key=lambda item: (-item[1], item[0]))]
        for language, count in counts.items()
    }


def indexed_text(page: str) -> tuple[str, str]:
    """The language of a built page and the text Pagefind reads in it: from `data-pagefind-body`
    to the mark overrides/main.html leaves after it, scripts and styles aside. Regular
    expressions on our own pages: ten times faster than a parser, and the build waits for them."""
    language = _LANGUAGE.search(page)
    body = _indexed_body(page)
    if body is None:
        return "fr", ""
    text = _TAG.sub(" ", _SCRIPT.sub(" ", body))
    return (language.group(1).split("-")[0] if language else "fr"), html.unescape(text)


def _indexed_body(page: str) -> str | None:
    """What `_INDEXED` finds, tried only at the tags that name `data-pagefind-body`: searched
    from every "<" of the page, it took most of the time of `known_words`."""
    at = page.find("data-pagefind-body")
    while at >= 0:
        body = _INDEXED.match(page, max(0, page.rfind("<", 0, at)))
        if body:
            return body.group("text")
        at = page.find("data-pagefind-body", at + 1)
    return None
