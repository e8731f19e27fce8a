"""The words the search page corrects typing slips with (generator/output/search_index.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.output.search_index import known_words


def page(lang: str, body: str) -> str:
    return (
        f'<html lang="{lang}"><head><title>Menu Menu</title></head><body>'
        f"<nav>Menu Menu Menu</nav><div data-pagefind-body>{body}</div><footer>Contribuer</footer></body></html>"
    )


def test_words_come_from_the_indexed_text_by_language_most_frequent_first(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        page(
            "fr", "<h1>Vélo solidaire</h1><p>Un vélo<br>pour le travail.</p><script>var cache = 1;</script>"
        ),
        encoding="utf-8",
    )
    (tmp_path / "b.html").write_text(page("fr", "<p>Le <b>Vélo</b> et l'œuvre, 12 km.</p>"), encoding="utf-8")
    (tmp_path / "nl.html").write_text(page("nl-BE", "<p>Fiets fiets</p>"), encoding="utf-8")
    (tmp_path / "sans.html").write_text("<html lang='fr'><body><p>Ignoré</p></body></html>", encoding="utf-8")
    assert known_words(tmp_path) == {
        "fr": ["velo", "oeuvre", "pour", "solidaire", "travail"],  # "un", "le", "km": too short to correct
        "nl": ["fiets"],
    }


def test_the_search_index_is_written_while_the_build_goes_on(tmp_path: Path) -> None:
    from generator.output.search_index import indexing_for_search

    (tmp_path / "index.html").write_text(page("fr", "<p>Le vélo solidaire.</p>"), encoding="utf-8")
    with indexing_for_search(tmp_path):
        (tmp_path / "archive.zip").write_bytes(b"")  # the block: the USB key's archive
    assert (tmp_path / "pagefind" / "pagefind-entry.json").is_file()
    assert json.loads((tmp_path / "pagefind" / "mots-fr.json").read_text(encoding="utf-8")) == [
        "solidaire",
        "velo",
    ]


def test_a_build_stopped_meanwhile_stops_pagefind_and_says_why(tmp_path: Path) -> None:
    from generator.output.search_index import indexing_for_search

    (tmp_path / "index.html").write_text(page("fr", "<p>Le vélo.</p>"), encoding="utf-8")
    with pytest.raises(OSError, match="disque plein"), indexing_for_search(tmp_path):
        raise OSError("disque plein")
    assert not (tmp_path / "pagefind" / "mots-fr.json").exists()
