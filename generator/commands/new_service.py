"""`new-service`: a complete, commented record from a contributor's answers or options."""

from __future__ import annotations

import argparse
import re
import sys

# Option of `new-service` → the question asked when it is missing.
QUESTIONS = {
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


# Answers a record cannot do without; the others may stay empty when no source gives them.
_REQUIRED = (
    "id", "nom", "operateur", "categorie", "besoins", "publics", "territoires", "description",
    "pour_qui", "acces", "comment_faire", "source_titre",
)  # fmt: skip
_IDENTIFIER = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TRIES = 3  # a question asked again after a wrong answer, then the command stops


class Abandoned(Exception):
    """The contributor stopped (Ctrl-D, Ctrl-C) or could not give a valid answer."""


def run(arguments: argparse.Namespace) -> int:
    from ..content.loader import load_content
    from ..content.new_record import new_service_yaml
    from ..content.vocabulary import ACCESS_MODES, CATEGORIES, NEEDS
    from ..pipeline import check
    from .common import report

    content, problems = load_content(arguments.content, arguments.today)
    if content is None:
        report(problems)
        return 1
    choices = {
        "categorie": list(CATEGORIES), "besoins": list(NEEDS), "acces": list(ACCESS_MODES),
        "publics": [*content.audiences, "tous"], "territoires": sorted(content.zone_ids()),
    }  # fmt: skip
    if arguments.formulaire:  # the contributor's answers, where no option says otherwise
        from ..content.issue_form import answers_from_issue

        for option, value in answers_from_issue(arguments.formulaire.read_text(encoding="utf-8")).items():
            if option in QUESTIONS and getattr(arguments, option) is None:
                setattr(arguments, option, value)
    try:
        answers = {option: _answer_to(option, arguments, choices) for option in QUESTIONS}
    except Abandoned as stopped:
        print(f"{stopped} Aucune fiche n'a été écrite.", file=sys.stderr)
        return 1
    path = arguments.content / "services" / f"{answers['id']}.yml"
    if path.exists():
        print(f"{path} existe déjà : choisissez un autre identifiant.", file=sys.stderr)
        return 1
    path.write_text(new_service_yaml(answers, arguments.today), encoding="utf-8")
    print(f"Écrit : {path}")
    checked = check(arguments.content, arguments.today)
    report([p for p in checked.problems if p.path.endswith(path.name)])
    return 0 if checked.valid else 1


def _answer_to(option: str, arguments: argparse.Namespace, choices: dict[str, list[str]]) -> object:
    """The option's value, or the contributor's answer, checked as soon as it is given."""
    given = getattr(arguments, option)
    for _ in range(_TRIES):
        if given is None and not arguments.sans_questions:
            known = f" [{', '.join(choices[option])}]" if option in choices else ""
            try:
                given = input(f"{QUESTIONS[option]}{known} : ").strip()
            except (EOFError, KeyboardInterrupt):
                raise Abandoned("\nArrêt demandé.") from None
        value = _answer(option, given or "")
        mistake = _mistake(option, value, choices)
        if mistake is None:
            return value
        print(f"{QUESTIONS[option]} : {mistake}", file=sys.stderr)
        if arguments.sans_questions or getattr(arguments, option) is not None:
            raise Abandoned(f"La réponse à « {option} » ne convient pas.")
        given = None
    raise Abandoned(f"Pas de réponse valable à « {QUESTIONS[option]} ».")


def _mistake(option: str, value: object, choices: dict[str, list[str]]) -> str | None:
    """What is wrong with an answer, in French; None when it will do."""
    if option in _REQUIRED and not value:
        return "cette réponse est obligatoire."
    if option == "id" and not _IDENTIFIER.fullmatch(str(value)):
        return (
            "des lettres minuscules sans accent, des chiffres et des tirets, "
            "par exemple « garage-solidaire-calais »."
        )
    if option in choices and value:
        items = value if isinstance(value, list) else [value]
        unknown = [str(item) for item in items if item not in choices[option]]
        if unknown:
            return f"« {', '.join(unknown)} » n'est pas dans la liste : {', '.join(choices[option])}."
    return None


def _answer(option: str, value: str) -> object:
    if option in _LISTS:
        return [item.strip() for item in value.split(",") if item.strip()]
    if option in _TEXTS:
        return "\n".join(part.strip() for part in value.split("/") if part.strip())
    return value
