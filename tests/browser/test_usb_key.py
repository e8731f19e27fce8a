"""The site on a USB key: the archive unpacked into a folder and opened from disk in Chromium."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page


@pytest.fixture(scope="module")
def unpacked(real_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cle-usb")
    with zipfile.ZipFile(real_site / "telechargement" / "site-hors-ligne.zip") as archive:
        archive.extractall(folder)
    return folder / "site-mobilite-solidaire"


@pytest.fixture
def offline_page(browser: Browser) -> Page:
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="fr-FR", offline=True)
    return context.new_page()


def test_the_unpacked_site_opens_from_disk_and_the_finder_works(unpacked: Path, offline_page: Page) -> None:
    refused: list[str] = []
    offline_page.on("console", lambda message: _keep_refusals(message, refused))
    offline_page.goto(unpacked.joinpath("index.html").as_uri())
    offline_page.fill("#commune", "bourbour")
    offline_page.press("#commune", "Enter")
    offline_page.wait_for_url("**/communes/59094/index.html")
    assert offline_page.locator("h1").inner_text() == "Vous habitez à Bourbourg"
    assert offline_page.locator('a.bouton-appeler[href^="tel:"]').count() >= 1
    assert refused == []  # the security policy lets the site's own scripts run from a folder
    # The font and the icons are written into the style sheets: Chromium loads no file for them.
    loaded = offline_page.evaluate(
        "document.fonts.ready.then(fonts => [...fonts].filter(f => f.status === 'loaded').length)"
    )
    assert loaded >= 1
    icon = offline_page.eval_on_selector(
        ".icone-phone", "i => getComputedStyle(i).getPropertyValue('--icone')"
    )
    assert icon.startswith('url("data:image/svg+xml;base64,')


def test_every_link_of_the_unpacked_site_opens_a_file(unpacked: Path, offline_page: Page) -> None:
    """Links to pages name their index.html: a folder would show a file listing, not the page."""
    offline_page.goto(unpacked.joinpath("territoires", "boulonnais", "jeunes", "index.html").as_uri())
    links = offline_page.eval_on_selector_all(
        "a[href]", "anchors => anchors.map(a => a.href).filter(h => h.startsWith('file:'))"
    )
    assert len(links) > 20
    for link in links:
        path = Path(link.removeprefix("file://").split("#", 1)[0].split("?", 1)[0])
        assert path.is_file(), link
    # The search needs a server: its links and forms are hidden, its index is not in the archive.
    assert not offline_page.locator(".lien-recherche").is_visible()
    offline_page.goto(unpacked.joinpath("index.html").as_uri())
    assert not offline_page.locator("#recherche-accueil").is_visible()
    assert not (unpacked / "pagefind").exists()


def test_the_archive_holds_the_flyers_and_is_announced_with_its_size(real_site: Path, unpacked: Path) -> None:
    assert sorted(p.name for p in (unpacked / "flyers" / "publics").glob("*.pdf")) == sorted(
        p.name for p in (real_site / "flyers" / "publics").glob("*.pdf")
    )
    assert "Ouvrez le fichier index.html" in (unpacked.parent / "LISEZ-MOI.txt").read_text()
    page = (real_site / "flyers" / "index.html").read_text(encoding="utf-8")
    size = (real_site / "telechargement" / "site-hors-ligne.zip").stat().st_size
    assert f"fichier ZIP, {size / 1_000_000:.0f} Mo, version du " in page
    assert "site-hors-ligne.zip" not in (unpacked / "flyers" / "index.html").read_text(encoding="utf-8")


def _keep_refusals(message: ConsoleMessage, refused: list[str]) -> None:
    if "Content Security Policy" in message.text or "Refused" in message.text:
        refused.append(message.text)
