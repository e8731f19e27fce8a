"""`import-data-inclusion`: a data·inclusion file (a DORA export…) becomes records to review."""

from __future__ import annotations

import argparse
import json
import sys

from ..content.loader import load_content
from ..export.data_inclusion import import_file
from .common import report


def run(arguments: argparse.Namespace) -> int:
    content, problems = load_content(arguments.content, arguments.today)
    if content is None:
        report(problems)
        return 1
    try:
        result = import_file(
            arguments.fichier, content, arguments.content / "services", arguments.today, force=arguments.force
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        detail = error.strerror if isinstance(error, OSError) else str(error)
        readable = not isinstance(error, OSError | json.JSONDecodeError)
        kind = "pas au format data·inclusion" if readable else "illisible"
        print(f"{arguments.fichier} : fichier {kind} ({detail}).", file=sys.stderr)
        return 1
    for path in result.written:
        print(f"Écrit : {path}")
    for name in result.skipped:
        print(f"Gardé : {name} existe déjà (--force pour le remplacer).")
    if result.unmapped:
        print("Non repris, à compléter à la main :")
        for item in result.unmapped:
            print(f"  {item}")
    print(f"{len(result.written)} fiches écrites : relisez-les, puis lancez « python -m generator check ».")
    return 0
