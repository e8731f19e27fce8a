"""`stale`: the records to review, by operator, with their files."""

from __future__ import annotations

import argparse

from ..content.loader import load_content
from ..content.problems import display_path
from ..content.review import stale_by_operator
from .common import report


def run(arguments: argparse.Namespace) -> int:
    content, problems = load_content(arguments.content, arguments.today)
    if content is None:
        report(problems)
        return 1
    grouped = stale_by_operator(content, arguments.today, arguments.mois)
    if not grouped:
        print(f"Toutes les fiches ont été vérifiées depuis moins de {arguments.mois} mois.")
        return 0
    count = sum(len(services) for services in grouped.values())
    print(f"{count} fiches vérifiées il y a plus de {arguments.mois} mois, par opérateur :")
    for operator, services in grouped.items():
        print(f"\n{operator}")
        for service in services:
            path = display_path(arguments.content / "services" / f"{service.id}.yml")
            print(f"  {service.verifie_le.isoformat()}  {path}  {service.nom}")
    return 0
