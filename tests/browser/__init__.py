"""Real-browser helpers: serve a built site on localhost, drive Debian's Chromium."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page

CHROMIUM = "/usr/bin/chromium"
# Headless, as root in a sandbox, with no connection of Chromium's own to Google's hosts.
LAUNCH_ARGUMENTS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# One page of each type of the real site: the accessibility tests, the
# screenshots and the page weight benchmark go through the same list.
PAGE_TYPES = {
    "accueil": "",
    "public": "publics/jeunes/",
    "territoires": "territoires/",
    "territoire": "territoires/boulonnais/",
    "public-territoire": "territoires/boulonnais/demandeurs-emploi/",
    "tous-les-services": "services/",
    "service": "services/mamobilite62/",
    "communes": "communes/",
    "communes-lettre": "communes/lettre-b/",
    "commune": "communes/59094/",
    "glossaire": "glossaire/",
    "accessibilite": "accessibilite/",
    "flyers": "flyers/",
    "transfrontalier": "transfrontalier/",
    "transfrontalier-nl": "nl/",
    "transfrontalier-en": "en/",
    "recherche": "recherche/",
    "resultats": "recherche/?q=permis",
    "introuvable": "404.html",
    "donnees": "donnees/",
    "couverture": "couverture/",
    "rapport-falc": "contribuer/falc/",
    "contribuer": "contribuer/",
}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        # LinkChecker only goes faster than 10 requests a second on servers that allow it.
        self.send_header("LinkChecker", "allowed")
        super().end_headers()


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a folder on a free localhost port; yield its base address."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def search(page: Page, words: str) -> None:
    """On the search page: type the words, press Enter, wait for the results to be shown."""
    page.fill("#recherche-mots", words)
    page.press("#recherche-mots", "Enter")
    page.wait_for_function(
        "w => document.querySelector('.statut-recherche').textContent.includes('«\\u00a0' + w + '\\u00a0»')",
        arg=words,
    )


def found_services(page: Page) -> list[str]:
    """The services the search lists, by id, in their order."""
    links = page.locator(".resultats-recherche .resultats-services a").evaluate_all("a => a.map(e => e.href)")
    return [link.rstrip("/").rsplit("/", 1)[-1] for link in links if "/services/" in link]
