"""Flyers: real PDF files printed from the real templates, opened and read back."""

from __future__ import annotations

import html
import io
import json
import logging
import math
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.content.records import Content
from generator.locations import flyer_cache
from generator.pipeline import check, valid_content
from generator.render.flyer_height import estimated_pages
from generator.render.flyer_html import flyer_html
from generator.render.pdf import print_flyers
from generator.structure.flyers import Flyer, plan_flyers

from .conftest import REAL_CONTENT, numbered_copies, real_content_today

A4 = (595.28, 841.89)  # points


def read(pdf: Path) -> PdfReader:
    return PdfReader(pdf)


def text_of(pdf: Path) -> str:
    """The text of a PDF, lines joined as a reader would: one space between words."""
    return " ".join(" ".join(page.extract_text() for page in read(pdf).pages).split())


def qr_code_of(pdf: Path, tmp_path: Path) -> str:
    """The address in the flyer's QR code, read with zbarimg from the first page as an image."""
    image = tmp_path / pdf.stem
    subprocess.run(["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", str(pdf), str(image)], check=True)
    [png] = tmp_path.glob(f"{pdf.stem}*.png")
    result = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def all_flyers(site: Path) -> list[Path]:
    return sorted((site / "flyers").rglob("*.pdf"))


def test_minimal_site_has_one_flyer_per_audience_territory_pair_and_language(minimal_site: Path) -> None:
    names = {p.relative_to(minimal_site / "flyers").as_posix() for p in all_flyers(minimal_site)}
    assert names == {
        "publics/jeunes.pdf", "publics/seniors.pdf",
        "territoires/alpha.pdf", "territoires/beta.pdf", "territoires/gamma.pdf",
        "territoires/alpha/jeunes.pdf", "territoires/alpha/seniors.pdf", "territoires/beta/jeunes.pdf",
        "territoires/beta/seniors.pdf", "territoires/gamma/jeunes.pdf", "territoires/gamma/seniors.pdf",
        "transfrontalier-fr.pdf", "transfrontalier-nl.pdf", "transfrontalier-en.pdf",
        "transfrontalier-fr-nl.pdf",
    }  # fmt: skip


@pytest.mark.parametrize("site_name", ["minimal_site", "real_site"])
def test_every_flyer_is_one_a4_sheet_with_embedded_fonts(
    site_name: str, request: pytest.FixtureRequest
) -> None:
    site = request.getfixturevalue(site_name)
    for pdf in all_flyers(site):
        reader = read(pdf)
        assert 1 <= len(reader.pages) <= 2, pdf
        for page in reader.pages:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            assert (round(width, 1), round(height, 1)) == (round(A4[0], 1), round(A4[1], 1)), pdf
            fonts = page["/Resources"]["/Font"]
            for font in fonts.values():
                descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, f"{pdf}: font not embedded"
        if len(reader.pages) == 2:
            assert (
                "Page 1 / 2" in reader.pages[0].extract_text()
                or "Pagina 1 / 2" in reader.pages[0].extract_text()
            )


def test_flyer_lists_its_services_with_phone_numbers(minimal_site: Path) -> None:
    text = text_of(minimal_site / "flyers" / "territoires" / "alpha" / "jeunes.pdf")
    for expected in (
        "Vous êtes jeune et vous habitez dans le Alpha", "Aide Alpha", "03 21 00 00 01",
        "Bus du département", "bus.example.fr", "Cette information peut changer. Vérifiez sur le site.",
        "Édition du 1 mars 2026.", "Publié par Les partenaires du Bassin Test.",
    ):  # fmt: skip
        assert expected in text
    assert "Plateforme du bassin" not in text  # for seniors only


def test_flyer_shows_the_help_desks_near_the_reader_before_the_services(minimal_site: Path) -> None:
    text = text_of(minimal_site / "flyers" / "territoires" / "alpha" / "jeunes.pdf")
    near = text.index("Près de chez vous")
    assert near < text.index("Accueil d'Aville") < text.index("03 21 00 00 10") < text.index("Aide Alpha")
    assert "1 place de la Mairie" in text and "62100 Aville" in text
    assert "Du lundi au jeudi : de 9 h à 12 h et de 14 h à 17 h." in text
    # Gamma has no help desk of its own: its flyer shows no empty box.
    assert "Près de chez vous" not in text_of(minimal_site / "flyers" / "territoires" / "gamma.pdf")


