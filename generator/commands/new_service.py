"""`new-service`: a complete, commented record from a contributor's answers or options."""

from __future__ import annotations

import argparse
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
    answers: dict[str, object] = {}
    for option, question in QUESTIONS.items():
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
    checked = check(arguments.content, arguments.today)
    report([p for p in checked.problems if p.path.endswith(path.name)])
    return 0 if checked.valid else 1


def _answer(option: str, value: str) -> object:
    if option in _LISTS:
        return [item.strip() for item in value.split(",") if item.strip()]
    if option in _TEXTS:
        return "\n".join(part.strip() for part in value.split("/") if part.strip())
    return value
