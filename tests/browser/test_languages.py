"""Every language complete: the Dutch and English pages speak their language around the content too."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from generator.structure.languages import INTERFACE, STRINGS


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_frame_of_a_translated_page_is_in_its_language(page: Page, site_url: str, language: str) -> None:
    page.goto(f"{site_url}{language}/")
    assert page.get_attribute("html", "lang") == language
    words = INTERFACE[language]
    assert page.inner_text('[data-option="grand-texte"]').strip() == words["larger_text"]
    assert page.inner_text('[data-action="ecouter"]').strip() == words["listen_page"]
    assert page.get_attribute(".options-lecture", "aria-label") == words["reading_options"]
    assert page.inner_text(".pied-de-page").split(" · ")[0].strip() == words["accessibility"]
    assert STRINGS[language]["pdf_pages_one"] in page.inner_text(".liens-flyers")
    # What is still French on the page is marked French: the site's name, the menu, the footer's pages.
    french = [
        "Texte plus grand",
        "Écouter la page",
        "Accessibilité",
        "page imprimée",
        "Pas de numéro",
        "Trouvez-le avec votre commune",
    ]
    text_outside_french = page.evaluate(
        """() => { const copy = document.body.cloneNode(true);
                   copy.querySelectorAll('[lang="fr"], script, style').forEach(e => e.remove());
                   return copy.textContent; }"""
    )
    assert [word for word in french if word in text_outside_french] == []


def test_the_home_page_offers_the_other_languages_by_their_own_names(page: Page, site_url: str) -> None:
    page.goto(site_url)
    links = page.locator(".autres-langues a")
    assert links.all_inner_texts() == ["Nederlands", "English"]
    assert [links.nth(i).get_attribute("lang") for i in range(2)] == ["nl", "en"]
    links.first.click()
    page.wait_for_url("**/nl/")


def test_a_wrong_address_gets_a_french_page_with_the_finder_and_the_way_home(
    page: Page, site_url: str
) -> None:
    page.goto(site_url + "404.html")
    assert page.get_attribute("html", "lang") == "fr"
    assert page.title().startswith("Page introuvable")
    assert page.inner_text("h1") == "Cette page n'existe pas"
    page.fill("#commune", "Fruges")
    page.press("#commune", "Enter")
    page.wait_for_url("**/communes/?commune=Fruges")
    page.go_back()
    page.click("text=Aller à l'accueil")
    page.wait_for_url(site_url)
    page.goto(site_url + "404.html")
    assert page.get_attribute("p:has(a[hreflang=nl])", "lang") == "nl"
