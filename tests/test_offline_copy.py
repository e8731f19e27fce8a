"""The site on a USB key, without a browser: links written out, web-only parts left out, files inlined.

(tests/browser/test_usb_key.py opens the unpacked archive in Chromium.)
"""

from __future__ import annotations

import io
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest

from generator.output.offline_copy import inline_files, offline_page, write_offline_archive


@pytest.mark.parametrize(
    ("html", "offline"),
    [
        ('<a href="../../services/x/">', '<a href="../../services/x/index.html">'),
        ('<a href="../#pres-de-chez-vous">', '<a href="../index.html#pres-de-chez-vous">'),
        ('<a href="../..">', '<a href="../../index.html">'),  # the theme's link to the home page
        ('<a href=".">', '<a href="./index.html">'),
        ('<form action="../communes/" method="get">', '<form action="../communes/index.html" method="get">'),
        ('<a href="#contenu">', '<a href="#contenu">'),
        ('<a href="https://www.hopbus.fr/">', '<a href="https://www.hopbus.fr/">'),
        ('<a href="tel:+33321000001">', '<a href="tel:+33321000001">'),
        ('<a href="../flyers/publics/jeunes.pdf">', '<a href="../flyers/publics/jeunes.pdf">'),
    ],
)
def test_links_to_pages_name_their_file(html: str, offline: str) -> None:
    assert offline_page(html) == offline


def test_the_link_to_the_archive_is_left_out_of_the_archive() -> None:
    html = (
        "<p>A</p><!--archive-hors-ligne--><p><a href='x.zip'>ZIP</a></p><!--fin-archive-hors-ligne--><p>B</p>"
    )
    assert offline_page(html) == "<p>A</p><p>B</p>"


def test_icons_and_fonts_are_written_into_the_style_sheet(tmp_path: Path) -> None:
    (tmp_path / "icons").mkdir()
    (tmp_path / "icons" / "bus.svg").write_text("<svg/>")
    css = inline_files(".bus{--icone:url(icons/bus.svg)} .x{background:url(absent.svg)}", tmp_path)
    assert css == '.bus{--icone:url("data:image/svg+xml;base64,PHN2Zy8+")} .x{background:url(absent.svg)}'


def test_the_archive_holds_the_site_in_one_folder_with_a_note(minimal_site: Path) -> None:
    with zipfile.ZipFile(minimal_site / "telechargement" / "site-hors-ligne.zip") as archive:
        names = archive.namelist()
        note = archive.read("LISEZ-MOI.txt").decode()
        home = archive.read("site-mobilite-solidaire/index.html").decode()
        dates = {entry.date_time for entry in archive.infolist()}
    assert names[0] == "LISEZ-MOI.txt"
    assert all(name.startswith("site-mobilite-solidaire/") for name in names[1:])
    assert "site-mobilite-solidaire/flyers/publics/jeunes.pdf" in names
    assert not any(name.startswith("site-mobilite-solidaire/search/") for name in names)
    assert "version du 1 mars 2026" in note and "https://bassin-test.example/" in note
    assert 'href="communes/index.html"' in home
    assert dates == {(2026, 3, 1, 0, 0, 0)}  # the content's date, never the clock's


def _written_by_zipfile(members: list[tuple[str, bytes]]) -> bytes:
    """The archive Python's own zipfile writes for the same members, dated as ours."""
    written = io.BytesIO()
    with zipfile.ZipFile(written, "w") as archive:
        for name, data in members:
            entry = zipfile.ZipInfo(name, date_time=(2026, 3, 1, 0, 0, 0))
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_STORED if name.endswith(".pdf") else zipfile.ZIP_DEFLATED
            archive.writestr(entry, data)
    return written.getvalue()


@pytest.mark.parametrize("count", [3, 70_000])  # 70 000 members: the Zip64 end records
def test_our_zip_writer_writes_what_python_zipfile_writes(count: int) -> None:
    from generator.output.zip_writer import ZipWriter, deflated, stored

    members = [(f"pages/{number}/index.html", f"<p>Page {number}</p>".encode()) for number in range(count)]
    members += [("flyers/école.pdf", b"%PDF-1.7 compressed already")]  # a name that is not ASCII
    written = io.BytesIO()
    writer = ZipWriter(written, date(2026, 3, 1))
    for name, data in members:
        writer.add(name, stored(data) if name.endswith(".pdf") else deflated(data))
    writer.close()
    assert written.getvalue() == _written_by_zipfile(members)


def test_the_archive_is_the_same_with_its_pages_kept_or_not(minimal_site: Path, tmp_path: Path) -> None:
    """Pages compressed by the last build are taken back; the archive is byte for byte the same,
    and a page that changed is compressed again."""
    site = Path(shutil.copytree(minimal_site, tmp_path / "site"))
    dated, address = date(2026, 3, 1), "https://bassin-test.example/"
    cold = write_offline_archive(site, dated, address).path.read_bytes()
    kept = tmp_path / "pages"
    assert write_offline_archive(site, dated, address, kept).path.read_bytes() == cold
    pages = sorted(kept.iterdir())
    assert len(pages) == len([*site.rglob("*.html")])
    assert write_offline_archive(site, dated, address, kept).path.read_bytes() == cold  # from the kept pages

    glossary = site / "glossaire" / "index.html"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace("</h1>", " revu</h1>", 1), encoding="utf-8"
    )
    edited = write_offline_archive(site, dated, address, kept).path
    assert len(set(pages) - set(kept.iterdir())) == 1  # the glossary as it was, forgotten
    with zipfile.ZipFile(edited) as archive:
        assert " revu</h1>" in archive.read("site-mobilite-solidaire/glossaire/index.html").decode()
    assert edited.read_bytes() == write_offline_archive(site, dated, address).path.read_bytes()