def test_flyer_is_a_proof_until_the_site_address_is_confirmed(minimal_site: Path, content_dir: Path) -> None:
    from generator.content.loader import load_content
    from generator.render.flyer_html import flyer_html
    from generator.render.pdf import render_pdf
    from generator.structure.flyers import plan_flyers

    from .conftest import TODAY

    proof = text_of(minimal_site / "flyers" / "territoires" / "alpha" / "jeunes.pdf")
    assert "Épreuve : ne pas distribuer" in proof
    assert "Proefdruk: niet verspreiden" in text_of(minimal_site / "flyers" / "transfrontalier-nl.pdf")
    basin = content_dir / "bassin.yml"
    basin.write_text(
        basin.read_text().replace("https://bassin-test.example/", "https://bassin-test.fr/")
        + "adresse_site_confirmee: true\n"
    )
    content, _ = load_content(content_dir, TODAY)
    assert content is not None
    flyer = next(f for f in plan_flyers(content) if f.path == "flyers/territoires/alpha/jeunes.pdf")
    pdf = render_pdf(flyer_html(flyer, content, "complet"), b"0" * 16)
    final = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Épreuve" not in final and "https://bassin-test.fr/territoires/alpha/jeunes/" in final


def test_a_build_for_publication_refuses_an_unconfirmed_site_address(
    content_dir: Path, tmp_path: Path
) -> None:
    from generator.pipeline import BuildFailed, build

    from .conftest import TODAY

    with pytest.raises(BuildFailed, match="adresse_site_confirmee: true"):
        build(content_dir, tmp_path / "site", today=TODAY, publication=True)
    assert not (tmp_path / "site").exists()


def test_qr_code_opens_the_page_with_the_same_content(minimal_site: Path, tmp_path: Path) -> None:
    flyers = minimal_site / "flyers"
    assert qr_code_of(flyers / "territoires" / "alpha" / "jeunes.pdf", tmp_path) == (
        "https://bassin-test.example/territoires/alpha/jeunes/"
    )
    assert (
        qr_code_of(flyers / "publics" / "seniors.pdf", tmp_path)
        == "https://bassin-test.example/publics/seniors/"
    )
    assert qr_code_of(flyers / "transfrontalier-nl.pdf", tmp_path) == "https://bassin-test.example/nl/"


def test_cross_border_flyer_speaks_each_language(minimal_site: Path) -> None:
    flyers = minimal_site / "flyers"
    dutch = text_of(flyers / "transfrontalier-nl.pdf")
    assert "Reizen tussen Frankrijk en België" in dutch
    assert "Een pendelbus over de grens." in dutch
    assert "Deze informatie kan veranderen. Kijk op de website." in dutch
    assert "Uitgave van 1 maart 2026." in dutch
    assert "Une navette passe la frontière." not in dutch
    english = text_of(flyers / "transfrontalier-en.pdf")
    assert "This information may change. Check the website." in english and "Border shuttle" in english
    both = text_of(flyers / "transfrontalier-fr-nl.pdf")
    assert "Navette de la frontière" in both and "Grenspendel" in both and "+32 50 12 34 56" in both


def parts_of(flyer: Path) -> list[Path]:
    """A flyer and the parts it was split into, in order."""
    parts = sorted(
        flyer.parent.glob(f"{flyer.stem}-partie-*.pdf"), key=lambda p: int(p.stem.rsplit("-", 1)[1])
    )
    return [flyer, *parts]


def test_real_flyers_show_every_service_of_their_page(real_site: Path) -> None:
    from .test_site import cards_by_page

    cards = cards_by_page(real_site)
    for page in ("territoires/dunkerque/demandeurs-emploi", "publics/jeunes", "territoires/boulonnais"):
        flyer = real_site / "flyers" / f"{page}.pdf"
        text = " ".join(text_of(part) for part in parts_of(flyer))
        for service_id in cards[f"/{page}/"]:
            name = (real_site / "services" / service_id / "index.html").read_text().split("<h1", 1)[1]
            name = html.unescape(name.split(">", 1)[1].split("</h1>", 1)[0])
            assert name in text, (page, name)
    assert "3949" in text_of(real_site / "flyers" / "territoires" / "dunkerque" / "demandeurs-emploi.pdf")


