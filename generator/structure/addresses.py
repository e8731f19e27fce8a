"""Stable addresses: a published address never disappears without a redirection.

QR codes printed on paper live for years. The list of every address the site
ever published is kept in `content/adresses-publiques.txt`; a build that
would remove one fails, unless `content/redirections.yml` sends it elsewhere.
New addresses are added to the list by the build, to be committed with the
change that created them.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..content.model import Redirection
from ..content.problems import Problem, display_path
from ..content.records import Content
from ..content.yaml_loader import read_limited
from . import urls
from .flyers import PrintedFlyer

MAX_LIST_BYTES = 2_000_000  # a region's list: about 100 000 addresses

ADDRESS_LIST = "adresses-publiques.txt"
HEADER = (
    "# Toutes les adresses publiées par le site : pages et PDF.\n"
    "# Une adresse de cette liste ne doit jamais disparaître (elle est peut-être imprimée en QR code).\n"
    "# La construction ajoute les nouvelles adresses : enregistrez ce fichier avec votre modification.\n"
)


class AddressListRefused(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def read_address_list(content_dir: Path) -> dict[str, int] | None:
    """The published addresses with their line, or None when the basin keeps no list."""
    path = content_dir / ADDRESS_LIST
    if not path.exists():
        return None
    if path.is_symlink() or not path.is_file():
        raise AddressListRefused(Problem(
            display_path(path), 0, "", "fichier/lien-externe",
            "La liste des adresses publiées doit être un fichier, pas un lien symbolique.",
            "remplacez le lien par le fichier lui-même.",
        ))  # fmt: skip
    raw = read_limited(path, MAX_LIST_BYTES)
    if raw is None:
        raise AddressListRefused(Problem(
            display_path(path), 0, "", "yaml/trop-gros", "La liste des adresses publiées est trop grosse.",
            f"elle fait quelques dizaines de kilo-octets ; la limite est {MAX_LIST_BYTES} octets.",
        ))  # fmt: skip
    return {
        line.strip(): number
        for number, line in enumerate(raw.decode("utf-8", errors="replace").splitlines(), start=1)
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
            "ou ajoutez ces lignes à la fin de content/redirections.yml, avec la page où aller :\n"
            f"  - de: {address}\n    vers: {_parent(address)}",
        )
        for address, line in sorted(published.items())
        if address not in current and (pdfs_built or not address.startswith("/flyers/"))
    ]


def _parent(address: str) -> str:
    """The page above an address: "/services/x/" → "/services/", "/flyers/a/b.pdf" → "/flyers/"."""
    parts = address.strip("/").split("/")
    return "/" + "".join(f"{part}/" for part in parts[:1]) if len(parts) > 1 else "/"


def vanished_flyer_parts(
    published: dict[str, int], served: set[str], printed: list[PrintedFlyer]
) -> list[Redirection]:
    """Parts of split flyers no longer printed: each address now leads to its flyer's page.

    A flyer is split by the printer, not by a contributor: when it gets shorter, its last
    parts vanish on their own, and whoever scans one lands on the page of the whole flyer.
    """
    pages = {urls.rooted(p.flyer.whole_path): urls.rooted(p.flyer.page) for p in printed}
    moved = []
    for address in sorted(published):
        whole = urls.whole_flyer(address)
        if address not in served and whole in pages:
            moved.append(Redirection(de=address, vers=pages[whole]))
    return moved


def write_address_list(content_dir: Path, addresses: set[str]) -> None:
    """Rewrite the list; never through a symbolic link (O_NOFOLLOW), which could point anywhere."""
    text = HEADER + "".join(f"{address}\n" for address in sorted(addresses))
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW
    with os.fdopen(os.open(content_dir / ADDRESS_LIST, flags, 0o644), "w", encoding="utf-8") as file:
        file.write(text)


def redirection_problems(content: Content, addresses: set[str]) -> list[Problem]:
    """Each redirection leaves an address nothing else serves, for a page that exists."""
    redirected = {redirection.de for redirection in content.redirections}
    problems = []
    for index, redirection in enumerate(content.redirections):
        if redirection.de in addresses:
            problems.append(_redirection_problem(
                content, index, "de", "adresse/redirection-sur-page",
                f"L'adresse {redirection.de} est encore une page ou un flyer du site : "
                "la redirection la cacherait.",
                "retirez cette redirection, ou indiquez l'ancienne adresse qui n'existe plus.",
            ))  # fmt: skip
        if redirection.vers not in addresses or redirection.vers in redirected:
            problems.append(_redirection_problem(
                content, index, "vers", "adresse/redirection-vers-rien",
                f"La redirection mène à {redirection.vers}, qui n'est pas une page du site.",
                "indiquez l'adresse d'une page qui existe, par exemple « /services/nouveau-nom/ ».",
            ))  # fmt: skip
    return problems


def _redirection_problem(
    content: Content, index: int, field: str, code: str, message: str, hint: str
) -> Problem:
    document = content.origins.get("redirections")
    display = document.display if document else "content/redirections.yml"
    line = document.line_of(("redirections", index, field)) if document else 0
    return Problem(display, line, f"redirections[{index + 1}].{field}", code, message, hint)
