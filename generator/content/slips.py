"""The slips people make in GitHub's web editor, named for what they are, at the line to fix.

When a record is not valid YAML, the parser says where it got lost, often a
line or two after the slip, in its own words ("mapping values are not allowed
here"). Before falling back on that, the lines are read the way a person
writes them: a text line that lost its two leading spaces, a field pushed too
far right, a tab, a non-breaking space pasted from a word processor, a quote
left open, a « : » inside a text. Each is reported at its own line, with what
to type. Only called on a file the parser refused: valid files never get here.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_KEY = re.compile(r"^(?P<indent> *)(?:- )?(?P<key>[A-Za-z_][\w-]*)\s*:(?=\s|$)(?P<value>.*)$")
_BLOCK_START = re.compile(r"^\s*[|>][-+]?\s*(?:#.*)?$")
_ODD_SPACES = {
    "\u00a0": "une espace insécable",
    "\u202f": "une espace fine insécable",
    "\u2007": "une espace de la largeur d'un chiffre",
}


class Slip(NamedTuple):
    line: int
    message: str
    hint: str


def find_slip(text: str) -> Slip | None:
    """The first recognisable slip of a file the YAML parser refused, if any."""
    lines = text.splitlines()
    block: tuple[str, int] | None = None  # the text field being written, and its key's indentation
    previous: tuple[int, str] | None = None  # the last field line: its indentation and its value
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        if block and indent > block[1]:
            continue  # a line of the text: anything goes
        slip = _in_line(number, line) or _after_block(number, line, block) or _too_far(number, line, previous)
        if slip:
            return slip
        block = None
        if key := _KEY.match(line):
            value = key["value"]
            # The fields of a list item ("- titre: …") line up after its dash.
            fields_at = len(key["indent"]) + (2 if line.lstrip().startswith("- ") else 0)
            block = (key["key"], fields_at) if _BLOCK_START.match(value) else None
            previous = (fields_at, value.strip())
    return None


def _in_line(number: int, line: str) -> Slip | None:
    """Tabs, pasted spaces, open quotes and « : » inside a text, on the line itself."""
    leading = line[: len(line) - len(line.lstrip())]
    if "\t" in leading:
        return Slip(
            number,
            f"La ligne {number} commence par une tabulation.",
            "effacez-la et tapez des espaces à la place : 2 espaces par niveau, comme les lignes voisines.",
        )
    for character, name in _ODD_SPACES.items():
        if character in leading or re.search(rf"^\s*[\w-]+:{character}", line):
            return Slip(
                number,
                f"La ligne {number} contient {name}, sans doute copiée d'un traitement de texte.",
                "effacez l'espace au début de la ligne ou après « : » et retapez-la au clavier.",
            )
    key = _KEY.match(line)
    if not key:
        return None
    value = key["value"].strip()
    for quote in ('"', "'"):
        if value.startswith(quote) and (len(value) == 1 or not value.rstrip().endswith(quote)):
            return Slip(
                number,
                f"Le guillemet {quote} ouvert ligne {number}, dans « {key['key']} », n'est pas fermé.",
                f"ajoutez {quote} à la fin du texte, sur la même ligne.",
            )
    if value and value[0] not in "\"'[{|>&*!" and (": " in value or value.endswith(":")):
        quoted = value.replace('"', "'")
        return Slip(
            number,
            f"Le texte de « {key['key']} » contient « : », que YAML prend pour un nouveau champ.",
            f'mettez le texte entre guillemets : {key["key"]}: "{quoted}"',
        )
    return None


def _after_block(number: int, line: str, block: tuple[str, int] | None) -> Slip | None:
    """A line of a text (after « description: | ») that lost its leading spaces."""
    if block is None or _KEY.match(line):
        return None
    return Slip(
        number,
        f"La ligne {number} fait partie du texte de « {block[0]} », mais elle n'est pas décalée.",
        f"ajoutez {block[1] + 2} espaces au début de la ligne, comme les lignes du texte au-dessus.",
    )


def _too_far(number: int, line: str, previous: tuple[int, str] | None) -> Slip | None:
    """A field pushed right, under a field that holds a value and so cannot hold fields."""
    key = _KEY.match(line)
    if not (key and previous) or line.lstrip().startswith("- "):
        return None
    previous_indent, previous_value = previous
    extra = len(key["indent"]) - previous_indent
    if extra > 0 and previous_value:
        spaces = f"{extra} espace{'s' if extra > 1 else ''}"
        return Slip(
            number,
            f"Le champ « {key['key']} » est décalé de {spaces} vers la droite.",
            "effacez ces espaces : le champ commence au même endroit que le champ au-dessus.",
        )
    return None
