"""The site on a USB key: a ZIP archive that opens from a folder, without a server or network.

A reception desk without a reliable connection unpacks it and opens `index.html`. On the
web, a link to a page ends with "/" and the server answers with its `index.html`; from a
folder, the browser would show a file listing instead, so every link to a page is written
out in full ("../services/x/index.html"). The commune finder's addresses are completed by
its script (options.js), which knows when it runs from a folder.

The archive is reproducible: its files are sorted and dated with the content's date.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
import struct
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..locations import code_digest, files_under, write_whole
from ..structure.languages import written_date
from ..structure.urls import OFFLINE_ARCHIVE, SEARCH_INDEX
from .zip_writer import DEFLATED, Member, ZipWriter, deflated, stored

# Not in the archive: the search needs a server (a browser does not fetch its index from a
# folder), and the archive does not hold itself.
LEFT_OUT = (SEARCH_INDEX, OFFLINE_ARCHIVE.split("/")[0] + "/")
FOLDER = "site-mobilite-solidaire"  # the folder the archive unpacks to
README = """Le site de la mobilité solidaire, à ouvrir sans internet.

1. Dézippez ce fichier (clic droit, puis « Extraire tout »).
2. Ouvrez le dossier site-mobilite-solidaire.
3. Ouvrez le fichier index.html : le site s'ouvre dans votre navigateur.

Les flyers à imprimer sont dans le dossier flyers.
Ce site est la version du {date}. La version à jour est sur {address}
"""

# A relative link to a page: no scheme, ends with "/" (before any "?" or "#"), or is only
# dots (the theme links to the home page as "." or "../.."). The lookahead lets the search
# skip at once the places that cannot start a match: twice as fast on a large site.
_PAGE_LINK = re.compile(r'(?=[ha])\b(href|action)="(?P<url>[^":?#]*/|\.\.?(?:/\.\.)*)?(?P<rest>[?#][^"]*)?"')
_CSS_URL = re.compile(r"url\(([\w./-]+)\)")
_INLINED = {".svg": "image/svg+xml", ".woff2": "font/woff2"}
_COMPRESSED = {".pdf", ".woff2", ".png", ".jpg", ".zip"}
# What the flyers page shows only on the web: the link to this archive.
_WEB_ONLY = re.compile(r"<!--archive-hors-ligne-->.*?<!--fin-archive-hors-ligne-->", re.DOTALL)


@dataclass(frozen=True)
class OfflineArchive:
    path: Path
    size: int  # bytes
    dated: date


def write_offline_archive(site: Path, dated: date, address: str, kept: Path | None = None) -> OfflineArchive:
    """Write the archive of the built `site` inside it, at `urls.OFFLINE_ARCHIVE`; its pages
    compressed by the last build that wrote the same ones are taken from `kept`."""
    archive = site / OFFLINE_ARCHIVE
    archive.parent.mkdir(parents=True, exist_ok=True)
    pages = KeptPages(kept)
    with open(archive, "wb") as output:
        writer = ZipWriter(output, dated)
        writer.add(
            "LISEZ-MOI.txt", deflated(README.format(date=written_date(dated), address=address).encode())
        )
        for name in files_under(site):
            if not name.startswith(LEFT_OUT):
                writer.add(f"{FOLDER}/{name}", _member(site / name, pages))
        writer.close()
    pages.forget_unused()
    return OfflineArchive(archive, archive.stat().st_size, dated)


def _member(path: Path, pages: KeptPages) -> Member:
    data = path.read_bytes()
    if path.suffix == ".html":
        return pages.member(data)
    if path.suffix == ".css":
        return deflated(inline_files(data.decode("utf-8"), path.parent).encode("utf-8"))
    # PDFs, fonts and images are compressed already: deflating them again costs time and saves nothing.
    return stored(data) if path.suffix in _COMPRESSED else deflated(data)


class KeptPages:
    """Each page as the archive holds it (written for a folder, compressed), kept in `folder`
    under a digest of the page on the web: most pages are the same from one build to the next.
    A page this build did not use leaves the folder."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def member(self, page: bytes) -> Member:
        key = hashlib.sha256(_offline_salt() + page).hexdigest()
        self.used.add(key)
        kept = self.folder / key if self.folder else None
        if kept is not None and kept.is_file():
            data = kept.read_bytes()
            crc, size = _KEPT_HEADER.unpack_from(data)
            return Member(DEFLATED, data[_KEPT_HEADER.size :], crc, size)
        member = deflated(offline_page(page.decode("utf-8")).encode("utf-8"))
        if kept is not None:
            write_whole(kept, _KEPT_HEADER.pack(member.crc, member.size) + member.data)
        return member

    def forget_unused(self) -> None:
        if self.folder is not None and self.folder.is_dir():
            for kept in self.folder.iterdir():
                if kept.name not in self.used:
                    kept.unlink()


_KEPT_HEADER = struct.Struct("<II")  # the page's checksum and size, before its compressed data


@functools.cache
def _offline_salt() -> bytes:
    """What a page's member depends on besides the page: the code that writes it for a folder and
    compresses it, and zlib's version."""
    code = code_digest("output/offline_copy.py", "output/zip_writer.py")
    return hashlib.sha256(f"{code} zlib {zlib.ZLIB_RUNTIME_VERSION}".encode()).digest()


def offline_page(html: str) -> str:
    """A page as it must be written to open from a folder."""
    if "<!--archive-hors-ligne-->" in html:  # the flyers page only
        html = _WEB_ONLY.sub("", html)
    html = html.replace("font-src 'self';", "font-src 'self' data:;", 1)  # fonts are inlined
    return _PAGE_LINK.sub(_full_link, html)


def inline_files(css: str, folder: Path) -> str:
    """The icons and fonts a style sheet names, written into it.

    From a folder, Chromium refuses to load them as separate files (no CORS for file:).
    """

    def data_uri(match: re.Match[str]) -> str:
        path = folder / match.group(1)
        kind = _INLINED.get(path.suffix)
        if kind is None or not path.is_file():
            return match.group(0)
        return f'url("data:{kind};base64,{base64.b64encode(path.read_bytes()).decode()}")'

    return _CSS_URL.sub(data_uri, css)


def _full_link(match: re.Match[str]) -> str:
    attribute, url, rest = match.group(1), match.group("url"), match.group("rest") or ""
    if url is None and rest.startswith("#"):
        return match.group(0)  # a link within the page
    folder = url if url is None or url.endswith("/") else url + "/"
    return f'{attribute}="{folder or ""}index.html{rest}"'


def announce_archive(site: Path, page: str, archive: OfflineArchive) -> None:
    """Write the archive's size and date where the flyers page announces it."""
    path = site / page / "index.html"
    html = path.read_text(encoding="utf-8")
    megabytes = f"{archive.size / 1_000_000:.0f} Mo" if archive.size >= 1_000_000 else "moins de 1 Mo"
    html = html.replace("<!--taille-archive-->", megabytes).replace(
        "<!--date-archive-->", written_date(archive.dated)
    )
    write_whole(path, html.encode())  # a new file: the published page is shared with the kept build
