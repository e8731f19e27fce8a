"""The site's search index and the words the search page corrects typing slips with
(generator/output/search_index.py)."""

from __future__ import annotations

import json
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
    whole = tmp_path / "from-whole-pages"
    subprocess.run(
        [
            *_pagefind(),
            "--site",
            str(real_site),
            "--glob",
            "**/*.html",
            "--output-path",
            str(whole),
            "--silent",
        ],
        check=True,
    )
    built = real_site / "pagefind"
    files = sorted(path.relative_to(whole).as_posix() for path in whole.rglob("*") if path.is_file())
    assert len(files) > 50  # a fragment per indexed page, and the index's pieces
    assert files == sorted(
        path.relative_to(built).as_posix()
        for path in built.rglob("*")
        if path.is_file() and not path.name.startswith("mots-")  # the words, written by us
    )
    for name in files:
        if name == "pagefind-entry.json":  # its languages sorted by us
            assert json.loads((built / name).read_bytes()) == json.loads((whole / name).read_bytes())
        else:
            assert (built / name).read_bytes() == (whole / name).read_bytes(), name


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
