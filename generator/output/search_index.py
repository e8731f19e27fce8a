"""The site's search: a Pagefind index of the built pages, and the words it knows.

Pagefind (https://pagefind.app) reads the finished HTML and writes a static
index, split in small pieces that a search fetches as needed; it stems French,
Dutch and English words and ignores accents, so "demandeurs" finds "demandeur
d'emploi" and "velo" finds "vélo". One index per language, from each page's
`<html lang>`: a French search never lists a Dutch page. Only the part of a
page marked `data-pagefind-body` is read (not the menu or the footer), from a
copy of the page kept with nothing else (`ReadingCopies`).

Pagefind does not forgive typing mistakes. So the words of the indexed pages
are also written out, one list per language, most frequent first: when a word
typed is in no page, the search page (assets/recherche.js) looks there for the
closest word, a letter off ("transprt" → "transport").
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..content.texts import without_accents
from ..locations import code_digest, file_state, files_under, link_or_copy, remove_files_but, write_whole
from ..structure.urls import SEARCH_INDEX, search_words

_SHORTEST_WORD = 3  # shorter words are corrected by no one: "bus" is a letter off "but"
_WORD = re.compile(r"[^\W\d_]+")
_LANGUAGE = re.compile(r"<html[^>]*\blang=\"([\w-]+)\"")
_HTML_TAG = re.compile(r"<html\b[^>]*>")
_INDEXED = re.compile(
    r"<[^>]*\bdata-pagefind-body\b[^>]*>(?P<text>.*?)(?:<!--fin-du-texte-indexe-->|</article>|<footer)",
    re.DOTALL,
)
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


class SearchIndexFailed(Exception):
    """Pagefind could not index the built site."""


@contextmanager
def indexing_for_search(site: Path, kept: Path) -> Iterator[None]:
    """Index the built `site` for search while the block runs (the USB key's archive): Pagefind,
    a program of its own, reads the pages' copies kept in `kept` (`ReadingCopies`), brought up
    to date first. When no copy changed, the index it wrote from them last time is taken again.
    The block must not change a page; the index and the words are written when it ends."""
    copies = ReadingCopies(kept)
    words = copies.update(site)
    if copies.index_is_current():
        yield
    else:
        with _pagefind_writing(copies.pages, copies.new_index):
            yield
        _sort_languages(copies.new_index / "pagefind-entry.json")
        copies.keep_new_index()
    shutil.copytree(copies.index, site / SEARCH_INDEX, copy_function=link_or_copy)
    for language, language_words in sorted(words.items()):
        path = site / search_words(language)
        path.write_text(json.dumps(language_words, ensure_ascii=False), encoding="utf-8")


@contextmanager
def _pagefind_writing(pages: Path, index: Path) -> Iterator[None]:
    """Pagefind indexing `pages` into `index` while the block runs."""
    shutil.rmtree(index, ignore_errors=True)  # what a build stopped midway left
    command = [*_pagefind(), "--site", str(pages), "--output-path", str(index), "--silent"]
    pagefind = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        yield
    except BaseException:  # the build stops: nothing left running
        pagefind.kill()
        pagefind.communicate()
        raise
    output, errors = pagefind.communicate()
    if pagefind.returncode != 0:
        raise SearchIndexFailed((errors or output).strip()[-2000:])


class ReadingCopies:
    """Each page as the search reads it, kept in `folder` from one build to the next.

    Pagefind parses every page whole, menus and all, and that was half of its time on a large
    site. A copy holds only what it reads: the page's `<html>` tag (its language) and its
    indexed part. Pagefind writes the same index from the copies, byte for byte
    (tests/test_search_words.py), twice as fast.

    A page is copied again only when it is another file: the published pages are hard links to
    the finished pages kept by the site builder (output/mkdocs_adapter.py), so after a
    one-record change most pages are the same files. The words of each page are kept with its
    copy, and the index Pagefind wrote from the copies is kept with the digest of their states:
    it is taken again while they stay the same. The published index shares its files by hard
    links: a new index is written in a new folder, never over the kept one. The caller holds the
    kept build's lock: one build at a time.
    """

    def __init__(self, folder: Path) -> None:
        self.pages = folder / "pages"
        self.index_file = folder / "pages.json"
        self.index = folder / "index"
        self.new_index = folder / "index.new"
        self._index_stamp = folder / "index.sha256"
        self._copies_digest = ""

    def update(self, site: Path) -> dict[str, list[str]]:
        """Copy the pages of `site` that changed and forget those gone; return the words of the
        indexed text of every page, by language, most frequent first."""
        before = self._kept_before()
        self.index_file.unlink(missing_ok=True)  # until it is written again, no copy is trusted
        self.pages.mkdir(parents=True, exist_ok=True)
        entries: dict[str, dict[str, Any]] = {}
        for name in files_under(site, ".html"):
            path = site / name
            entry = before.get(name)
            if not (
                entry and entry["page"] == file_state(path) and entry["copy"] == file_state(self.pages / name)
            ):
                entry = self._copy(path, name)
            entries[name] = entry
        remove_files_but(self.pages, entries)
        self.index_file.write_text(
            json.dumps({"code": _copier(), "pages": entries}, sort_keys=True), encoding="utf-8"
        )
        copies = {name: entry["copy"] for name, entry in entries.items() if entry["copy"] is not None}
        self._copies_digest = hashlib.sha256(json.dumps(copies, sort_keys=True).encode()).hexdigest()
        return _by_frequency(entries.values())

    def index_is_current(self) -> bool:
        """Whether the kept index was written from the copies as they are now (`update`)."""
        stamp = self._index_stamp.read_text(encoding="utf-8") if self._index_stamp.is_file() else None
        return self.index.is_dir() and stamp == self._stamp()

    def keep_new_index(self) -> None:
        """The index Pagefind just wrote in `new_index` becomes the kept one."""
        self._index_stamp.unlink(missing_ok=True)
        shutil.rmtree(self.index, ignore_errors=True)
        self.new_index.rename(self.index)
        self._index_stamp.write_text(self._stamp(), encoding="utf-8")

    def _stamp(self) -> str:
        return f"{_copier()} pagefind {version('pagefind-bin')} {self._copies_digest}"

    def _copy(self, path: Path, name: str) -> dict[str, Any]:
        """The page's copy (none if nothing of it is indexed), and its words."""
        state = file_state(path)
        page = path.read_text(encoding="utf-8")
        indexed = _indexed_part(page)
        if indexed is None:
            (self.pages / name).unlink(missing_ok=True)
            return {"page": state, "copy": None, "language": "fr", "words": {}}
        write_whole(self.pages / name, _reading_copy(page, indexed).encode())
        language, text = _language(page), _text(indexed.group("text"))
        words = Counter(word for word in _WORD.findall(without_accents(text)) if len(word) >= _SHORTEST_WORD)
        return {"page": state, "copy": file_state(self.pages / name), "language": language, "words": words}

    def _kept_before(self) -> dict[str, Any]:
        if not self.index_file.is_file():
            return {}
        kept = json.loads(self.index_file.read_text(encoding="utf-8"))
        return kept["pages"] if kept.get("code") == _copier() else {}


@functools.cache
def _copier() -> str:
    """A digest of this file: when the way pages are copied changes, every page is copied again."""
    return code_digest("output/search_index.py")


def _by_frequency(entries: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    counts: dict[str, Counter[str]] = {}
    for entry in entries:
        if entry["words"]:
            counts.setdefault(entry["language"], Counter()).update(entry["words"])
    return {
        language: [word for word, _ in sorted(count.items(), key=lambda item: (-item[1], item[0]))]
        for language, count in counts.items()
    }


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


def _reading_copy(page: str, indexed: re.Match[str]) -> str:
    """What Pagefind reads of a page, as a page of its own: the `<html>` tag (the language) and
    the indexed part from its opening tag on (a result's title is its first heading)."""
    html_tag = _HTML_TAG.search(page)
    return (
        f"<!DOCTYPE html>\n{html_tag.group(0) if html_tag else '<html>'}"
        f"<body>{page[indexed.start() : indexed.end('text')]}</body></html>\n"
    )


def _language(page: str) -> str:
    language = _LANGUAGE.search(page)
    return language.group(1).split("-")[0] if language else "fr"


def _text(indexed: str) -> str:
    return html.unescape(_TAG.sub(" ", _SCRIPT.sub(" ", indexed)))


def _indexed_part(page: str) -> re.Match[str] | None:
    """The part of a built page Pagefind reads: from `data-pagefind-body` to the mark
    overrides/main.html leaves after it. Regular expressions on our own pages: ten times faster
    than a parser, and the build waits for them. `_INDEXED` is tried only at the tags that name
    `data-pagefind-body`: tried from every "<" of the page, it took most of the time."""
    at = page.find("data-pagefind-body")
    while at >= 0:
        indexed = _INDEXED.match(page, max(0, page.rfind("<", 0, at)))
        if indexed:
            return indexed
        at = page.find("data-pagefind-body", at + 1)
    return None
