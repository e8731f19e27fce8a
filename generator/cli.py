"""Command line: `python -m generator <command>`.

This is the only place that turns problems into exit codes and messages on
the terminal: a content mistake prints French sentences and exits with 1,
never a Python traceback.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from .problems import Problem, summary

DEFAULT_CONTENT = Path("content")
DEFAULT_OUT = Path("site")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    arguments = parser.parse_args(argv)
    command: Callable[[argparse.Namespace], int] = arguments.command
    try:
        return command(arguments)
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Générateur du site de la mobilité solidaire : vérifie le contenu et construit le site.",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMANDE")

    check = commands.add_parser("check", help="vérifie toutes les fiches et liste chaque problème")
    _add_content_option(check)
    check.add_argument(
        "--format",
        choices=("texte", "github"),
        default="texte",
        help="« github » : annotations pour GitHub Actions",
    )
    check.set_defaults(command=_check)

    falc = commands.add_parser("falc", help="rapport FALC : les règles du facile à lire, fiche par fiche")
    _add_content_option(falc)
    falc.set_defaults(command=_falc)

    build = commands.add_parser("build", help="construit le site complet")
    _add_content_option(build)
    build.add_argument("--out", type=Path, default=DEFAULT_OUT, help="dossier du site (défaut : site)")
    build.add_argument(
        "--sans-flyers", action="store_true", help="sans les flyers PDF, pour un aperçu plus rapide"
    )
    build.set_defaults(command=_build)

    serve = commands.add_parser(
        "serve", help="aperçu en direct : le site se met à jour quand une fiche change"
    )
    _add_content_option(serve)
    serve.add_argument("--port", type=int, default=8000, help="port local (défaut : 8000)")
    serve.set_defaults(command=_serve)

    territories = commands.add_parser(
        "import-territoires", help="met à jour les communes des territoires depuis les données officielles"
    )
    _add_content_option(territories)
    territories.add_argument(
        "--data", type=Path, help="dossier data/ de @etalab/decoupage-administratif déjà téléchargé"
    )
    territories.set_defaults(command=_import_territories)

    importer = commands.add_parser(
        "import-data-inclusion", help="transforme un fichier data·inclusion (export DORA…) en fiches à relire"
    )
    importer.add_argument("fichier", type=Path, help="fichier JSON au schéma data·inclusion")
    _add_content_option(importer)
    importer.add_argument("--force", action="store_true", help="remplace les fiches qui existent déjà")
    importer.set_defaults(command=_import_data_inclusion)

    schemas = commands.add_parser("schemas", help="écrit les schémas JSON des fiches pour les éditeurs")
    schemas.add_argument("--out", type=Path, default=Path("schemas"), help="dossier (défaut : schemas)")
    schemas.set_defaults(command=_schemas)
    return parser


def _add_content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content", type=Path, default=DEFAULT_CONTENT, help="dossier du contenu (défaut : content)"
    )


def _report(problems: list[Problem], style: str = "texte") -> None:
    for problem in problems:
        if style == "github":
            print(problem.as_github_annotation())
        else:
            print(problem.format())
    print(summary(problems))


def _check(arguments: argparse.Namespace) -> int:
    from .build import check_content

    started = time.perf_counter()
    checked = check_content(arguments.content, date.today())
    _report(checked.problems, arguments.format)
    if checked.content is not None and arguments.format == "texte":
        content = checked.content
        print(
            f"{len(content.services)} services, {len(content.audiences)} publics, "
            f"{len(content.territories)} territoires vérifiés en {time.perf_counter() - started:.2f} s."
        )
    return 0 if checked.valid else 1


def _falc(arguments: argparse.Namespace) -> int:
    from .build import check_content

    checked = check_content(arguments.content, date.today())
    if checked.falc is None:
        _report(checked.problems)
        return 1
    print(checked.falc.text())
    return 0 if checked.valid else 1


def _build(arguments: argparse.Namespace) -> int:
    from .build import BuildFailed, build_site

    try:
        report = build_site(
            arguments.content, arguments.out, today=date.today(), flyers=not arguments.sans_flyers
        )
    except BuildFailed as failure:
        _report(failure.problems)
        print(f"Le site n'a pas été construit : {failure}", file=sys.stderr)
        return 1
    _report(report.problems)
    for line in report.lines():
        print(line)
    return 0


def _serve(arguments: argparse.Namespace) -> int:
    from .serve import serve

    return serve(arguments.content, arguments.port)


def _import_territories(arguments: argparse.Namespace) -> int:
    from .territories_import import ImportError_, import_territories

    try:
        written = import_territories(arguments.content, arguments.data)
    except ImportError_ as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{len(written)} territoires mis à jour dans {arguments.content / 'territoires'}.")
    return 0


def _import_data_inclusion(arguments: argparse.Namespace) -> int:
    import json

    from .data_inclusion import import_file
    from .validate import load_content

    content, problems = load_content(arguments.content, date.today())
    if content is None:
        _report(problems)
        return 1
    try:
        result = import_file(
            arguments.fichier, content, arguments.content / "services", force=arguments.force
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        detail = error.strerror if isinstance(error, OSError) else str(error)
        kind = (
            "illisible"
            if isinstance(error, OSError | json.JSONDecodeError)
            else "pas au format data·inclusion"
        )
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


def _schemas(arguments: argparse.Namespace) -> int:
    from .schemas import write_schemas

    for path in write_schemas(arguments.out):
        print(f"Écrit : {path}")
    return 0
