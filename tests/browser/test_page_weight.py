"""A citizen's page stays light on a bad phone network: bytes counted, not timed.

The first paint under slow 3G is measured by benchmarks/page_weight.py; what these
tests hold is what it depends on: the bytes a page makes the browser fetch, and no
render-blocking theme JavaScript.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from benchmarks.page_weight import transferred
from tests.browser import PAGE_TYPES

MAX_CITIZEN_PAGE = 50 * 1024  # bytes, compressed as a static host sends them (issue 19)


def fetched(browser: Browser, site_url: str, path: str) -> list[str]:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    context.new_page().goto(site_url + path, wait_until="networkidle")
    context.close()
    return requested


@pytest.mark.parametrize("kind", ["service", "commune", "public", "glossaire"])
def test_a_citizen_page_weighs_at_most_50_kb(
    browser: Browser, site_url: str, real_site: Path, kind: str
) -> None:
    requested = fetched(browser, site_url, PAGE_TYPES[kind])
    total = sum(transferred(real_site, url) for url in requested)
    assert total <= MAX_CITIZEN_PAGE, f"{kind}: {total / 1024:.1f} Ko en {len(requested)} fichiers"


def test_no_page_loads_the_theme_javascript(browser: Browser, site_url: str) -> None:
    for kind in ("accueil", "service", "recherche"):
        scripts = [url for url in fetched(browser, site_url, PAGE_TYPES[kind]) if url.endswith(".js")]
        assert scripts, kind
        assert all("/assets/javascripts/" not in url for url in scripts), scripts


def test_the_theme_files_no_page_uses_are_not_published(real_site: Path) -> None:
    assert not (real_site / "assets" / "javascripts").exists()
    assert not list((real_site / "assets" / "stylesheets").glob("*.map"))


def test_the_theme_style_sheet_keeps_what_the_pages_use_and_drops_the_rest(real_site: Path) -> None:
    (style_sheet,) = (real_site / "assets" / "stylesheets").glob("main.*.min.css")
    css = style_sheet.read_text(encoding="utf-8")
    for used in (".md-header", ".md-nav__link", "[data-md-toggle=drawer]", ".md-typeset__scrollwrap"):
        assert used in css, used
    for unused in (".md-search-result", ".md-clipboard", ".tabbed-set", ".md-annotation"):
        assert unused not in css, unused
