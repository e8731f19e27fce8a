"""`build`: the whole site, flyers included (unless `--sans-flyers`)."""

from __future__ import annotations

import argparse
import sys

from ..pipeline import BuildFailed, build
from .common import report


def run(arguments: argparse.Namespace) -> int:
    try:
        built = build(
            arguments.content,
            arguments.out,
            today=arguments.today,
            flyers=not arguments.sans_flyers,
            publication=arguments.publication,
            preview=arguments.apercu,
        )
    except BuildFailed as failure:
        report(failure.problems)
        print(f"Le site n'a pas été construit : {failure}", file=sys.stderr)
        return 1
    report(built.problems)
    for line in built.lines():
        print(line)
    return 0
