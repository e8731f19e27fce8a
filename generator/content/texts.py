"""The texts citizens read, field by field: what the glossary and the FALC rules apply to.

Each text comes with its location in the YAML file, so that a finding points
to the right line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from .model import Audience, Glossary, HelpDesk, Service, Territory
from .yaml_loader import Location

SERVICE_TEXT_FIELDS = (
    "nom", "operateur", "description", "pour_qui", "conditions", "comment_faire",
    "cout", "ou", "quand", "accessibilite",
)  # fmt: skip


def lines_of(text: str | None) -> list[str]:
    """A FALC text is one sentence per line: its non-empty lines."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def service_texts(service: Service) -> Iterator[tuple[Location, str]]:
    for field in SERVICE_TEXT_FIELDS:
        text = getattr(service, field)
        if text:
            yield (field,), text
    for i, who in enumerate(service.oriente_par):
        yield ("oriente_par", i), who


TRANSLATED_FIELDS = ("nom", "description", "pour_qui", "comment_faire", "conditions", "cout", "ou", "quand")


def translation_texts(service: Service) -> Iterator[tuple[Location, str, str]]:
    """The Dutch and English texts of a cross-border service, with their language."""
    for language, translation in sorted(service.traductions.items()):
        for field in TRANSLATED_FIELDS:
            if text := getattr(translation, field):
                yield ("traductions", language, field), text, language


def audience_texts(audience: Audience) -> Iterator[tuple[Location, str]]:
    for field in ("libelle", "vous", "introduction"):
        yield (field,), getattr(audience, field)


def help_desk_texts(desk: HelpDesk) -> Iterator[tuple[Location, str]]:
    for field in ("horaires_precisions", "accessibilite"):
        text = getattr(desk, field)
        if text:
            yield (field,), text


def territory_texts(territory: Territory) -> Iterator[tuple[Location, str]]:
    for field in ("libelle", "dans"):
        yield (field,), getattr(territory, field)


def glossary_texts(glossary: Glossary) -> Iterator[tuple[Location, str]]:
    for i, entry in enumerate(glossary.sigles):
        yield ("sigles", i, "explication"), entry.explication
    for i, word in enumerate(glossary.mots):
        yield ("mots", i, "explication"), word.explication


def without_accents(text: str) -> str:
    """Lower case, without accents, « œ » as « oe »: how people type, and how words are compared."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("œ", "oe").replace("æ", "ae"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def slug(text: str) -> str:
    """ "Région Hauts-de-France" → "region-hauts-de-france": for identifiers and anchors."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def glossary_anchor(abbreviation: str) -> str:
    """The id of an abbreviation on the glossary page: "rsa", "apa"."""
    return re.sub(r"[^a-z0-9]", "", abbreviation.lower())
