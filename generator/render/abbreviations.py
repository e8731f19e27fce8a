"""The glossary's abbreviations, marked where a page first uses them."""

from __future__ import annotations

import re

from ..content.model import Glossary
from ..content.texts import glossary_anchor
from .escape import escape_text


class Abbreviations:
    """Marks the first use of each glossary abbreviation on a page.

    The mark is `<abbr>` with the words in full, inside a link to the glossary
    entry, as RGAA asks. One instance per page: it remembers what it marked.
    """

    def __init__(self, glossary: Glossary, glossary_url: str, pattern: re.Pattern[str]) -> None:
        self.full = {entry.sigle: entry.en_entier for entry in glossary.sigles}
        self.glossary_url = glossary_url
        self.pattern = pattern
        self.marked: set[str] = set()

    @staticmethod
    def pattern_for(glossary: Glossary) -> re.Pattern[str]:
        words = sorted((re.escape(entry.sigle) for entry in glossary.sigles), key=len, reverse=True)
        return re.compile(r"(?<![\w.&#])(" + "|".join(words or ["(?!)"]) + r")(?![\w'’])")

    def mark(self, escaped: str) -> str:
        return self.pattern.sub(self._first_use, escaped)

    def _first_use(self, match: re.Match[str]) -> str:
        abbreviation = match.group(1)
        if abbreviation in self.marked:
            return abbreviation
        self.marked.add(abbreviation)
        return (
            f'<a class="sigle" href="{self.glossary_url}#{glossary_anchor(abbreviation)}">'
            f'<abbr title="{escape_text(self.full[abbreviation])}">{abbreviation}</abbr></a>'
        )
