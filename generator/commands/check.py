"""`check`: every problem of every record, FALC included, in French (or as GitHub annotations)."""

from __future__ import annotations

import argparse
import time

from ..export.quality import quality_of
from ..pipeline import check
from .common import report


def run(arguments: argparse.Namespace) -> int:
    started = time.perf_counter()
    checked = check(arguments.content, arguments.today)
    report(checked.problems, arguments.format)
    if checked.content is not None and arguments.format == "texte":
        content = checked.content
        print(
            f"{len(content.services)} services, {len(content.help_desks)} lieux d'accueil, "
            f"{len(content.audiences)} publics, {len(content.territories)} territoires "
            f"vérifiés en {time.perf_counter() - started:.2f} s."
        )
        if checked.valid:
            print(quality_of(content, arguments.today).summary())
    return 0 if checked.valid else 1
