"""Keyboard and touch at every width: 360 px, 1280 px, and 1280 px at 200 % zoom (640 CSS pixels)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

# (CSS width, device pixels per CSS pixel): a phone, a desktop, a desktop zoomed to 200 %.
WIDTHS = {"360px": (360, 1), "1280px": (1280, 1), "1280px-zoom-200": (640, 2)}
# The way from the home page to a phone number: home, commune, audience, service, search.
MAIN_PATH = [
    "",
    "communes/",
    "communes/62193/",
    "publics/jeunes/",
    "territoires/boulonnais/demandeurs-emploi/",
    "services/mamobilite62/",
    "recherche/?q=velo",
]


@pytest.fixture(params=WIDTHS.values(), ids=WIDTHS.keys())
def sized_page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    width, scale = request.param
    context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=scale)
    page = context.new_page()
    yield page
    context.close()


def tab_until(page: Page, selector: str, limit: int = 60) -> int:
    """Press Tab from where the focus is until `selector` has it; how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"{selector} not reached in {limit} presses of Tab")


def focus_is_unseen(page: Page) -> bool:
    """Is the focus on a link the person cannot see: off the screen (a closed drawer), or hidden?"""
    return page.evaluate(
        """() => { const el = document.activeElement, box = el.getBoundingClientRect();
                   return el !== document.body && (box.right <= 0 || box.left >= innerWidth
                          || getComputedStyle(el).visibility === 'hidden'); }"""
    )


def test_the_menu_button_is_reached_announced_and_opens_to_its_links(sized_page: Page, site_url: str) -> None:
    page = sized_page
    page.goto(site_url + "services/mamobilite62/")
    button = page.locator(".bouton-menu")
    if not button.is_visible():  # wide screens show the menu beside the page: no button
        assert page.viewport_size is not None and page.viewport_size["width"] >= 1220
        return
    assert tab_until(page, ".bouton-menu") <= 3
    assert button.get_attribute("role") == "button" and button.get_attribute("aria-label") == "Menu"
    assert button.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    page.wait_for_function("() => !!document.activeElement.closest('#menu-principal')")
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('bouton-menu')")


def test_a_closed_menu_takes_no_focus(sized_page: Page, site_url: str) -> None:
    page = sized_page
    page.goto(site_url + "publics/jeunes/")
    for _ in range(40):
        page.keyboard.press("Tab")
        assert not focus_is_unseen(page), page.evaluate("document.activeElement.outerHTML")


def test_skip_links_reach_the_content_and_the_commune_finder(sized_page: Page, site_url: str) -> None:
    page = sized_page
    page.goto(site_url)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Aller au contenu"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Aller à « Trouver ma commune »"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'commune'")
    page.keyboard.type("Calais")
    page.keyboard.press("Enter")
    page.wait_for_url("**/communes/62193/")


def test_the_finder_moves_the_focus_to_its_answer_and_says_how_many(sized_page: Page, site_url: str) -> None:
    page = sized_page
    page.goto(site_url + "communes/")
    page.fill("#commune", "saint")
    page.press("#commune", "Enter")
    page.wait_for_function("() => document.activeElement.closest('.suggestions-communes') !== null")
    assert page.get_attribute(".resultat-commune", "aria-live") == "polite"
    assert page.inner_text(".resultat-commune").endswith("communes trouvées.")


# Targets measured: links, buttons and fields a person touches. A radio button is touched
# through its label; a link inside a sentence is exempt (WCAG 2.5.5, "Inline").
SMALL_TARGETS = """() => [...document.querySelectorAll('a[href], button, input, select, [role=button]')]
  .map(el => el.matches('input') && el.closest('label') ? el.closest('label') : el)
  .filter(el => {
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === 'hidden' || el.tabIndex < 0) return false;
    if (el.closest('.md-sidebar, .pied-de-page, [hidden]')) return false;
    const block = el.parentElement.closest('p, li, td, dd');
    const inSentence = el.matches('a') && block && block.textContent.trim() !== el.textContent.trim()
      && getComputedStyle(el).display === 'inline';
    return !inSentence;
  })
  .map(el => { const b = el.getBoundingClientRect();
               return {text: (el.textContent || el.getAttribute('aria-label') || el.id).trim().slice(0, 40),
                       width: Math.round(b.width), height: Math.round(b.height)}; })"""


@pytest.mark.parametrize("path", MAIN_PATH)
def test_every_target_on_the_main_path_is_44_pixels_at_least(page: Page, site_url: str, path: str) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    targets = page.evaluate(SMALL_TARGETS)
    assert len(targets) > 3
    assert [t for t in targets if t["width"] < 44 or t["height"] < 44] == []


def test_the_header_search_link_is_text_of_body_size(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(site_url + "services/mamobilite62/")
    sizes = page.evaluate(
        """() => [getComputedStyle(document.querySelector('.lien-recherche')).fontSize,
                  getComputedStyle(document.querySelector('.md-typeset p')).fontSize].map(parseFloat)"""
    )
    assert sizes[0] >= sizes[1] >= 16


BROKEN_WORDS = """() => [...document.querySelectorAll('h1, h2, h3, .md-header__topic')].flatMap(heading => {
    const words = [], walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/[^\\s\\u00a0\\u202f-]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (lines.size > 1) words.push(match[0]);
      }
    }
    return words;
  })"""


@pytest.mark.parametrize(
    "path", ["communes/59588/", "territoires/deux-baies-montreuillois/demandeurs-emploi/", "services/"]
)
def test_long_titles_break_between_words_never_inside(sized_page: Page, site_url: str, path: str) -> None:
    page = sized_page
    page.goto(site_url + path)
    assert page.evaluate(BROKEN_WORDS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("window.innerWidth")
