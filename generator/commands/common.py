"""What every command does at the terminal: print problems in French, turn them into exit codes.

No content mistake ever shows a Python traceback: the stages report
`Problem`s, and commands print them here.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from ..content.problems import Problem, summary

_FENCE = "~~~~"


def report(problems: list[Problem], style: str = "texte") -> None:
    for problem in problems:
        print(problem.as_github_annotation() if style == "github" else problem.format())
    print(summary(problems))
    if style == "github" and (summary_file := os.environ.get("GITHUB_STEP_SUMMARY")):
        write_step_summary(Path(summary_file), problems, changed_files())


def write_step_summary(path: Path, problems: list[Problem], changed: set[str]) -> None:
    """Every problem, not just the first annotations GitHub shows: the changed files first.

    In a fenced block, where nothing a record says is read as Markdown or HTML.
    """
    ordered = sorted(problems, key=lambda p: (p.path not in changed, p))
    lines = [f"## Vérification des fiches : {summary(problems)}", ""]
    if ordered:
        lines.append("Les fichiers modifiés d'abord." if changed else "")
        body = "\n".join(problem.format() for problem in ordered).replace(_FENCE, "~ ~ ~ ~")
        lines += [_FENCE + "text", body, _FENCE]
    with path.open("a", encoding="utf-8") as output:
        output.write("\n".join(lines) + "\n")


def changed_files() -> set[str]:
    """The files a pull request changes (GitHub gives the base branch's name), none elsewhere."""
    base = os.environ.get("GITHUB_BASE_REF")
    if not base:
        return set()
    result = subprocess.run(
        ["git", "diff", "--name-only", f"origin/{base}...HEAD"], capture_output=True, text=True, check=False
    )
    return set(result.stdout.split()) if result.returncode == 0 else set()
