"""`import-territoires`: the communes of each territory, from the official open data."""

from __future__ import annotations

import argparse
import sys

from ..content.territories_import import ImportError_, import_territories


def run(arguments: argparse.Namespace) -> int:
    try:
        written = import_territories(arguments.content, arguments.data)
    except ImportError_ as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{len(written)} territoires mis à jour dans {arguments.content / 'territoires'}.")
    return 0
