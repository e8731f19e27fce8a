"""Stable addresses: a published address never disappears without a redirection.

QR codes printed on paper live for years. The list of every address the site
ever published is kept in `content/adresses-publiques.txt`; a build that
would remove one fails, unless `content/redirections.yml` sends it elsewhere.
New addresses are added to the list by the build, to be committed with the
change that created them.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from markupsafe import escape

from .model import Redirection
from .problems import Problem, display_path

ADDRESS_LIST = "adresses-publiques.txt"
HEADER = (
    "# Toutes les adresses publiées par le site : pages et PDF.\n"
    "# Une adresse de cette liste ne doit jamais disparaître (elle est peut-être imprimée en QR code).\n"
    "# La construction ajoute les nouvelles adresses : enregistrez ce fichier avec votre modification.\n"
)


def read_address_list(content_dir: Path) -> dict[str, int] | None:
    """The published addresses with their line, or None when the basin keeps no list."""
    path = content_dir / ADDRESS_LIST
    if not path.is_file():
        return None
    return {
        line.strip(): number
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    }


def removed_addresses(
    content_dir: Path, published: dict[str, int], current: set[str], pdfs_built: bool
) -> list[Problem]:
    """Addresses of the list that the new site would no longer serve (flyers aside when not printed)."""
    display = display_path(content_dir / ADDRESS_LIST)
    return [
        Problem(
            display,
            line,
            "",
            "adresse/supprimee",
            f"L'adresse {address} disparaîtrait du site.",
            "elle est peut-être imprimée en QR code : gardez la fiche en la déclarant retirée, "
            "ou ajoutez une redirection dans content/redirections.yml.",
        )
        for address, line in sorted(published.items())
        if address not in current and (pdfs_built or not address.startswith("/flyers/"))
    ]


def write_address_list(content_dir: Path, addresses: set[str]) -> None:
    text = HEADER + "".join(f"{address}\n" for address in sorted(addresses))
    (content_dir / ADDRESS_LIST).write_text(text, encoding="utf-8")


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
