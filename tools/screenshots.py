"""Screenshots of page types at phone and desktop widths, to look at the design.

    .venv/bin/python tools/screenshots.py [site folder] [output folder]

Serves the built site on localhost and drives Debian's Chromium headless.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.browser import CHROMIUM, LAUNCH_ARGUMENTS, PAGE_TYPES, serve_folder

PAGES = {
    name: PAGE_TYPES[name]
    for name in (
        "accueil",
        "public",
        "territoire",
        "public-territoire",
        "service",
        "communes",
        "commune",
        "glossaire",
        "accessibilite",
    )
}
WIDTHS = (360, 1280)


def main(site: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with serve_folder(site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGUMENTS)
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 800})
            for name, path in PAGES.items():
                page.goto(base_url + path)
                page.screenshot(path=out / f"{name}-{width}.png", full_page=False)
            page.close()
        browser.close()
    print(f"{len(PAGES) * len(WIDTHS)} captures dans {out}")


if __name__ == "__main__":
    main(
        Path(sys.argv[1] if len(sys.argv) > 1 else "site"),
        Path(sys.argv[2] if len(sys.argv) > 2 else "build/captures"),
    )
