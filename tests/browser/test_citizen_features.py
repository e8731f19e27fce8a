"""What a citizen does on the site, in a real browser: search, find a commune, reading options."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from . import search


@pytest.mark.parametrize(
    ("query", "territory"),
    [
        ("st omer", "pays-de-saint-omer"),
        ("Saint-Omer", "pays-de-saint-omer"),
        ("62500", "pays-de-saint-omer"),
        ("Dunkerque", "dunkerque"),
        ("dunkerque", "dunkerque"),
        ("Hazebrouck", "coeur-de-flandre"),
        ("boulogne sur mer", "boulonnais"),
        ("Étaples", "deux-baies-montreuillois"),
        ("etaples", "deux-baies-montreuillois"),
    ],
)
def test_commune_finder_leads_to_the_territory(page: Page, site_url: str, query: str, territory: str) -> None:
    page.goto(site_url + "communes/")
    page.fill("#commune", query)
    links = page.locator(".liste-communes li:not([hidden]) a")
    assert links.count() >= 1
    hrefs = {links.nth(i).get_attribute("href") for i in range(links.count())}
    assert f"../territoires/{territory}/" in hrefs
    assert "trouvée" in page.inner_text(".resultat-commune")


def test_home_form_sends_the_commune_to_the_finder(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.fill("#commune", "Hazebrouck")
    page.click(".recherche-commune button[type=submit]")
    page.wait_for_url("**/communes/?commune=Hazebrouck")
    visible = page.locator(".liste-communes li:not([hidden])")
    assert visible.count() == 1
    assert visible.first.inner_text().startswith("Hazebrouck")


def test_postcode_shared_by_several_communes_lists_them_all(page: Page, site_url: str) -> None:
    page.goto(site_url + "communes/?commune=62360")
    names = page.locator(".liste-communes li:not([hidden])").all_inner_texts()
    assert len(names) > 1
    assert all("62360" in name for name in names)


def test_commune_list_works_without_javascript(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "communes/?commune=st+omer")
    assert page.locator(".liste-communes li").count() == 417
    assert page.locator(".liste-communes li:visible").count() == 417
    saint_omer = page.locator(".liste-communes li", has_text="Saint-Omer :")
    assert saint_omer.locator("a").get_attribute("href") == "../territoires/pays-de-saint-omer/"
    # The reading options need JavaScript: without it they are not offered.
    assert page.locator(".options-lecture button:visible").count() == 0
    context.close()


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("permis", "permis"),
        ("voiture", "voiture"),
        ("bus", "bus"),
        ("vélo", "vélo"),
    ],
)
def test_french_search_finds_services_by_common_words(
    page: Page, site_url: str, word: str, expected: str
) -> None:
    page.goto(site_url)
    search(page, word)
    results = page.locator(".md-search-result__item")
    assert results.count() >= 1
    assert any(
        "/services/" in (link or "")
        for link in page.locator(".md-search-result__link").evaluate_all("els => els.map(e => e.href)")
    )
    assert expected in results.first.inner_text().lower()


def test_reading_options_are_remembered_between_pages(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.click('[data-option="grand-texte"]')
    page.click('[data-option="contraste"]')
    assert page.get_attribute('[data-option="grand-texte"]', "aria-pressed") == "true"
    page.goto(site_url + "services/mamobilite62/")
    classes = page.get_attribute("html", "class") or ""
    assert "option-grand-texte" in classes and "option-contraste" in classes
    assert page.get_attribute('[data-option="contraste"]', "aria-pressed") == "true"
    body_size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    assert body_size >= 21
    page.click('[data-option="contraste"]')
    page.reload()
    assert "option-contraste" not in (page.get_attribute("html", "class") or "")


def test_listen_reads_the_page_with_a_french_voice(page: Page, site_url: str) -> None:
    page.add_init_script(
        """window.__spoken = [];
        window.speechSynthesis.speak = u => window.__spoken.push({text: u.text, lang: u.lang});"""
    )
    page.goto(site_url + "services/mamobilite62/")
    page.click('[data-action="ecouter"]')
    spoken = page.evaluate("window.__spoken")
    assert spoken[0] == {"text": "Mamobilité62", "lang": "fr-FR"}
    assert any(part["text"] == "C'est pour qui ?" for part in spoken)
    assert not any("Écouter la page" in part["text"] for part in spoken)


def test_body_text_follows_the_falc_layout_rules(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(site_url + "services/mamobilite62/")
    style = page.evaluate(
        """() => { const s = getComputedStyle(document.querySelector('.md-typeset p'));
                   const size = parseFloat(s.fontSize);
                   return {size: size, line: parseFloat(s.lineHeight) / size,
                           align: s.textAlign, italic: s.fontStyle, family: s.fontFamily}; }"""
    )
    assert style["size"] >= 18
    assert style["line"] >= 1.5
    assert style["align"] in ("left", "start")
    assert style["italic"] == "normal"
    assert style["family"].startswith('"Atkinson Hyperlegible"')
    assert page.evaluate("document.fonts.check('18px \"Atkinson Hyperlegible\"')")
    loaded_weights = page.evaluate(
        """async () => { await document.fonts.ready;
                         return [...document.fonts].filter(f => f.family.includes('Atkinson')
                                                         && f.status === 'loaded').map(f => f.weight); }"""
    )
    assert sorted(loaded_weights) == ["400", "700"]
    # Usable at 360 px: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_search_page_opens_the_search_and_other_pages_link_to_it(page: Page, site_url: str) -> None:
    page.goto(site_url + "services/mamobilite62/")
    assert page.locator("form[name=search]").count() == 0  # no search index loaded here
    page.click("a.lien-recherche")
    page.wait_for_url("**/recherche/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("vélo", delay=20)
    page.wait_for_selector(".md-search-result__item")


def test_a_service_page_weighs_at_most_100_kilobytes(
    browser: Browser, site_url: str, real_site: Path
) -> None:
    from benchmarks.page_weight import weigh

    size, _ = weigh(browser, site_url, real_site)["service"]
    assert size <= 100 * 1024
