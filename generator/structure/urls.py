"""Every public address of the site, in one place: pages, flyers, data files.

Addresses are printed on paper as QR codes and live for years: they are
derived from record ids only, and must never change. Each is written here
once; pages, flyers, exports and templates ask this module instead of
joining strings. An address is relative to the site root, with no leading
slash: "services/x/" for a page, "flyers/publics/jeunes.pdf" for a file, ""
for the home page. `absolute` puts the site's own address in front.
"""

from __future__ import annotations

import re

HOME = ""
AUDIENCES = "publics/"
TERRITORIES = "territoires/"
SERVICES = "services/"
COMMUNES = "communes/"
# The communes the finder searches, a script loaded when a person starts typing (not in the page:
# at region scale it would weigh more than the page itself).
COMMUNE_FINDER_DATA = "communes/liste-des-communes.js"
SEARCH = "recherche/"
SEARCH_INDEX = "pagefind/"  # written by Pagefind after the pages are built
GLOSSARY = "glossaire/"
ACCESSIBILITY = "accessibilite/"
FLYERS = "flyers/"
DATA = "donnees/"
COVERAGE = "couverture/"
CONTRIBUTE = "contribuer/"
FALC_REPORT = "contribuer/falc/"
OFFLINE_ARCHIVE = "telechargement/site-hors-ligne.zip"  # the whole site, for a USB key
# The cross-border pages (Fiche 4.2), one per language.
CROSS_BORDER = {"fr": "transfrontalier/", "nl": "nl/", "en": "en/"}


def search_words(language: str) -> str:
    """The words the pages of one language hold, for the search page to correct a typing mistake."""
    return f"{SEARCH_INDEX}mots-{language}.json"


def audience(audience_id: str) -> str:
    return f"{AUDIENCES}{audience_id}/"


def territory(territory_id: str) -> str:
    return f"{TERRITORIES}{territory_id}/"


def pair(territory_id: str, audience_id: str) -> str:
    """The page of one audience in one territory."""
    return f"{TERRITORIES}{territory_id}/{audience_id}/"


def service(service_id: str) -> str:
    return f"{SERVICES}{service_id}/"


def commune(insee: str) -> str:
    """A commune's page, by its INSEE code: names change less often than… names."""
    return f"{COMMUNES}{insee}/"


def communes_by_letter(letter: str) -> str:
    return f"{COMMUNES}lettre-{letter.lower()}/"


def communes_by_postcode(prefix: str) -> str:
    """Communes whose postcode starts with `prefix` (three digits: "621")."""
    return f"{COMMUNES}code-postal-{prefix}/"


# --- Flyers (PDF) ------------------------------------------------------------------


def audience_flyer(audience_id: str) -> str:
    return f"{FLYERS}publics/{audience_id}.pdf"


def territory_flyer(territory_id: str) -> str:
    return f"{FLYERS}territoires/{territory_id}.pdf"


def pair_flyer(territory_id: str, audience_id: str) -> str:
    return f"{FLYERS}territoires/{territory_id}/{audience_id}.pdf"


def cross_border_flyer(language: str) -> str:
    """`language` is "fr", "nl", "en" or "fr-nl" for the bilingual flyer."""
    return f"{FLYERS}transfrontalier-{language}.pdf"


def flyer_part(whole: str, part: str) -> str:
    """A part of a flyer too long for one sheet: "flyers/publics/jeunes-partie-2.pdf"."""
    return whole.removesuffix(".pdf") + f"-{part}.pdf"


def whole_flyer(address: str) -> str | None:
    """The flyer a part address belongs to ("…/jeunes-partie-2.pdf" → "…/jeunes.pdf"), if it is a part."""
    whole = re.sub(r"-partie-\d+\.pdf$", ".pdf", address)
    return whole if whole != address else None


# --- Data files --------------------------------------------------------------------


def data_file(name: str) -> str:
    """An open data file: "donnees/services.csv", "donnees/data-inclusion/services.json"."""
    return f"{DATA}{name}"


def schema_file(name: str) -> str:
    return data_file(f"schemas/{name}.schema.json")


# --- From an address to a file, and to the outside world ----------------------------


def markdown_source(address: str) -> str:
    """The Markdown file of a page in the site builder's folder: "services/x/" → "services/x/index.md"."""
    if address and not address.endswith("/"):
        raise ValueError(f"a page address ends with '/': {address!r}")
    return f"{address}index.md"


def absolute(site_address: str, address: str) -> str:
    """The full address, as printed and in QR codes: "https://site.fr/services/x/"."""
    return site_address.rstrip("/") + "/" + address


def rooted(address: str) -> str:
    """The address as the published list and the redirections write it: "/services/x/"."""
    return "/" + address
