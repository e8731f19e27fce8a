"""The site's search index and the words the search page corrects typing slips with
(generator/output/search_index.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.locations import write_whole
from generator.output.search_index import ReadingCopies, _pagefind, indexing_for_search


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
    assert ReadingCopies(tmp_path / "kept").update(tmp_path) == {
        "fr": ["velo", "oeuvre", "pour", "solidaire", "travail"],  # "un", "le", "km": too short to correct
        "nl": ["fiets"],
    }


def test_the_search_index_is_written_while_the_build_goes_on(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(page("fr", "<p>Le vélo solidaire.</p>"), encoding="utf-8")
    with indexing_for_search(site, tmp_path / "kept"):
        (site / "archive.zip").write_bytes(b"")  # the block: the USB key's archive
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert json.loads((site / "pagefind" / "mots-fr.json").read_text(encoding="utf-8")) == [
        "solidaire",
        "velo",
    ]


def test_a_build_stopped_meanwhile_stops_pagefind_and_says_why(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(page("fr", "<p>Le vélo.</p>"), encoding="utf-8")
    with pytest.raises(OSError, match="disque plein"), indexing_for_search(site, tmp_path / "kept"):
        raise OSError("disque plein")
    assert not (site / "pagefind" / "mots-fr.json").exists()


def test_pagefind_writes_from_the_copies_the_index_it_writes_from_the_whole_pages(
    real_site: Path, tmp_path: Path
) -> None:
    """The copies hold all Pagefind reads: the real site's index is the same, file for file."""
    whole = _index_of_whole_pages(real_site, tmp_path / "from-whole-pages")
    assert len(whole) > 50  # a fragment per indexed page, and the index's pieces
    assert _index_files(real_site / "pagefind") == whole


def _index_of_whole_pages(site: Path, index: Path) -> dict[str, object]:
    """The index Pagefind writes from the pages themselves."""
    command = [
        *_pagefind(),
        "--site",
        str(site),
        "--glob",
        "**/*.html",
        "--output-path",
        str(index),
        "--silent",
    ]
    subprocess.run(command, check=True)
    return _index_files(index)


def _index_files(index: Path) -> dict[str, object]:
    """Each file of an index and its content; the entry file read as JSON (its languages are
    sorted by us), the words left out (written by us)."""
    return {
        path.relative_to(index).as_posix(): json.loads(path.read_bytes())
        if path.name == "pagefind-entry.json"
        else path.read_bytes()
        for path in sorted(index.rglob("*"))
        if path.is_file() and not path.name.startswith("mots-")
    }


def test_a_page_is_copied_again_only_when_it_changed(tmp_path: Path) -> None:
    site, kept = tmp_path / "site", tmp_path / "kept"
    for name, text in (("a", "Vélo vélo."), ("b", "Voiture."), ("c", "Navette.")):
        write_whole(site / name / "index.html", page("fr", f"<p>{text}</p>").encode())
    copies = ReadingCopies(kept)
    copies.update(site)
    copy_of = {name: (copies.pages / name / "index.html").stat().st_ino for name in "abc"}

    write_whole(site / "a" / "index.html", page("fr", "<p>Transport.</p>").encode())  # a new file
    with open(site / "b" / "index.html", "a", encoding="utf-8") as in_place:  # the same file, written to
        in_place.write("<!-- -->")
    (site / "c" / "index.html").unlink()
    (site / "c").rmdir()
    write_whole(site / "d" / "index.html", page("fr", "<p>Covoiturage.</p>").encode())
    assert copies.update(site) == {"fr": ["covoiturage", "transport", "voiture"]}

    assert (copies.pages / "a" / "index.html").stat().st_ino != copy_of["a"]
    assert "Transport" in (copies.pages / "a" / "index.html").read_text(encoding="utf-8")
    assert (copies.pages / "b" / "index.html").stat().st_ino != copy_of["b"]
    assert not (copies.pages / "c").exists()
    assert (copies.pages / "d" / "index.html").is_file()
    copy_of = {name: (copies.pages / name / "index.html").stat().st_ino for name in "abd"}
    assert copies.update(site) == {"fr": ["covoiturage", "transport", "voiture"]}
    assert {name: (copies.pages / name / "index.html").stat().st_ino for name in "abd"} == copy_of


def test_a_copy_someone_removed_is_made_again(tmp_path: Path) -> None:
    site, kept = tmp_path / "site", tmp_path / "kept"
    write_whole(site / "index.html", page("fr", "<p>Le vélo.</p>").encode())
    copies = ReadingCopies(kept)
    copies.update(site)
    (copies.pages / "index.html").unlink()
    copies.update(site)
    assert "Le vélo." in (copies.pages / "index.html").read_text(encoding="utf-8")


def _indexed(site: Path, kept: Path) -> dict[str, int]:
    """Index `site`; the inode of each file of its published index."""
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    with indexing_for_search(site, kept):
        pass
    return {path.relative_to(site).as_posix(): path.stat().st_ino for path in (site / "pagefind").rglob("*")}


def test_the_index_of_unchanged_pages_is_taken_again_and_a_change_makes_a_new_one(tmp_path: Path) -> None:
    site, kept = tmp_path / "site", tmp_path / "kept"
    write_whole(
        site / "a" / "index.html", page("fr", "<h1>Vélo</h1><p>Un vélo pour le travail.</p>").encode()
    )
    write_whole(site / "b" / "index.html", page("fr", "<h1>Bus</h1><p>Le bus du matin.</p>").encode())
    first = _indexed(site, kept)
    assert _indexed(site, kept) == first  # the same files: Pagefind did not write them again

    write_whole(site / "b" / "index.html", page("fr", "<h1>Bus</h1><p>Le bus du soir.</p>").encode())
    second = _indexed(site, kept)
    assert second["pagefind/pagefind-entry.json"] != first["pagefind/pagefind-entry.json"]
    assert _index_files(site / "pagefind") == _index_of_whole_pages(site, tmp_path / "whole")


def test_a_published_index_keeps_its_files_when_the_next_build_indexes_again(tmp_path: Path) -> None:
    """The published index shares its files with the kept one by hard links."""
    site, kept = tmp_path / "site", tmp_path / "kept"
    write_whole(site / "index.html", page("fr", "<h1>Vélo</h1><p>Un vélo.</p>").encode())
    _indexed(site, kept)
    published = tmp_path / "published"
    shutil.copytree(site / "pagefind", published, copy_function=os.link)  # as the published site does
    before = _index_files(published)
    write_whole(site / "index.html", page("fr", "<h1>Bus</h1><p>Le bus.</p>").encode())
    _indexed(site, kept)
    assert _index_files(published) == before
