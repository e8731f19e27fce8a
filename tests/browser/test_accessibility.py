"""Accessibility proven in a real browser: axe-core, keyboard, no third-party request."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from generator.pipeline import build

from ..conftest import MINIMAL_CONTENT, ROOT, TODAY
from . import PAGE_TYPES, search, serve_folder

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


MARK_VISIBLE_CONTROLS = """() => {
    const selector = 'a[href], button, input, summary';
    const controls = Array.from(document.querySelectorAll(selector)).filter(el => {
        const box = el.getBoundingClientRect(), style = getComputedStyle(el);
        const folded = el.closest('details:not([open])') && el.tagName !== 'SUMMARY';
        const otherRadio = el.type === 'radio' && !el.checked;  // a radio group is one Tab stop
        return box.width > 0 && box.height > 0 && style.visibility !== 'hidden'
            && !el.closest('[hidden]') && el.tabIndex >= 0 && !folded && !otherRadio;
    });
    controls.forEach((el, i) => { el.dataset.clavier = String(i); });
    return controls.length;
}"""

FOCUSED_CONTROL = """() => {
    const el = document.activeElement, style = getComputedStyle(el);
    return {mark: el.dataset.clavier || null, html: el.outerHTML.slice(0, 120),
            visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
                     || style.boxShadow !== 'none'};
}"""


def axe_violations(page: Page) -> list[str]:
    page.wait_for_load_state("networkidle")  # the search index and fonts in place, transitions over
    # Evaluated by the browser's debugger, which the page's security policy rightly does not cover.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_A_AA)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_no_wcag_violation(page: Page, site_url: str, path: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + path)
    assert axe_violations(page) == []


@pytest.mark.parametrize("option", ["contraste", "grand-texte"])
def test_no_wcag_violation_with_reading_options(page: Page, site_url: str, option: str) -> None:
    page.goto(site_url + PAGE_TYPES["service"])
    page.click(f'[data-option="{option}"]')
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_every_control_is_reachable_with_the_keyboard_and_shows_its_focus(
    page: Page, site_url: str, path: str
) -> None:
    page.goto(site_url + path)
    count = page.evaluate(MARK_VISIBLE_CONTROLS)
    reached: set[str] = set()
    for _ in range(2 * count + 60):  # hidden menu links take focus too (see issue 16)
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_CONTROL)
        if focused["mark"] is not None:
            assert focused["visible"], f"focus invisible: {focused['html']}"
            reached.add(focused["mark"])
    unreached = {str(i) for i in range(count)} - reached
    assert [
        page.eval_on_selector(f'[data-clavier="{i}"]', "el => el.outerHTML.slice(0, 120)") for i in unreached
    ] == []


def test_no_request_leaves_the_site(browser: Browser, site_url: str) -> None:
    site_host = urlsplit(site_url).netloc
    outside: list[str] = []
    context = browser.new_context()
    context.on("request", lambda request: outside.append(request.url))
    page = context.new_page()
    for path in PAGE_TYPES.values():
        page.goto(site_url + path, wait_until="networkidle")
    page.goto(site_url + "recherche/")
    search(page, "permis")  # the search loads its index and worker
    context.close()
    assert [url for url in outside if urlsplit(url).netloc != site_host] == []


def test_every_page_says_its_language(page: Page, site_url: str) -> None:
    """On <html>, and on every passage in another language (RGAA 8.3 and 8.7)."""
    for name, path in PAGE_TYPES.items():
        page.goto(site_url + path)
        expected = (
            name.removeprefix("transfrontalier-")
            if name in ("transfrontalier-nl", "transfrontalier-en")
            else "fr"
        )
        assert page.get_attribute("html", "lang") == expected, path
    for language in ("nl", "en"):
        page.goto(f"{site_url}{language}/")
        links = page.locator(".autres-langues a")
        assert {links.nth(i).get_attribute("hreflang") for i in range(links.count())} == {
            "fr",
            "nl",
            "en",
        } - {language}
        # The site's name and its menu are French, and said so; so are the pages the footer leads to.
        assert page.get_attribute(".md-header__topic .md-ellipsis", "lang") == "fr"
        assert page.get_attribute("#menu-principal .md-nav__list", "lang") == "fr"
        assert set(page.locator(".pied-de-page a").evaluate_all("a => a.map(e => e.hreflang)")) == {"fr"}


def test_the_preview_banner_is_seen_and_passes_axe(browser: Browser, tmp_path: Path) -> None:
    preview = tmp_path / "apercu"
    build(MINIMAL_CONTENT, preview, today=TODAY, flyers=False, preview=True)
    with serve_folder(preview) as url:
        for width in (360, 1280):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(url + "services/aide-alpha/")
            assert page.locator(".md-banner .bandeau-apercu").is_visible()
            assert axe_violations(page) == []
            page.close()
