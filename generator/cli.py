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
    # The one place that reads the clock: everything below receives `today`.
    arguments.today = getattr(arguments, "date", None) or date.today()
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

    new = commands.add_parser(
        "new-service", help="crée une fiche de service complète, en posant les questions ou avec les options"
    )
    _add_content_option(new)
    for option, text in NEW_SERVICE_QUESTIONS.items():
        new.add_argument(f"--{option.replace('_', '-')}", dest=option, help=text)
    new.add_argument(
        "--sans-questions", action="store_true", help="ne pose aucune question : tout vient des options"
    )
    new.set_defaults(command=_new_service)

    stale = commands.add_parser("stale", help="liste les fiches à revoir, par opérateur")
    _add_content_option(stale)
    stale.add_argument(
        "--mois", type=int, default=12, help="âge de la dernière vérification (défaut : 12 mois)"
    )
    stale.set_defaults(command=_stale)

    diff = commands.add_parser(
        "diff", help="ce que change le contenu depuis une révision git (fiches, pages, flyers)"
    )
    diff.add_argument("revision", help="révision git de référence, par exemple main ou origin/main")
    _add_content_option(diff)
    diff.set_defaults(command=_diff)

    guide = commands.add_parser(
        "guide", help="écrit CONTRIBUTING.md, le guide des contributeurs, depuis le modèle"
    )
    guide.add_argument(
        "--out", type=Path, default=Path("CONTRIBUTING.md"), help="fichier (défaut : CONTRIBUTING.md)"
    )
    guide.set_defaults(command=_guide)

    schemas = commands.add_parser("schemas", help="écrit les schémas JSON des fiches pour les éditeurs")
    schemas.add_argument("--out", type=Path, default=Path("schemas"), help="dossier (défaut : schemas)")
    schemas.set_defaults(command=_schemas)
    return parser


def _add_content_option(parser: argparse.ArgumentParser) -> None:
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
    checked = check_content(arguments.content, arguments.today)
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

    checked = check_content(arguments.content, arguments.today)
    if checked.falc is None:
        _report(checked.problems)
        return 1
    print(checked.falc.text())
    return 0 if checked.valid else 1


def _build(arguments: argparse.Namespace) -> int:
    from .build import BuildFailed, build_site

    try:
        report = build_site(
            arguments.content, arguments.out, today=arguments.today, flyers=not arguments.sans_flyers
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

    return serve(arguments.content, arguments.port, arguments.today)


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

    content, problems = load_content(arguments.content, arguments.today)
    if content is None:
        _report(problems)
        return 1
    try:
        result = import_file(
            arguments.fichier, content, arguments.content / "services", arguments.today, force=arguments.force
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


# Option of `new-service` → the question asked when it is missing.
NEW_SERVICE_QUESTIONS = {
    "id": "Identifiant (nom du fichier, lettres minuscules et tirets)",
    "nom": "Nom du service",
    "operateur": "Qui gère le service",
    "categorie": "Type de service",
    "besoins": "Ce que le service apporte (séparés par des virgules)",
    "publics": "Publics (séparés par des virgules, ou « tous »)",
    "territoires": "Territoires (séparés par des virgules)",
    "description": "C'est quoi ? (phrases séparées par « / »)",
    "pour_qui": "C'est pour qui ? (phrases séparées par « / »)",
    "acces": "Accès : direct, ou orientation par un professionnel",
    "oriente_par": "Qui oriente ? (séparés par des virgules ; vide si accès direct)",
    "comment_faire": "Comment faire ? (étapes séparées par « / »)",
    "cout": "Combien ça coûte ? (vide si aucune source ne le dit)",
    "telephone": "Téléphone du service (vide si inconnu)",
    "email": "E-mail du service (vide si inconnu)",
    "site": "Page du service sur le site de l'opérateur (vide si inconnue)",
    "source_titre": "Source des informations : titre",
    "source_url": "Source : adresse web (vide si aucune)",
}
_LISTS = ("besoins", "publics", "territoires", "oriente_par")
_TEXTS = ("description", "pour_qui", "comment_faire", "cout")


def _new_service(arguments: argparse.Namespace) -> int:
    from .contributing import new_service_yaml
    from .validate import load_content
    from .vocabulary import ACCESS_MODES, CATEGORIES, NEEDS

    content, problems = load_content(arguments.content, arguments.today)
    if content is None:
        _report(problems)
        return 1
    choices = {
        "categorie": list(CATEGORIES), "besoins": list(NEEDS), "acces": list(ACCESS_MODES),
        "publics": [*content.audiences, "tous"], "territoires": sorted(content.zone_ids()),
    }  # fmt: skip
    answers: dict[str, object] = {}
    for option, question in NEW_SERVICE_QUESTIONS.items():
        value = getattr(arguments, option)
        if value is None and not arguments.sans_questions:
            known = f" [{', '.join(choices[option])}]" if option in choices else ""
            value = input(f"{question}{known} : ").strip()
        answers[option] = _answer(option, value or "")
    path = arguments.content / "services" / f"{answers['id']}.yml"
    if path.exists():
        print(f"{path} existe déjà : choisissez un autre identifiant.", file=sys.stderr)
        return 1
    path.write_text(new_service_yaml(answers, arguments.today), encoding="utf-8")
    print(f"Écrit : {path}")
    from .build import check_content

    checked = check_content(arguments.content, arguments.today)
    mine = [p for p in checked.problems if p.path.endswith(path.name)]
    _report(mine)
    return 0 if checked.valid else 1


def _answer(option: str, value: str) -> object:
    if option in _LISTS:
        return [item.strip() for item in value.split(",") if item.strip()]
    if option in _TEXTS:
        return "\n".join(part.strip() for part in value.split("/") if part.strip())
    return value


def _stale(arguments: argparse.Namespace) -> int:
    from .contributing import stale_by_operator
    from .validate import load_content

    content, problems = load_content(arguments.content, arguments.today)
    if content is None:
        _report(problems)
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
            print(f"  {service.verifie_le.isoformat()}  content/services/{service.id}.yml  {service.nom}")
    return 0


def _diff(arguments: argparse.Namespace) -> int:
    from .changes import ChangeError, diff_revision

    try:
        changes = diff_revision(arguments.revision, arguments.content, arguments.today)
    except ChangeError as error:
        print(f"Comparaison impossible : {error}", file=sys.stderr)
        return 1
    print(changes.markdown())
    return 0


def _guide(arguments: argparse.Namespace) -> int:
    from .contributing import guide_markdown

    arguments.out.write_text(guide_markdown(), encoding="utf-8")
    print(f"Écrit : {arguments.out}")
    return 0


def _schemas(arguments: argparse.Namespace) -> int:
    from .schemas import write_schemas

    for path in write_schemas(arguments.out):
        print(f"Écrit : {path}")
    return 0
