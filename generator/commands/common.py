"""What every command does at the terminal: print problems in French, turn them into exit codes.

No content mistake ever shows a Python traceback: the stages report
`Problem`s, and commands print them here.
"""

from __future__ import annotations

from ..content.problems import Problem, summary


def report(problems: list[Problem], style: str = "texte") -> None:
    for problem in problems:
        print(problem.as_github_annotation() if style == "github" else problem.format())
    print(summary(problems))
