"""What is left at an address that moved: a page that sends readers on, or for a PDF
(perhaps printed as a QR code), a one-page notice with a QR code to the new page."""

from __future__ import annotations

import posixpath
from pathlib import Path

from markupsafe import escape

from ..content.model import Redirection
from ..content.records import Content
from ..structure import urls
from .flyer_html import moved_notice_html
from .pdf import PrintedDocuments


def redirection_files(
    content: Content, redirections: list[Redirection], notice_cache: Path | None = None
) -> dict[str, bytes]:
    """Path in the site → the file left at each redirected address (notices printed once)."""
    notices = PrintedDocuments(notice_cache)
    files = {}
    for redirection in redirections:
        old = redirection.de.lstrip("/")
        if old.endswith(".pdf"):
            address = urls.absolute(content.basin.adresse_site, redirection.vers.lstrip("/"))
            files[old] = notices.pdf(moved_notice_html(address, content), b"redirection-pdf0")
        else:
            files[old + "index.html"] = redirect_page(redirection)
    notices.forget_unused()
    return files


def redirect_page(redirection: Redirection) -> bytes:
    """A page at the old address that sends the reader to the new one (a refresh, and a link)."""
    target = escape(posixpath.relpath(redirection.vers, redirection.de) + "/")
    return (
        '<!doctype html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        "<title>Cette page a changé d'adresse</title>\n"
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        f'<link rel="canonical" href="{target}">\n<meta name="robots" content="noindex">\n</head>\n<body>\n'
        "<h1>Cette page a changé d'adresse</h1>\n"
        f'<p>Les informations sont maintenant ici : <a href="{target}">{target}</a>.</p>\n</body>\n</html>\n'
    ).encode()
