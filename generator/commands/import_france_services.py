"""`import-france-services`: the France Services of the basin, from the ANCT's official list."""

from __future__ import annotations

import argparse
import sys

from ..content.help_desks_import import ImportRefused, import_france_services
from ..content.loader import load_content
from .common import report


def run(arguments: argparse.Namespace) -> int:
    content, problems = load_content(arguments.content, arguments.today)
    if content is None:
        report(problems)
        return 1
    communes = {insee: territory for insee, (_, territory) in content.communes.items()}
    try:
        written = import_france_services(arguments.fichier, arguments.content, communes, arguments.today)
    except ImportRefused as refused:
        print(refused, file=sys.stderr)
        return 1
    for path in written:
        print(f"Écrit : {path}")
    print(f"{len(written)} France Services : relisez-les, puis lancez « python -m generator check ».")
    return 0
