"""The search: the size of its index, and what one search makes a browser download.

    .venv/bin/python benchmarks/search.py [site folder] [words …]

Each search is made from a fresh browser (nothing cached) on the search page, as
a person would arrive from the header's link or the home form; files are counted
as a static host serves them (gzip), as in page_weight.py. The page itself is
counted apart: a search adds Pagefind's code, its WebAssembly, the index pieces
of the words typed, one small fragment per result shown, and the commune
finder's list (the communes are not in the index).
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.page_weight import transferred
from generator.structure.urls import COMMUNE_FINDER_DATA, SEARCH, SEARCH_INDEX
from tests.browser import CHROMIUM, LAUNCH_ARGUMENTS, serve_folder

SEARCH_DONE = "() => document.querySelector('.statut-recherche').textContent.includes('«')"
QUERIES = ["velo", "chomeurs", "voiture en panne", "transprt", "calais"]


def kind_of(url: str) -> str:
    """ "index" and "fragment" for the pieces of the index, the file's name for the rest."""
    path = urlsplit(url).path
    folder, name = path.rsplit("/", 2)[-2:]
    return folder if folder in ("index", "fragment") else name


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    queries = sys.argv[2:] or QUERIES
    index = [path for path in (site / SEARCH_INDEX).rglob("*") if path.is_file()]
    on_disk = sum(path.stat().st_size for path in index) / 1024
    print(f"Index : {len(index)} fichiers, {on_disk:.0f} Ko sur le disque.")
    print(f"{'recherche':<20} {'fichiers':>9} {'transféré':>10}  dont")
    with serve_folder(site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGUMENTS)
        for query in queries:
            context = browser.new_context()
            requested: list[str] = []
            context.on("request", lambda request, seen=requested: seen.append(request.url))
            page = context.new_page()
            page.goto(f"{base_url}{SEARCH}?q={quote(query)}")
            page.wait_for_function(SEARCH_DONE)
            page.wait_for_load_state("networkidle")
            search = [
                url for url in requested if f"/{SEARCH_INDEX}" in url or url.endswith(COMMUNE_FINDER_DATA)
            ]
            kinds: dict[str, int] = {}
            for url in search:
                kind = kind_of(url)
                kinds[kind] = kinds.get(kind, 0) + transferred(site, url)
            detail = ", ".join(f"{name} {size / 1024:.1f}" for name, size in sorted(kinds.items()))
            total = sum(transferred(site, url) for url in search)
            print(f"{query:<20} {len(search):>9} {total / 1024:>7.1f} Ko  {detail}")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
