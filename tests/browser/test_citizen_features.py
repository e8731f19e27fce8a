"""What a citizen does on the site, in a real browser: find a commune, reading options, print."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from generator.content.loader import load_content
from generator.content.records import search_key

from ..conftest import real_content_today


@pytest.mark.parametrize(
    ("query", "commune"),
    [
        ("Saint-Omer", "Saint-Omer"),
        ("st omer", "Saint-Omer"),  # abbreviated, no hyphen
        ("etaples", "Étaples"),  # no accent
        ("dunkerke", "Dunkerque"),  # two letters off
        ("Bourbour", "Bourbourg"),  # the end not typed
        ("boulogne sur mr", "Boulogne-sur-Mer"),  # a letter missing
        ("Hazzebrouck", "Hazebrouck"),  # a letter doubled
        ("Mardyck", "Dunkerque"),  # a former commune, now part of Dunkerque
        ("Téteghem", "Téteghem-Coudekerque-Village"),  # a delegated commune
    ],
)
def test_the_finder_forgives_and_leads_to_the_commune_page(
    page: Page, site_url: str, query: str, commune: str
) -> None:
    page.goto(site_url + "communes/")
    page.fill("#commune", query)
    first = page.locator(".suggestions-communes a").first
    assert first.inner_text() == commune
    assert "trouvée" in page.inner_text(".resultat-commune")
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == f"Vous habitez à {commune}"
    assert page.locator('a.bouton-appeler[href^="tel:"]').count() >= 1


def test_the_browser_gives_every_commune_the_search_key_python_gives_it(
    page: Page, site_url: str, real_content_copy: Path
) -> None:
    """The list carries names only: the finder's keys are computed in the browser, by the
    normalisation `search_key` writes in Python ("Saint-Omer" → "st omer")."""
    content, _ = load_content(real_content_copy, real_content_today())
    assert content is not None
    expected = {
        insee: [search_key(commune.nom), [search_key(name) for name in commune.anciens_noms]]
        for insee, (commune, _) in content.communes.items()
    }
    assert any(names for _, names in expected.values())  # former names are compared too
    page.goto(site_url + "communes/")
    keys = page.evaluate(
        """source => window.mobiliteSolidaire.communeList(source).then(
            list => Object.fromEntries(list.map(commune => [commune.i, [commune.k, commune.a]])))""",
        site_url + "communes/liste-des-communes.js",
    )
    assert keys == expected


def test_the_home_form_goes_straight_to_the_commune_page(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.fill("#commune", "Fruges")
    page.press("#commune", "Enter")
    page.wait_for_url("**/communes/62364/")
    assert page.locator(".carte-lieu h3").first.inner_text().endswith("France services de Fruges")


def test_a_commune_not_found_gets_the_closest_names_not_a_reproach(page: Page, site_url: str) -> None:
    page.goto(site_url + "communes/")
    page.fill("#commune", "Zzyzx")
    expected = "Nous n'avons pas trouvé «\u00a0Zzyzx\u00a0». Est-ce une de ces communes\u00a0?"
    expect(page.locator(".resultat-commune")).to_have_text(expected)  # once the list has loaded
    status = page.inner_text(".resultat-commune")
    assert "orthographe" not in status
    links = page.locator(".suggestions-communes a").all_inner_texts()
    assert len(links) == 4 and links[-1] == "Choisir la première lettre de votre commune"


def test_a_shared_postcode_lists_every_commune_with_it(page: Page, site_url: str) -> None:
    page.goto(site_url + "communes/?commune=62360")
    expect(page.locator(".suggestions-communes li").first).to_be_visible()
    names = page.locator(".suggestions-communes li").all_inner_texts()
    assert len(names) > 1
    assert all("62360" in name for name in names)


def test_the_commune_index_works_without_javascript(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(site_url)
    page.fill("#commune", "Bourbourg")
    page.click(".recherche-commune button[type=submit]")
    page.wait_for_url("**/communes/?commune=Bourbourg")
    page.click("nav.index-communes >> text=B")
    page.click(".liste-communes-courte >> text=Bourbourg")
    assert page.locator("h1").inner_text() == "Vous habitez à Bourbourg"
    taps = page.locator('a.bouton-appeler[href^="tel:"]')
    assert taps.count() >= 1 and taps.first.is_visible()
    # The reading options need JavaScript: without it they are not offered.
    assert page.locator(".options-lecture button:visible").count() == 0
    context.close()


def test_without_a_car_the_services_for_drivers_are_hidden(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "territoires/pays-de-saint-omer/demandeurs-emploi/")
    cards = page.locator(".carte-service[data-vehicule]")
    assert cards.count() >= 1 and cards.first.is_visible()
    page.check('.filtre-voiture input[value="sans-voiture"]')
    assert not page.locator('.carte-service[data-vehicule="voiture"]').first.is_visible()
    page.check('.filtre-voiture input[value="sans-permis"]')
    assert all(not cards.nth(i).is_visible() for i in range(cards.count()))
    context.close()


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


SPEECH_RECORDED = """window.__spoken = [];
    window.speechSynthesis.speak = u => window.__spoken.push({text: u.text, lang: u.lang});
    window.speechSynthesis.pause = () => window.__spoken.push('pause');
    window.speechSynthesis.resume = () => window.__spoken.push('resume');"""


def test_listen_reads_the_main_text_with_pauses_and_can_be_paused(page: Page, site_url: str) -> None:
    page.add_init_script(SPEECH_RECORDED)
    page.goto(site_url + "services/mamobilite62/")
    listen = page.locator('[data-action="ecouter"]')
    listen.click()
    spoken = page.evaluate("window.__spoken")
    texts = [part["text"] for part in spoken]
    assert spoken[0] == {"text": "Mamobilité62", "lang": "fr-FR"}
    assert "C'est pour qui ?" in texts
    assert " " in texts  # the pause before a section
    assert not [t for t in texts if "Écouter" in t or "Voir le site" in t or "Menu" in t]
    assert listen.inner_text().strip() == "Pause"
    listen.click()
    assert listen.inner_text().strip() == "Reprendre"
    listen.click()
    assert page.evaluate("window.__spoken.slice(-2)") == ["pause", "resume"]
    page.click("text=Arrêter")
    assert listen.inner_text().strip() == "Écouter la page"


def test_listen_to_one_card_reads_its_name_what_it_is_and_its_number_digit_by_digit(
    page: Page, site_url: str
) -> None:
    page.add_init_script(SPEECH_RECORDED)
    page.goto(site_url + "territoires/boulonnais/demandeurs-emploi/")
    card = page.locator(".carte-service:has(a[href^='tel:'])").first
    name = card.locator("h3").inner_text()
    card.get_by_role("button", name=f"Écouter : {name}").click()
    texts = [part["text"] for part in page.evaluate("window.__spoken")]
    assert texts[:2] == [name, card.locator(".en-une-ligne").inner_text()]
    phone = card.locator("a[href^='tel:'] .numero").first.inner_text()
    digits = ", ".join(" ".join(group) for group in phone.replace("\u00a0", " ").split())
    assert any(digits in text for text in texts), (digits, texts)
    assert not [t for t in texts if "Voir le site" in t or "Écouter" in t]


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


def test_a_printed_page_is_large_text_with_numbers_and_its_address(page: Page, site_url: str) -> None:
    """The browser's print of a page: 14 pt at least, the number written out, no menu, and where it is from."""
    page.goto(site_url + "territoires/dunkerque/demandeurs-emploi/")
    page.emulate_media(media="print")
    body_size = page.eval_on_selector(".md-typeset p", "p => parseFloat(getComputedStyle(p).fontSize)")
    assert body_size >= 14 * 96 / 72  # 14 pt in CSS pixels
    for hidden in (".md-header", ".md-sidebar", ".options-lecture", ".pied-de-page"):
        assert not page.locator(hidden).first.is_visible(), hidden
    button = page.locator(".bouton-appeler").first
    assert button.evaluate("b => getComputedStyle(b).borderStyle") == "none"
    number = button.locator(".numero").inner_text()
    assert re.fullmatch(r"\+?[\d ]{4,}", number), number
    printed = page.locator(".adresse-imprimee")
    assert printed.is_visible()
    assert printed.inner_text() == (
        "Page imprimée depuis : "
        "https://mobilite-solidaire-littoral-nord.example/territoires/dunkerque/demandeurs-emploi/"
    )
    assert "Mis à jour le" in page.locator(".mis-a-jour").inner_text()
    paper = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)
    assert number in paper and "Page imprimée depuis" in paper and "Texte plus grand" not in paper
