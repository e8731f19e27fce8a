"""Command line: `python -m generator <command>`: parse the arguments and dispatch.

Each command lives in `commands/<name>.py` as `run(arguments) -> exit code`.
The clock is read here and only here: every command receives `today`
(`--date` sets it, for tests and reproducible runs).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from .commands.new_service import QUESTIONS as NEW_SERVICE_QUESTIONS

DEFAULT_CONTENT = Path("content")
DEFAULT_OUT = Path("site")


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    arguments.today = getattr(arguments, "date", None) or clock()
    command = importlib.import_module(f"generator.commands.{arguments.command}")
    try:
        return int(command.run(arguments))
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return 130


def clock() -> date:
    """Today, by the machine's clock: read once, here, for the whole command."""
    return date.today()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Générateur du site de la mobilité solidaire : vérifie le contenu et construit le site.",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMANDE")

    def command(name: str, module: str, help: str, content: bool = True) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help)
        sub.set_defaults(command=module)
        if content:
            _add_content_options(sub)
        return sub

    check = command("check", "check", "vérifie toutes les fiches et liste chaque problème")
    check.add_argument(
        "--format",
        choices=("texte", "github"),
        default="texte",
        help="« github » : annotations pour GitHub Actions",
    )
    command("falc", "falc", "rapport FALC : les règles du facile à lire, fiche par fiche")

    build = command("build", "build", "construit le site complet")
    build.add_argument("--out", type=Path, default=DEFAULT_OUT, help="dossier du site (défaut : site)")
    build.add_argument(
        "--sans-flyers", action="store_true", help="sans les flyers PDF, pour un aperçu plus rapide"
    )
    mode = build.add_mutually_exclusive_group()
    mode.add_argument(
        "--publication",
        action="store_true",
        help="refuse de construire tant que l'adresse du site n'est pas confirmée (flyers à distribuer)",
    )
    mode.add_argument(
        "--apercu",
        action="store_true",
        help="aperçu d'une proposition : chaque page le dit, et les moteurs de recherche l'ignorent",
    )

    serve = command("serve", "serve", "aperçu en direct : le site se met à jour quand une fiche change")
    serve.add_argument("--port", type=int, default=8000, help="port local (défaut : 8000)")

    territories = command(
        "import-territoires",
        "import_territories",
        "met à jour les communes des territoires depuis les données officielles",
    )
    territories.add_argument(
        "--data", type=Path, help="dossier data/ de @etalab/decoupage-administratif déjà téléchargé"
    )

    france_services = command(
        "import-france-services", "import_france_services",
        "écrit les lieux France Services du bassin depuis la liste officielle de l'ANCT (CSV)",
    )  # fmt: skip
    france_services.add_argument("fichier", type=Path, help="liste des France Services de l'ANCT (CSV)")

    importer = command(
        "import-data-inclusion", "import_data_inclusion",
        "transforme un fichier data·inclusion (export DORA…) en fiches à relire",
    )  # fmt: skip
    importer.add_argument("fichier", type=Path, help="fichier JSON au schéma data·inclusion")
    importer.add_argument("--force", action="store_true", help="remplace les fiches qui existent déjà")

    new = command(
        "new-service", "new_service",
        "crée une fiche de service complète, en posant les questions ou avec les options",
    )  # fmt: skip
    for option, text in NEW_SERVICE_QUESTIONS.items():
        new.add_argument(f"--{option.replace('_', '-')}", dest=option, help=text)
    new.add_argument(
        "--sans-questions", action="store_true", help="ne pose aucune question : tout vient des options"
    )
    new.add_argument(
        "--formulaire", type=Path,
        help="texte d'une proposition faite avec le formulaire « Proposer ou mettre à jour un service »",
    )  # fmt: skip

    stale = command("stale", "stale", "liste les fiches à revoir, par opérateur")
    stale.add_argument(
        "--mois", type=int, help="âge de la dernière vérification (défaut : le rythme de chaque fiche)"
    )

    asking = command(
        "questionnaire",
        "questionnaire",
        "écrit pour chaque opérateur ce que le site dit de lui et ce qui manque",
    )
    asking.add_argument(
        "--out",
        type=Path,
        default=Path("build/questionnaires"),
        help="dossier (défaut : build/questionnaires)",
    )
    asking.add_argument("--sans-pdf", action="store_true", help="seulement le Markdown, sans imprimer de PDF")

    diff = command("diff", "diff", "ce que change le contenu depuis une révision git (fiches, pages, flyers)")
    diff.add_argument("revision", help="révision git de référence, par exemple main ou origin/main")
    diff.add_argument(
        "--apercu",
        metavar="ADRESSE",
        help="adresse de l'aperçu construit : les pages et flyers cités deviennent des liens vers lui",
    )

    guide = command(
        "guide", "guide", "écrit CONTRIBUTING.md, le guide des contributeurs, depuis le modèle", False
    )
    guide.add_argument(
        "--out", type=Path, default=Path("CONTRIBUTING.md"), help="fichier (défaut : CONTRIBUTING.md)"
    )

    schemas = command("schemas", "schemas", "écrit les schémas JSON des fiches pour les éditeurs", False)
    schemas.add_argument("--out", type=Path, default=Path("schemas"), help="dossier (défaut : schemas)")
    return parser


def _add_content_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content", type=Path, default=DEFAULT_CONTENT, help="dossier du contenu (défaut : content)"
    )
    parser.add_argument(
        "--date",
        type=_iso_date,
        help="le jour à prendre pour aujourd'hui (année-mois-jour), pour des résultats reproductibles",
    )


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"« {text} » n'est pas une date année-mois-jour") from None
