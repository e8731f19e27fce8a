"""`schemas`: the JSON Schemas of the records, for editors."""

from __future__ import annotations

import argparse

from ..export.schemas import write_schemas


def run(arguments: argparse.Namespace) -> int:
    for path in write_schemas(arguments.out):
        print(f"Écrit : {path}")
    return 0
