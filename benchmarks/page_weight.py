"""Page weight and first paint: what each page type costs a person on a bad phone network.

    .venv/bin/python benchmarks/page_weight.py [site folder]

The site is served as a static host serves it (gzip for text; fonts, images
and PDFs as they are, already compressed). For each page type, a fresh
Chromium (nothing cached) loads the page under emulated slow 3G (DevTools
network conditions: 400 kbit/s down, 400 ms round trip, the figures of
issue 19) and we read:

- the bytes transferred and the number of files, once the network is quiet;
- the first contentful paint (FCP), the moment the first text appears.

The search loads nothing until a search is made on its page: benchmarks/search.py
weighs that.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Browser, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.browser import CHROMIUM, LAUNCH_ARGUMENTS, PAGE_TYPES

PAGES = {
    name: PAGE_TYPES[name]
    for name in (
        "accueil",
        "public",
        "territoire",
        "public-territoire",
        "service",
        "commune",
        "communes",
        "glossaire",
        "flyers",
        "recherche",
        "transfrontalier-nl",
    )
}
ALREADY_COMPRESSED = (".woff2", ".png", ".jpg", ".pdf", ".wasm", ".zip")
SLOW_3G = {
    "offline": False,
    "latency": 400,  # milliseconds, each request
    "downloadThroughput": 400 * 1000 / 8,  # bytes per second
    "uploadThroughput": 400 * 1000 / 8,
}


@dataclass
class PageCost:
    transferred: int  # bytes
    files: int
    first_paint: float  # seconds, under slow 3G


def transferred(site: Path, url: str) -> int:
    """The bytes a static host sends for this address: gzip-compressed unless already compressed."""
    path = site / unquote(urlsplit(url).path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    data = path.read_bytes()
    return len(data) if path.suffix in ALREADY_COMPRESSED else len(gzip.compress(data, 6))


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files as GitHub Pages does: text compressed with gzip."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and (path / "index.html").is_file():
            path = path / "index.html"
        if not path.is_file() or path.suffix in ALREADY_COMPRESSED:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Bytes(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Bytes:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@contextmanager
def serve_compressed(folder: Path) -> Iterator[str]:
    handler = functools.partial(_GzipHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


FIRST_PAINT = """() => new Promise(done => {
    const found = () => performance.getEntriesByName('first-contentful-paint')[0];
    if (found()) return done(found().startTime);
    new PerformanceObserver(() => found() && done(found().startTime))
        .observe({type: 'paint', buffered: true});
})"""


def cost(browser: Browser, base_url: str, site: Path, path: str) -> PageCost:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    requested: set[str] = set()
    context.on("request", lambda request: requested.add(request.url))
    page = context.new_page()
    network = context.new_cdp_session(page)
    network.send("Network.enable")
    network.send("Network.emulateNetworkConditions", SLOW_3G)
    page.goto(base_url + path, wait_until="networkidle", timeout=120_000)
    first_paint = page.evaluate(FIRST_PAINT) / 1000
    context.close()
    return PageCost(sum(transferred(site, url) for url in requested), len(requested), first_paint)


def page_of_each_type(site: Path) -> dict[str, str]:
    """The pages measured; on a generated site (benchmarks/growth.py), a page of the same type
    stands for one the real basin has (its first territory, service or commune)."""
    chosen = {}
    for name, path in PAGES.items():
        parts = path.split("/")
        if not (site / path).exists() and (site / parts[0]).is_dir():
            folders = sorted(folder.name for folder in (site / parts[0]).iterdir() if folder.is_dir())
            numbered = [name for name in folders if name[:1].isdigit()]  # a commune, not an index
            path = "/".join([parts[0], (numbered or folders)[0], *parts[2:]])
        if (site / path).exists():
            chosen[name] = path
    return chosen


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    with serve_compressed(site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGUMENTS)
        costs = {name: cost(browser, base_url, site, path) for name, path in page_of_each_type(site).items()}
        browser.close()
    print("Réseau 3G lent émulé : 400 kbit/s, 400 ms par aller-retour ; fichiers compressés (gzip).")
    print(f"{'type de page':<22} {'transféré':>10} {'fichiers':>9} {'1er texte':>10}")
    for name, page_cost in costs.items():
        print(
            f"{name:<22} {page_cost.transferred / 1024:>7.1f} Ko {page_cost.files:>9} "
            f"{page_cost.first_paint:>8.1f} s"
        )


if __name__ == "__main__":
    main()
