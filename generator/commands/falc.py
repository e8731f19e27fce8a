"""`falc`: the FALC report, record by record, with the readability scores."""

from __future__ import annotations

import argparse

from ..pipeline import check
from .common import report


def run(arguments: argparse.Namespace) -> int:
    checked = check(arguments.content, arguments.today)
    if checked.falc is None:
        report(checked.problems)
        return 1
    print(checked.falc.text())
    return 0 if checked.valid else 1
