"""The site's search, as people type: without accents, with a letter off, in everyday words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page

from . import found_services, search


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("velo", {"savoir-rouler-a-velo"}),  # no accent
        ("demandeurs", {"france-travail-aides-mobilite"}),  # another form of "demandeur d'emploi"
        ("chomeurs", {"wimoov-hazebrouck"}),  # the everyday word, no accent: services for job seekers
        ("auto ecole", {"auto-ecoles-sociales"}),
        ("voiture en panne", {"garages-solidaires"}),
        ("fauteuil roulant", {"handibus", "carte-mobilite-inclusion"}),
        ("medecin", {"handibus", "carte-mobilite-inclusion"}),
        ("pas de permis", {"auto-ecoles-sociales", "aide-permis-region"}),
        ("garrage", {"garages-solidaires"}),  # a letter doubled
        ("transprt", {"transport-utilite-sociale"}),  # a letter missing
        ("permsi", {"permis-un-euro-par-jour", "aide-permis-region"}),  # two letters swapped
    ],
)
def test_the_search_finds_the_services_that_answer(
    page: Page, site_url: str, query: str, first: set[str]
) -> None:
    page.goto(site_url + "recherche/")
    search(page, query)
    services = found_services(page)
    assert first <= set(services[:5]), services


def test_a_corrected_word_is_said_and_nothing_found_is_said_kindly(page: Page, site_url: str) -> None:
    page.goto(site_url + "recherche/")
    search(page, "garrage")
    status = page.inner_text(".statut-recherche").replace("\u00a0", " ")
    assert status.endswith("pour « garage » (vous avez tapé « garrage »).")
    search(page, "zzyzx")
    assert page.inner_text(".statut-recherche") == (
        "Nous n'avons rien trouvé pour «\u00a0zzyzx\u00a0». Essayez un autre mot, ou cherchez par commune."
    )
    assert page.locator(".resultats-recherche li").count() == 0


@pytest.mark.parametrize(
    ("query", "commune", "insee"),
    [
        ("calais", "Calais", "62193"),
        ("dunkerke", "Dunkerque", "59183"),  # a letter off, as the commune finder forgives
        ("62100", "Calais", "62193"),  # its postcode
        ("bus calais", "Calais", "62193"),  # a word of the query is its very name
    ],
)
def test_a_commune_is_found_first_and_leads_to_its_page(
    page: Page, site_url: str, query: str, commune: str, insee: str
) -> None:
    """Commune pages are not in the search's index: the commune finder's list finds them."""
    page.goto(site_url + "recherche/")
    search(page, query)
    first = page.locator(".resultats-recherche a").first
    assert first.inner_text() == commune
    assert page.inner_text(".resultats-communes h3") == "Communes"
    assert re.match(r"\d+ communes?(, | et | pour )", page.inner_text(".statut-recherche"))  # said first
    first.click()
    page.wait_for_url(f"**/communes/{insee}/")
    assert page.inner_text("h1") == f"Vous habitez à {commune}"


def test_a_word_that_names_no_commune_shows_no_commune(page: Page, site_url: str) -> None:
    page.goto(site_url + "recherche/")
    search(page, "permis")
    assert page.locator(".resultats-communes").is_hidden()
    assert page.locator(".resultats-recherche a[href*='/communes/']").count() == 0


def test_a_misspelt_commune_named_on_no_page_is_offered_when_nothing_is_found(
    page: Page, site_url: str
) -> None:
    page.goto(site_url + "recherche/")
    search(page, "zutkerke")  # Zutkerque is named on its own page only
    assert page.inner_text(".statut-recherche") == (
        "Nous n'avons rien trouvé pour «\u00a0zutkerke\u00a0». Est-ce une de ces communes\u00a0?"
    )
    assert page.locator(".resultats-communes a").first.inner_text() == "Zutkerque"


def test_from_any_page_to_a_result_with_the_keyboard(page: Page, site_url: str) -> None:
    """The header link opens the search with the cursor in its box; Enter moves to the results,
    whose number is said by a live region."""
    page.goto(site_url + "services/mamobilite62/")
    page.click("a.lien-recherche")
    page.wait_for_url("**/recherche/")
    assert page.evaluate("document.activeElement.id") == "recherche-mots"
    page.keyboard.type("vélo")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.matches('.resultats-recherche h2')")
    assert page.get_attribute(".statut-recherche", "role") == "status"
    assert page.inner_text(".statut-recherche").startswith("8 services et 1 autre page")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.href").endswith("/services/savoir-rouler-a-velo/")
    assert "q=v%C3%A9lo" in page.url  # the address can be shared, or found again with "Back"


def test_the_home_form_opens_the_results(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.fill("#recherche-accueil", "bus")
    page.press("#recherche-accueil", "Enter")
    page.wait_for_url("**/recherche/?q=bus")
    page.wait_for_function("() => document.activeElement.matches('.resultats-recherche h2')")
    assert "hop-bus" in found_services(page)


def test_a_page_in_another_language_is_not_a_french_result(
    page: Page, site_url: str, real_site: Path
) -> None:
    assert (real_site / "pagefind" / "mots-nl.json").is_file()
    page.goto(site_url + "recherche/")
    search(page, "grensoverschrijdend")  # Dutch: in the Dutch page only
    assert page.locator(".resultats-recherche li").count() == 0


def test_only_the_search_page_loads_the_search(page: Page, site_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url, wait_until="networkidle")
    assert not [url for url in requested if "/pagefind/" in url]
