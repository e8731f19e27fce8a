"""The built site: every page exists, and each service appears on exactly the pages it should."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.output import theme_assets
from generator.output.mkdocs_adapter import with_scrolling_boxes
from generator.pipeline import build

from .conftest import MINIMAL_CONTENT, REAL_CONTENT, TODAY

# A service shown on a page: as a card, or as a line of a list in brief (audience pages).
CARD_LINK = re.compile(r'<div class="carte-service"[^>]*>\s*<h3><a href="([^"]+)"')
BRIEF_LIST = re.compile(r'<ul class="services-en-bref"[^>]*>(.*?)</ul>', re.S)
LINK = re.compile(r'<a href="([^"]+)"')


def url_of(page: Path, site: Path) -> str:
    folder = page.parent.relative_to(site).as_posix()
    return "/" if folder == "." else f"/{folder}/"


def page_urls(site: Path) -> set[str]:
    return {url_of(path, site) for path in site.rglob("index.html")}


def services_shown(html: str) -> set[str]:
    links = CARD_LINK.findall(html) + [
        link for part in BRIEF_LIST.findall(html) for link in LINK.findall(part)
    ]
    return {link.rstrip("/").rsplit("/", 1)[-1] for link in links}


def cards_by_page(site: Path) -> dict[str, set[str]]:
    """For every page, the ids of the services it shows (as cards or in brief)."""
    return {
        url_of(path, site): services_shown(path.read_text(encoding="utf-8"))
        for path in site.rglob("index.html")
    }


def pages_showing(site: Path, service_id: str) -> set[str]:
    return {url for url, ids in cards_by_page(site).items() if service_id in ids}


def test_minimal_site_has_exactly_the_planned_pages(minimal_site: Path) -> None:
    assert page_urls(minimal_site) == {
        "/",
        "/publics/jeunes/",
        "/publics/seniors/",
        "/territoires/",
        "/territoires/alpha/",
        "/territoires/beta/",
        "/territoires/gamma/",
        "/territoires/alpha/jeunes/",
        "/territoires/alpha/seniors/",
        "/territoires/beta/jeunes/",
        "/territoires/beta/seniors/",
        "/territoires/gamma/jeunes/",
        "/territoires/gamma/seniors/",
        "/services/",
        "/services/aide-alpha/",
        "/services/bus-departement/",
        "/services/navette-frontiere/",
        "/services/plateforme-bassin/",
        "/communes/",
        *(f"/communes/{insee}/" for insee in ("59001", "59009", "62001", "62002", "62009", "62019")),
        *(f"/communes/lettre-{letter}/" for letter in "abgs"),
        *(f"/communes/code-postal-{prefix}/" for prefix in ("591", "621", "622")),
        "/glossaire/",
        "/accessibilite/",
        "/contribuer/",
        "/contribuer/falc/",
        "/recherche/",
        "/donnees/",
        "/couverture/",
        "/flyers/",
        "/transfrontalier/",
        "/nl/",
        "/en/",
    }


def test_each_service_appears_on_exactly_its_audience_and_territory_pages(minimal_site: Path) -> None:
    assert pages_showing(minimal_site, "aide-alpha") == {
        "/publics/jeunes/",
        "/territoires/alpha/",
        "/territoires/alpha/jeunes/",
    }
    # `tous` and a whole département: every audience, every territory of the Pas-de-Calais.
    assert pages_showing(minimal_site, "bus-departement") == {
        "/publics/jeunes/",
        "/publics/seniors/",
        "/territoires/alpha/",
        "/territoires/beta/",
        "/territoires/alpha/jeunes/",
        "/territoires/alpha/seniors/",
        "/territoires/beta/jeunes/",
        "/territoires/beta/seniors/",
    }
    # The whole basin: every territory, one audience.
    assert pages_showing(minimal_site, "plateforme-bassin") == {
        "/publics/seniors/",
        "/territoires/alpha/",
        "/territoires/beta/",
        "/territoires/gamma/",
        "/territoires/alpha/seniors/",
        "/territoires/beta/seniors/",
        "/territoires/gamma/seniors/",
    }
    assert pages_showing(minimal_site, "navette-frontiere") == {
        "/publics/jeunes/",
        "/territoires/gamma/",
        "/territoires/gamma/jeunes/",
    }


def test_service_page_says_what_whom_cost_how_and_who_to_call(minimal_site: Path) -> None:
    html = (minimal_site / "services" / "aide-alpha" / "index.html").read_text(encoding="utf-8")
    text = BeautifulSoup(html, "html.parser").get_text(" ", strip=True)
    for expected in (
        "Aide Alpha",
        "Une aide pour payer vos trajets.",
        "C'est pour qui ?",
        "Vous avez moins de 26 ans.",
        "Combien ça coûte ?",
        "L'aide donne 50 euros.",
        "Comment faire ?",
        "Appelez la communauté de communes.",
        "Qui appeler ?",
        "Appeler le 03 21 00 00 01",
        "Ces informations ont été vérifiées le 15 janvier 2026.",
        "Mis à jour le 15 janvier 2026.",
    ):
        assert expected in text
    assert 'href="tel:+33321000001"' in html


def test_pair_page_title_speaks_to_the_reader(minimal_site: Path) -> None:
    html = (minimal_site / "territoires" / "alpha" / "jeunes" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in html and "Vous êtes jeune et vous habitez dans le Alpha</h1>" in html


def test_orientation_and_address_on_service_page(minimal_site: Path) -> None:
    html = (minimal_site / "services" / "plateforme-bassin" / "index.html").read_text(encoding="utf-8")
    text = BeautifulSoup(html, "html.parser").get_text(" ", strip=True)
    assert "Un professionnel doit vous envoyer vers ce service." in text
    assert "votre mairie" in text
    assert "1 rue de la Gare" in text and "62000 Aville" in text
    assert 'href="mailto:contact@plateforme.example.fr"' in html


def _raw_zones(record: dict, territories: dict[str, dict], basin: dict) -> set[str]:
    """Territories of a raw record, computed here independently of the generator."""
    zones = set(record["territoires"])
    if basin["id"] in zones:
        return set(territories)
    return {tid for tid, t in territories.items() if tid in zones or t["departement"] in zones}


def test_real_services_appear_on_exactly_their_territory_and_audience_pages(real_site: Path) -> None:
    basin = yaml.safe_load((REAL_CONTENT / "bassin.yml").read_text())
    territories = {
        p.stem: yaml.safe_load(p.read_text()) for p in (REAL_CONTENT / "territoires").glob("*.yml")
    }
    audiences = {p.stem for p in (REAL_CONTENT / "publics").glob("*.yml")}
    cards = cards_by_page(real_site)
    records = {p.stem: yaml.safe_load(p.read_text()) for p in (REAL_CONTENT / "services").glob("*.yml")}
    # The page of a retired service shows what replaces it.
    replacing = {
        (new, f"/services/{old}/")
        for old, record in records.items()
        for new in record.get("remplace_par", [])
    }
    for service_id, record in sorted(records.items()):
        if record.get("statut") == "retire":
            assert {url for url, ids in cards.items() if service_id in ids} == set(), service_id
            continue
        zones = _raw_zones(record, territories, basin)
        publics = audiences if record["publics"] == ["tous"] else set(record["publics"])
        expected = (
            {f"/territoires/{t}/" for t in zones}
            | {f"/publics/{a}/" for a in publics}
            | {f"/territoires/{t}/{a}/" for t in zones for a in publics}
        )
        expected |= {page for new, page in replacing if new == service_id}
        shown = {url for url, ids in cards.items() if service_id in ids}
        assert shown == expected, service_id


def test_tables_and_code_blocks_scroll_with_the_keyboard_without_the_theme_javascript() -> None:
    page = with_scrolling_boxes(
        '<table class="matrice"><caption>Services par <abbr>DSP</abbr> &amp; territoire</caption></table>'
        "<table><tr><td>1</td></tr></table><pre><code>nom: Wimoov</code></pre>"
    )
    boxes = BeautifulSoup(page, "html.parser").select(".md-typeset__scrollwrap")
    assert [box["aria-label"] for box in boxes] == ["Services par DSP & territoire", "Tableau"]
    assert all(box["tabindex"] == "0" and box["role"] == "region" for box in boxes)
    assert [box.select_one(".md-typeset__table > table") is not None for box in boxes] == [True, True]
    assert '<pre><code tabindex="0">' in page


def test_a_build_without_purgecss_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(theme_assets, "PURGECSS", tmp_path / "absent" / "purgecss.js")
    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path / "cache"))
    with pytest.raises(theme_assets.ThemeAssetsFailed, match="lancez « make site »"):
        theme_assets.purged_style_sheet(b".md-header{color:red}", ["header"])


def test_the_theme_style_sheet_is_cut_by_the_markup_so_a_text_change_reuses_it() -> None:
    """The words PurgeCSS reads come from tags, not text, addresses or ids: the cached result holds."""
    before, after = (
        theme_assets.tag_words(
            f'<h2 id="{text[:12]}">{text}</h2><a class="md-button bouton-appeler" href="tel:{text}" '
            f'aria-label="{text}" data-md-toggle="drawer">{text}</a>'
        )
        for text in ("Appelez Wimoov", "Appelez Wimoov au 03 21 00 00 00")
    )
    assert before == after
    assert {"a", "h2", "md-button", "bouton-appeler", "data-md-toggle", "drawer", "href"} <= set(before)
    assert "Wimoov" not in before and "Appelez" not in before


def test_the_commune_finder_list_is_one_script_loaded_on_use_not_in_each_page(real_site: Path) -> None:
    script = (real_site / "communes" / "liste-des-communes.js").read_text(encoding="utf-8")
    prefix = "window.mobiliteSolidaireCommunes = "
    assert script.startswith(prefix) and script.rstrip().endswith(";")
    communes = json.loads(script.removeprefix(prefix).rstrip().removesuffix(";"))
    assert len(communes) == sum(1 for _ in (real_site / "communes").glob("[0-9]*/index.html"))
    assert all((real_site / "communes" / commune["i"] / "index.html").is_file() for commune in communes)
    for page in ("index.html", "communes/index.html"):
        html = (real_site / page).read_text(encoding="utf-8")
        assert "mobiliteSolidaireCommunes" not in html and "donnees-communes" not in html
        assert 'data-recherche-commune="' in html


def test_a_preview_says_so_on_every_page_and_is_not_indexed(minimal_site: Path, tmp_path: Path) -> None:
    preview = tmp_path / "apercu"
    build(MINIMAL_CONTENT, preview, today=TODAY, flyers=False, preview=True)
    for page in ("index.html", "services/aide-alpha/index.html"):
        html = (preview / page).read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex">' in html
        banner = BeautifulSoup(html, "html.parser").select_one(".md-banner .bandeau-apercu")
        assert banner is not None and banner.get_text() == (
            "Aperçu d'une proposition de modification\u00a0: ce n'est pas le site publié."
        )
        published = (minimal_site / page).read_text(encoding="utf-8")
        assert "noindex" not in published and "md-banner" not in published
