"""Problems found in the content, reported to contributors in French.

Every stage (loading, validation, FALC linting) reports what it finds as
`Problem` values instead of raising, so that one run lists every problem of
every file. The command-line edge decides the exit code from them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

_TITLE_LENGTH = 90  # GitHub shows an annotation's title on one line


class Severity(Enum):
    ERROR = "erreur"
    WARNING = "avertissement"
    NOTICE = "info"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding about one place of the content.

    `code` is stable (tests, documentation and contributors refer to it);
    `message` says what is wrong, `hint` how to fix it.
    """

    path: str
    line: int
    field: str
    code: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        location = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        label = "" if self.severity is Severity.ERROR else f" ({self.severity.value})"
        text = f"{location}:{field} {self.message} [{self.code}]{label}"
        if self.hint:
            text += f"\n    Aide : {self.hint}"
        return text

    def as_github_annotation(self) -> str:
        """The `::error file=…,line=…::` line GitHub Actions turns into an annotation."""
        level = {Severity.ERROR: "error", Severity.WARNING: "warning"}.get(self.severity, "notice")
        text = f"{self.field}: {self.message}" if self.field else self.message
        if self.hint:
            text += f" Aide : {self.hint}"
        text += f" [{self.code}]"
        properties = f"file={_property(self.path)},line={self.line or 1},title={_property(self.title)}"
        return f"::{level} {properties}::{_data(text)}"

    @property
    def title(self) -> str:
        """The first sentence of the message, in French: "Le champ obligatoire « acces » manque."
        (the code, for those who look it up, ends the annotation's text)."""
        first = re.split(r"(?<=[.!?]) ", self.message, maxsplit=1)[0]
        return first if len(first) <= _TITLE_LENGTH else first[: _TITLE_LENGTH - 1].rstrip() + "…"


def display_path(path: Path) -> str:
    """A path as a contributor sees it: relative to the current folder when possible."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def summary(problems: list[Problem]) -> str:
    """One French sentence counting errors and warnings, and the files they touch."""
    n_errors = len(errors(problems))
    n_warnings = sum(p.severity is Severity.WARNING for p in problems)
    files = len({p.path for p in problems if p.severity is not Severity.NOTICE})
    if not n_errors and not n_warnings:
        return "Aucun problème trouvé."
    return (
        f"{_count(n_errors, 'erreur', 'erreurs')}, "
        f"{_count(n_warnings, 'avertissement', 'avertissements')} "
        f"dans {_count(files, 'fichier', 'fichiers')}."
    )


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n <= 1 else plural}"


# GitHub's workflow commands read one line: a file name or a message with a newline
# could start a command of its own. Their escaping rules, for data and for properties.
def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
