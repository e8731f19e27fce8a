"""Page weight: what each page type makes a browser download, as a static host serves it (gzip).

    .venv/bin/python benchmarks/page_weight.py [site folder]

Chromium loads each page and waits until the network is quiet; every requested
file is counted at its gzip-compressed size, except fonts, images and PDFs,
counted as they are (they are already compressed). The search loads nothing
until a search is made on its page: benchmarks/search.py weighs that.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Browser, sync_playwright

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
        "glossaire",
        "flyers",
        "recherche",
    )
}
ALREADY_COMPRESSED = (".woff2", ".png", ".jpg", ".pdf")


def transferred(site: Path, url: str) -> int:
    path = site / unquote(urlsplit(url).path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    data = path.read_bytes()
    return len(data) if path.suffix in ALREADY_COMPRESSED else len(gzip.compress(data, 6))


def weigh(browser: Browser, base_url: str, site: Path) -> dict[str, tuple[int, int]]:
    """Bytes transferred and number of files, per page type."""
    results = {}
    for name, path in PAGES.items():
        context = browser.new_context()
        requested: set[str] = set()
        context.on("request", lambda request, seen=requested: seen.add(request.url))
        context.new_page().goto(base_url + path, wait_until="networkidle")
        results[name] = (sum(transferred(site, url) for url in requested), len(requested))
        context.close()
    return results


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    with serve_folder(site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGUMENTS)
        weights = weigh(browser, base_url, site)
        browser.close()
    print(f"{'type de page':<22} {'transféré':>10} {'fichiers':>9}")
    for name, (size, count) in weights.items():
        print(f"{name:<22} {size / 1024:>7.1f} Ko {count:>9}")


if __name__ == "__main__":
    main()