def test_every_row_of_every_real_flyer_says_whom_to_call(real_content_copy: Path) -> None:
    """A service printed without a number sends the reader to a help desk, never to nothing."""
    from generator.content.loader import load_content
    from generator.render.flyer_html import flyer_html
    from generator.structure.flyers import plan_flyers

    from .conftest import real_content_today

    content, _ = load_content(real_content_copy, real_content_today())
    assert content is not None
    for flyer in plan_flyers(content):
        for layout in ("complet", "court"):
            rows = flyer_html(flyer, content, layout).split('<section class="ligne">')[1:]
            assert len(rows) == len(flyer.services), flyer.path
            for row in rows:
                row = row.split("</section>", 1)[0]
                assert 'class="telephone"' in row or 'class="appeler-accueil"' in row, (
                    flyer.path,
                    layout,
                    row,
                )


def test_every_part_of_a_split_flyer_leads_to_its_page(real_site: Path, tmp_path: Path) -> None:
    parts = [
        part for part in sorted((real_site / "flyers").rglob("*-partie-*.pdf")) if not _moved_notice(part)
    ]
    assert parts, "the real content has flyers long enough to be split"
    address = "https://mobilite-solidaire-littoral-nord.example/"
    for part in parts[:: max(1, len(parts) // 4)]:
        url = qr_code_of(part, tmp_path)
        assert url.startswith(address), part
        assert (real_site / url.removeprefix(address) / "index.html").is_file(), url
        number, total = re.search(r"partie (\d+) sur (\d+)", text_of(part)).groups()  # type: ignore[union-attr]
        assert part.stem.endswith(f"-partie-{number}") and int(number) <= int(total)


def _moved_notice(pdf: Path) -> bool:
    """A part no longer printed: its published address now holds a notice that leads to the
    flyer's page (`structure/addresses.py`)."""
    metadata = PdfReader(pdf).metadata
    return metadata is not None and metadata.title == "Ce document a changé"


def test_flyers_page_lists_every_flyer_with_pages_and_size(real_site: Path) -> None:
    html = (real_site / "flyers" / "index.html").read_text(encoding="utf-8")
    for pdf in all_flyers(real_site):
        if _moved_notice(pdf):
            continue
        assert pdf.relative_to(real_site / "flyers").as_posix() in html
    assert "\u00a0: PDF, 2 pages, " in html and " Ko" in html


def test_pages_link_to_their_flyer(real_site: Path) -> None:
    html = (real_site / "territoires" / "boulonnais" / "jeunes" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../../flyers/territoires/boulonnais/jeunes.pdf"' in html


def test_flyers_are_cached_and_reprinted_only_when_their_content_changes(
    content_dir: Path, tmp_path: Path
) -> None:
    from generator.content.loader import load_content
    from generator.render.pdf import print_flyers
    from generator.structure.flyers import plan_flyers

    from .conftest import TODAY

    content, _ = load_content(content_dir, TODAY)
    assert content is not None
    cache = tmp_path / "cache"
    first = print_flyers(plan_flyers(content), content, cache, workers=1)
    assert (len(first.rendered), len(first.reused)) == (15, 0)
    again = print_flyers(plan_flyers(content), content, cache, workers=1)
    assert (len(again.rendered), len(again.reused)) == (0, 15)
    path = content_dir / "services" / "aide-alpha.yml"
    # The cost is on the web page, not on paper: no flyer changes.
    path.write_text(path.read_text().replace("L'aide donne 50 euros.", "L'aide donne 60 euros."))
    changed, _ = load_content(content_dir, TODAY)
    assert changed is not None
    assert print_flyers(plan_flyers(changed), changed, cache, workers=1).rendered == []
    # Its description is printed: the 3 flyers showing aide-alpha are printed again, no other.
    path.write_text(
        path.read_text().replace("Une aide pour payer vos trajets.", "Une aide pour vos trajets.")
    )
    changed, _ = load_content(content_dir, TODAY)
    assert changed is not None
    after = print_flyers(plan_flyers(changed), changed, cache, workers=1)
    assert sorted(after.rendered) == [
        "flyers/publics/jeunes.pdf",
        "flyers/territoires/alpha.pdf",
        "flyers/territoires/alpha/jeunes.pdf",
    ]


def test_a_new_print_style_prints_every_flyer_again(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The style sheet is not in a flyer's HTML (the printer adds it): it is in the cache key."""
    from generator.content.loader import load_content
    from generator.render import pdf
    from generator.structure.flyers import plan_flyers

    from .conftest import TODAY

    content, _ = load_content(content_dir, TODAY)
    assert content is not None
    cache = tmp_path / "cache"
    assert len(pdf.print_flyers(plan_flyers(content), content, cache, workers=1).rendered) == 15
    style = pdf.print_style()
    monkeypatch.setattr(pdf, "print_style", lambda: style + "h1 { font-size: 23pt; }")
    assert len(pdf.print_flyers(plan_flyers(content), content, cache, workers=1).rendered) == 15


def test_flyers_cut_down_by_another_font_subsetter_are_printed_again(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """WeasyPrint cuts the fonts down with HarfBuzz when the system has it, else with fontTools:
    the bytes differ, so the cache key says which one printed."""
    import ctypes.util

    import weasyprint.pdf.fonts

    from generator.content.loader import load_content
    from generator.render import pdf
    from generator.structure.flyers import plan_flyers

    from .conftest import TODAY

    content, _ = load_content(content_dir, TODAY)
    assert content is not None
    cache = tmp_path / "cache"
    harfbuzz = pdf.print_flyers(plan_flyers(content), content, cache, workers=1)
    assert len(harfbuzz.rendered) == 15
    find_library = ctypes.util.find_library
    monkeypatch.setattr(
        ctypes.util, "find_library", lambda name: None if "subset" in name else find_library(name)
    )
    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    fonttools = pdf.print_flyers(plan_flyers(content), content, cache, workers=1)
    assert len(fonttools.rendered) == 15
    assert {p.flyer.path: p.pdf for p in harfbuzz.printed} != {p.flyer.path: p.pdf for p in fonttools.printed}


def test_same_content_gives_byte_identical_flyers(content_dir: Path, tmp_path: Path) -> None:
    from generator.content.loader import load_content
    from generator.render.pdf import print_flyers
    from generator.structure.flyers import plan_flyers

    from .conftest import TODAY

    content, _ = load_content(content_dir, TODAY)
    assert content is not None
    one = print_flyers(plan_flyers(content), content, None, workers=1)
    two = print_flyers(plan_flyers(content), content, None, workers=2)
    assert [p.pdf for p in one.printed] == [p.pdf for p in two.printed]


def test_cross_border_flyers_say_where_the_bus_stops_and_how_often(real_site: Path) -> None:
    expected = {
        "fr": ("Où ? À Hazebrouck, le bus part de la gare.", "Steenvoorde", "un bus toutes les 2 heures",
               "Prochaine mise à jour avant le"),
        "nl": ("Waar? In Hazebrouck vertrekt de bus aan het station.", "Steenvoorde",
               "ongeveer om de twee uur een bus", "Volgende bijwerking vóór"),
        "en": ("Where? In Hazebrouck, the bus leaves from the station.", "Steenvoorde",
               "a bus about every two hours", "Next update before"),
    }  # fmt: skip
    for language, sentences in expected.items():
        text = text_of(real_site / "flyers" / f"transfrontalier-{language}.pdf")
        for sentence in sentences:
            assert sentence in text, (language, sentence)
        assert "Transmobil était" not in text  # the project ended in 2022: its record is retired


def translation_warnings(content_dir: Path) -> list[tuple[int, str, str, str]]:
    from generator.content.loader import load_content

    from .conftest import TODAY

    _, problems = load_content(content_dir, TODAY)
    return [(p.line, p.field, p.code, p.hint) for p in problems if p.code.startswith("traduction/")]


def test_a_translation_is_stale_when_the_french_text_changes_after_it(content_dir: Path) -> None:
    from generator.content.loader import load_content
    from generator.content.translations import french_fingerprint

    from .conftest import TODAY

    path = content_dir / "services" / "navette-frontiere.yml"
    assert translation_warnings(content_dir) == []
    path.write_text(
        path.read_text().replace("Une navette passe la frontière.", "Une navette va en Belgique.")
    )
    content, _ = load_content(content_dir, TODAY)
    assert content is not None
    new = french_fingerprint(content.services["navette-frontiere"])
    assert new != "22201cfb"
    hint = f"mettez à jour la traduction, puis écrivez « traduit_de: {new} »."
    assert translation_warnings(content_dir) == [
        (24, "traductions.nl.traduit_de", "traduction/perimee", hint),
        (31, "traductions.en.traduit_de", "traduction/perimee", hint),
    ]
    # A translation that does not say which French text it translates is flagged too.
    path.write_text(path.read_text().replace("    traduit_de: 22201cfb\n", "", 1))
    [(line, field, code, _), _] = translation_warnings(content_dir)
    assert (line, field, code) == (23, "traductions.nl.traduit_de", "traduction/version-inconnue")


def test_every_real_translation_says_which_french_text_it_translates() -> None:
    from .conftest import REAL_CONTENT

    assert translation_warnings(REAL_CONTENT) == []


def test_a_build_for_publication_needs_a_way_to_report_an_error(content_dir: Path, tmp_path: Path) -> None:
    from generator.pipeline import BuildFailed, build

    from .conftest import TODAY

    basin = content_dir / "bassin.yml"
    text = basin.read_text().replace("https://bassin-test.example/", "https://bassin-test.fr/")
    text = "".join(
        line
        for line in text.splitlines(keepends=True)
        if not line.startswith(("contact_email", "depot_github"))
    )
    basin.write_text(text + "adresse_site_confirmee: true\n")
    with pytest.raises(BuildFailed, match="moyen de signaler une erreur"):
        build(content_dir, tmp_path / "site", today=TODAY, publication=True)
    # A preview says plainly that this version has no way yet, instead of « Dites-le nous ».
    build(content_dir, tmp_path / "apercu", today=TODAY, flyers=False)
    page = (tmp_path / "apercu" / "services" / "aide-alpha" / "index.html").read_text(encoding="utf-8")
    assert "pas encore de moyen de signaler une erreur" in page and "Dites-le nous" not in page


def test_the_height_estimate_agrees_with_the_printer_on_the_real_flyers(real_site: Path) -> None:
    """The first guess of a layout comes from the flyer's text (render/flyer_height.py): on the
    real flyers as printed (from the build's cache), it tells a one-page from a two-page flyer."""
    content = valid_content(check(REAL_CONTENT, real_content_today()))
    printed = print_flyers(plan_flyers(content), content, flyer_cache()).printed
    agree = [
        math.ceil(estimated_pages(flyer_html(p.flyer, content, p.layout, p.pages > 1))) == p.pages
        for p in printed
    ]
    assert len(agree) > 100
    assert sum(agree) / len(agree) >= 0.98, f"{sum(agree)} sur {len(agree)}"


def test_the_height_estimate_measures_what_the_printer_fills_to_the_millimetre() -> None:
    """Lines are measured with HarfBuzz (kerning), wrapped where the printer wraps (spaces,
    hyphens, slashes), as tall as their icons and larger words make them; a page ends where
    WeasyPrint ends it: on every fourth real flyer, in each layout, the estimate tells how far
    the printer fills its last page to half a millimetre (a page is 263 mm)."""
    from generator.render.pdf import render_pdf

    content = valid_content(check(REAL_CONTENT, real_content_today()))
    errors = {}
    for flyer in plan_flyers(content)[::4]:
        for layout in ("complet", "moyen", "court"):
            printed = render_pdf(flyer_html(flyer, content, layout, True), b"0" * 16)
            if printed.pages <= 3:  # where the layout of a sheet is decided
                filled = printed.pages - 1 + printed.last_page_fill
                estimate = estimated_pages(flyer_html(flyer, content, layout, True, qr=False))
                errors[f"{flyer.path} {layout}"] = abs(estimate - filled) * 263
    assert len(errors) > 25
    assert max(errors.values()) < 0.5, sorted(errors.items(), key=lambda item: -item[1])[:3]


def test_each_icon_prints_as_its_drawing(tmp_path: Path) -> None:
    """Flyers print their icons as letters of a font made from the SVG files (icon_font.py): each
    letter, printed and rasterised, covers the same pixels as its SVG drawing."""
    from PIL import Image, ImageChops, ImageFilter

    from generator.locations import ICONS, icon_names
    from generator.render.icon_font import icon_style, letter_icon
    from generator.render.pdf import render_pdf

    names = sorted(icon_names())
    square = (
        'style="display: block; width: 20mm; height: 20mm; font-size: 20mm; line-height: 1; margin: 0 0 5mm"'
    )
    drawings = {
        "svg": "".join(f"<div {square}>{(ICONS / f'{name}.svg').read_text()}</div>" for name in names),
        "letter": "".join(str(letter_icon(name)).replace("<span", f"<span {square}") for name in names),
    }
    pages = {}
    for kind, body in drawings.items():
        document = f"<html lang=fr><head><style>{icon_style()} svg {{ width: 100%; height: 100%; }}</style></head><body>{body}</body></html>"
        (tmp_path / f"{kind}.pdf").write_bytes(render_pdf(document, b"0" * 16).data)
        subprocess.run(
            ["pdftoppm", "-r", "100", "-gray", "-png", str(tmp_path / f"{kind}.pdf"), str(tmp_path / kind)],
            check=True,
        )
        pages[kind] = sorted(tmp_path.glob(f"{kind}-*.png"))
    assert len(pages["svg"]) == len(pages["letter"]) >= 3
    for drawn, written in zip(pages["svg"], pages["letter"], strict=True):
        svg, letter = (
            Image.open(path).point(lambda gray: 255 if gray < 128 else 0) for path in (drawn, written)
        )
        inked = svg.histogram()[255]
        # Inked in one and not even beside an inked pixel of the other: a pixel's shift is rounding.
        astray = sum(
            ImageChops.subtract(one, other.filter(ImageFilter.MaxFilter(3))).histogram()[255]
            for one, other in ((svg, letter), (letter, svg))
        )
        assert inked > 1000, drawn  # the icons are there
        assert astray < inked * 0.01, f"{drawn.name}: {astray} pixels astray, of {inked}"


def test_the_icon_font_is_the_same_whenever_it_is_made(monkeypatch: pytest.MonkeyPatch) -> None:
    """A flyer made today and the same flyer made tomorrow are the same bytes (fontTools would
    write the time the font is made into it)."""
    import fontTools.fontBuilder

    from generator.render import icon_font

    today = icon_font._font()
    monkeypatch.setattr(fontTools.fontBuilder, "timestampNow", lambda: 3_900_000_000)
    assert icon_font._font() == today


def test_printing_the_icons_with_fonttools_logs_no_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Without Debian's HarfBuzz subsetter, WeasyPrint cuts the fonts down with fontTools, which
    warned twice per flyer about an icon font dated 0: a build's output is for the contributor."""
    import weasyprint.pdf.fonts

    from generator.render.icon_font import icon_style, letter_icon
    from generator.render.pdf import render_pdf

    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    document = f"<html lang=fr><head><style>{icon_style()}</style></head><body>{letter_icon('phone')} 03 21</body></html>"
    with caplog.at_level(logging.WARNING):
        render_pdf(document, b"0" * 16)
    assert [record.getMessage() for record in caplog.records if record.name.startswith("fontTools")] == []


def test_a_longer_text_makes_a_taller_flyer() -> None:
    row = (
        '<section class="ligne"><h3>Wimoov</h3><p class="quoi">{}</p><p class="telephone">03 21</p></section>'
    )
    page = '<html><body class="complet"><header><h1>Flyer</h1></header><main>{}</main></body></html>'
    short = estimated_pages(page.format(row.format("Une aide.") * 5))
    long = estimated_pages(page.format(row.format("Une aide pour passer le permis de conduire. " * 4) * 5))
    assert 0 < short < long
    assert estimated_pages(page.format(row.format("Une aide.") * 40)) > 2  # forty services: more than a sheet


def test_the_height_estimate_wraps_with_the_printers_letters() -> None:
    """Lines are as long as the font's letters are wide, not as a count of characters."""
    row = '<section class="ligne"><div class="corps"><p class="quoi">{}</p></div></section>'
    page = '<html><body class="complet"><header></header><main>{}</main></body></html>'
    narrow, wide = ("il " * 60, "MW " * 60)  # as many characters
    assert estimated_pages(page.format(row.format(wide) * 10)) > estimated_pages(
        page.format(row.format(narrow) * 10)
    )


def test_a_row_that_does_not_fit_the_end_of_a_page_starts_the_next() -> None:
    """The printer never cuts a service's row: a page holds only whole rows."""
    row = '<section class="ligne"><div class="corps"><p class="quoi">{}</p></div></section>'
    page = '<html><body class="complet"><header></header><main>{}</main></body></html>'
    tall_row = row.format("Une aide pour passer le permis de conduire. " * 22)
    one_row = estimated_pages(page.format(tall_row))
    assert 0.35 < one_row < 0.5  # three rows would fill 1.2 pages, but a page holds only two
    assert estimated_pages(page.format(tall_row * 3)) == pytest.approx(1 + one_row)  # the third, alone


def test_cache_entries_no_build_used_for_a_month_are_removed(content_dir: Path, tmp_path: Path) -> None:
    from generator.content.loader import load_content

    from .conftest import TODAY

    content, _ = load_content(content_dir, TODAY)
    assert content is not None
    cache = tmp_path / "cache"
    print_flyers(plan_flyers(content), content, cache, workers=1)
    documents = cache / "documents"
    indexes = sorted(cache.glob("*.json"))
    shown = {part["document"] for index in indexes for part in json.loads(index.read_text())["parts"]}
    used = indexes + [documents / f"{key}{suffix}" for key in sorted(shown) for suffix in (".pdf", ".json")]
    month_ago = time.time() - 31 * 24 * 3600
    for name, age in (("vieille", month_ago), ("recente", time.time() - 24 * 3600)):
        (cache / f"{name}.json").write_text("{}", encoding="utf-8")
        (cache / f"{name}-0.pdf").write_bytes(b"%PDF")  # a flyer kept as version 2 kept them
        os.utime(cache / f"{name}.json", (age, age))
        for suffix in (".pdf", ".json"):  # a document only an edited-away flyer printed
            (documents / f"{name}{suffix}").write_bytes(b"{}")
            os.utime(documents / f"{name}{suffix}", (age, age))
    for entry in used:  # as old as the forgotten one, but this build uses them
        os.utime(entry, (month_ago, month_ago))
    again = print_flyers(plan_flyers(content), content, cache, workers=1)
    assert again.rendered == [] and again.documents_printed == 0
    assert not (cache / "vieille.json").exists() and not (cache / "vieille-0.pdf").exists()
    assert not [*documents.glob("vieille.*")]
    assert (cache / "recente.json").exists() and (cache / "recente-0.pdf").exists()  # another branch's, maybe
    assert len([*documents.glob("recente.*")]) == 2
    assert all(entry.exists() and entry.stat().st_mtime > month_ago + 3600 for entry in used)


def test_two_processes_guess_the_layouts_one_would(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold build guesses its flyers' layouts and splits in two processes (`pdf._guesses`)."""
    from generator.render import pdf

    content = valid_content(check(REAL_CONTENT, real_content_today()))
    flyers = plan_flyers(content)
    assert len(flyers) >= pdf.GUESSES_SHARED_FROM
    guesses = {}
    for shared_from in (pdf.GUESSES_SHARED_FROM, len(flyers) + 1):
        monkeypatch.setattr(pdf, "GUESSES_SHARED_FROM", shared_from)
        per_part: dict[str, int] = {}
        guessed = pdf._guesses(flyers, content, per_part)
        guesses[shared_from] = (
            [(flyer.path, layout, numbered) for flyer, layout, numbered in guessed],
            per_part,
        )
    shared, alone = guesses.values()
    assert shared == alone
    assert shared[1] and any(path.endswith("-partie-2.pdf") for path, _, _ in shared[0])  # some split at once


def test_a_flyer_too_long_for_a_sheet_is_split_in_as_few_parts_as_fit() -> None:
    """A part keeps a need's services together, so parts of 10 services out of 30 may be four
    and parts of 13 three: every way to cut a real flyer in fewer parts than it is has a part
    the estimate puts beyond one sheet, even in short."""
    from generator.render import pdf

    content = valid_content(check(REAL_CONTENT, real_content_today()))
    per_part: dict[str, int] = {}
    pdf._guesses(plan_flyers(content), content, per_part)
    split = [flyer for flyer in plan_flyers(content) if flyer.path in per_part]
    assert len(split) > 10
    for flyer in split:
        parts = len(flyer.split(per_part[flyer.path]))
        for size in range(1, len(flyer.services)):
            fewer = flyer.split(size)
            if len(fewer) < parts:
                pages = [
                    estimated_pages(flyer_html(part, content, "court", True, qr=False)) for part in fewer
                ]
                assert max(pages) > 2, (flyer.path, size, pages)


def test_a_split_flyer_prints_again_only_the_part_that_changed(tmp_path: Path) -> None:
    from generator.content.loader import load_content

    content_dir = Path(shutil.copytree(REAL_CONTENT, tmp_path / "content"))
    today = real_content_today()

    def the_flyer(content_dir: Path) -> tuple[list[Flyer], Content]:
        content, _ = load_content(content_dir, today)
        assert content is not None
        return [f for f in plan_flyers(content) if f.path == "flyers/publics/demandeurs-emploi.pdf"], content

    cache = tmp_path / "cache"
    before = print_flyers(*the_flyer(content_dir), cache, workers=1)
    assert len(before.printed) >= 3  # split: too long for one sheet
    record = content_dir / "services" / "activ-emploi.yml"
    record.write_text(record.read_text().replace("une aide d'argent", "une aide en argent", 1))  # 1st line
    after = print_flyers(*the_flyer(content_dir), cache, workers=1)

    edited = [p for p in after.printed if any(s.id == "activ-emploi" for s in p.flyer.services)]
    assert len(edited) == 1 and after.rendered == ["flyers/publics/demandeurs-emploi.pdf"]
    assert after.documents_printed == 1  # that part only: the others are the same documents
    unchanged = {p.flyer.path: p.pdf for p in before.printed if p.flyer.path != edited[0].flyer.path}
    assert {p.flyer.path: p.pdf for p in after.printed if p.flyer.path in unchanged} == unchanged
    cold = print_flyers(*the_flyer(content_dir), None, workers=1)  # no cache at all: the same bytes
    assert [(p.flyer.path, p.pdf) for p in cold.printed] == [(p.flyer.path, p.pdf) for p in after.printed]


def test_a_split_flyer_whose_parts_spill_over_is_split_again_once_per_round(tmp_path: Path) -> None:
    """Every part of a split flyer may spill onto a third page in the same round: the parts are
    made smaller once for that round, not once per part (which left one service per sheet)."""
    from generator.render.pdf import Pdf, PrintedDocuments, _fit, _Printer

    class TwoPerSheet(_Printer):
        """A printer on which a sheet holds two services, whatever the layout: fewer than the
        parts of the first split (from the estimate of the real printer's pages) hold."""

        def _print(self, documents: list[tuple[str, bytes]]) -> list[Pdf]:
            return [Pdf(b"%PDF", 2 if html.count('class="ligne"') <= 2 else 3, 0.9) for html, _ in documents]

    content = valid_content(check(REAL_CONTENT, real_content_today()))
    [flyer] = [f for f in plan_flyers(content) if f.path == "flyers/publics/demandeurs-emploi.pdf"]
    assert len(flyer.services) > 3 * 4
    [fitted] = _fit([flyer], content, TwoPerSheet(1, PrintedDocuments(None, "test"))).values()
    sizes = [len(part.flyer.services) for part in fitted.printed]
    assert max(sizes) == 2 and all(part.pages == 2 for part in fitted.printed)
    assert len(sizes) <= math.ceil(len(flyer.services) / 2) + 4  # needs kept together cost a few parts


def test_an_audience_flyer_too_long_for_a_region_sends_the_reader_to_their_territory_flyer(
    content_dir: Path, tmp_path: Path
) -> None:
    """At the scale of a region, an audience's flyer would list every service of every territory
    on a hundred sheets: it lists the basin's own, and says where the others are."""
    from generator.content.loader import load_content
    from generator.structure.flyers import AUDIENCE_FLYER_LISTS_UP_TO

    from .conftest import TODAY

    def seniors_flyers() -> tuple[Flyer, Flyer, Content]:
        content, _ = load_content(content_dir, TODAY)
        assert content is not None
        flyers = {flyer.path: flyer for flyer in plan_flyers(content)}
        return flyers["flyers/publics/seniors.pdf"], flyers["flyers/territoires/alpha/seniors.pdf"], content

    for_seniors = {"[jeunes]": "[seniors]"}  # copies of Aide Alpha, for the seniors of Alpha
    numbered_copies(
        content_dir, "aide-alpha", AUDIENCE_FLYER_LISTS_UP_TO - 2, for_seniors
    )  # with the example's 2
    audience, _, _ = seniors_flyers()
    assert len(audience.services) == AUDIENCE_FLYER_LISTS_UP_TO and audience.on_territory_flyers == 0

    numbered_copies(content_dir, "aide-alpha", AUDIENCE_FLYER_LISTS_UP_TO - 1, for_seniors)  # one too many
    audience, territory, content = seniors_flyers()
    assert [service.nom for service in audience.services] == ["Plateforme du bassin"]
    assert audience.on_territory_flyers == AUDIENCE_FLYER_LISTS_UP_TO
    assert len(territory.services) == AUDIENCE_FLYER_LISTS_UP_TO + 1  # every one is on its territory's

    [printed] = print_flyers([audience], content, None, workers=1).printed
    pdf = tmp_path / "seniors.pdf"
    pdf.write_bytes(printed.pdf)
    text = text_of(pdf)
    assert printed.pages == 1 and "Plateforme du bassin" in text and "Aide Alpha" not in text
    assert (
        f"Il y a aussi {AUDIENCE_FLYER_LISTS_UP_TO} services près de chez vous. Ils sont sur le flyer de "
        "votre territoire. Demandez ce flyer à l'accueil. Ou scannez le code en haut de la page."
    ) in text
