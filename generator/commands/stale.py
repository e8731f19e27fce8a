"""`stale`: the records to review, by operator, with their files."""

from __future__ import annotations

import argparse

from ..content.loader import load_content
from ..content.problems import display_path
from ..content.review import record_path, stale_by_operator
from .common import report


def run(arguments: argparse.Namespace) -> int:
    content, problems = load_content(arguments.content, arguments.today)
    if content is None:
        report(problems)
        return 1
    grouped = stale_by_operator(content, arguments.today, arguments.mois)
    rhythm = f"plus de {arguments.mois} mois" if arguments.mois else "plus longtemps que leur rythme de revue"
    if not grouped:
        print(f"Aucune fiche n'a été vérifiée il y a {rhythm}.")
        return 0
    count = sum(len(records) for records in grouped.values())
    print(f"{count} fiches vérifiées il y a {rhythm}, par opérateur :")
    for operator, records in grouped.items():
        print(f"\n{operator}")
        for record in records:
            path = display_path(arguments.content / record_path(record))
            print(f"  {record.verifie_le.isoformat()}  {path}  {record.nom}")
    return 0
