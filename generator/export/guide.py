"""The contributor guide (CONTRIBUTING.md and /contribuer/), generated from the model.

The table of fields comes from `model.py`, where each field is documented
once, and from `EXAMPLES` below: a field without a description or an example
stops the guide from being written, so the guide cannot drift from the model.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import jinja2
from pydantic import BaseModel

from ..content.model import Contact, FalcException, HelpDesk, Service, Source, Translation
from ..content.new_record import yaml_field
from ..content.vocabulary import ACCESS_MODES, CATEGORIES, HELP_DESK_KINDS, NEEDS
from ..falc.settings import MAX_WORDS_PER_SENTENCE, RULES, WARN_WORDS_PER_SENTENCE

# One example per field, as a contributor would write it.
EXAMPLES: dict[str, Any] = {
    "nom": "Garage solidaire de Saint-Omer",
    "operateur": "Association Défi Mobilité",
    "categorie": "vehicule",
    "besoins": ["vehicule"],
    "publics": ["demandeurs-emploi", "jeunes"],
    "territoires": ["pays-de-saint-omer"],
    "description": "Le garage répare votre voiture à petit prix.\nVous gardez votre voiture pour travailler.",
    "pour_qui": "Vous cherchez un travail.\nOu vous suivez une formation.",
    "conditions": "Vous habitez dans le Pays de Saint-Omer.",
    "acces": "orientation",
    "oriente_par": ["votre conseiller France Travail"],
    "comment_faire": "Parlez-en à votre conseiller.\nIl prend rendez-vous avec le garage.",
    "cout": "Vous payez les pièces.\nLe travail est gratuit.",
    "ou": "Au garage, 1 rue de l'Exemple à Saint-Omer.",
    "quand": "Du lundi au vendredi, de 9 heures à 17 heures.",
    "vehicule_requis": "voiture",
    "contact": {"telephone": "03 21 00 00 00", "site": "https://www.exemple.fr/garage"},
    "telephone": "03 21 00 00 00",
    "email": "contact@exemple.fr",
    "adresse": "1 rue de l'Exemple\n62500 Saint-Omer",
    "site": "https://www.exemple.fr/garage",
    "accessibilite": "L'accueil est de plain-pied.",
    "lsf": "https://www.exemple.fr/video-lsf",
    "transcription": "https://www.exemple.fr/transcription",
    "mots_cles": ["voiture en panne", "réparation"],
    "ligne_du_service": True,
    "sources": [
        {"titre": "Page du garage sur le site de l'association", "url": "https://www.exemple.fr/garage"}
    ],
    "titre": "Page du garage sur le site de l'association",
    "url": "https://www.exemple.fr/garage",
    "reference": "page 12",
    "verifie_le": date(2026, 11, 22),
    "a_revoir_tous_les": 6,
    "transfrontalier": False,
    "traductions": {"nl": {"nom": "…"}, "en": {"nom": "…"}},
    "traduit_de": "3f2a9c01",
    "falc_exceptions": [
        {"regle": "negation", "champ": "conditions", "raison": "La condition officielle est ainsi."}
    ],
    "regle": "negation",
    "champ": "conditions",
    "raison": "La condition officielle est ainsi.",
    "relu_falc": False,
    "statut": "retire",
    "remplace_par": ["garage-solidaire-calais"],
}


@dataclass(frozen=True)
class FieldDoc:
    name: str  # "contact.telephone"
    required: bool
    description: str
    example: str  # as YAML


class UndocumentedField(Exception):
    """A field of the model has no description or no example: the guide would be incomplete."""


def field_docs() -> list[FieldDoc]:
    """Every field of a service record, nested ones included, in the model's order."""
    docs: list[FieldDoc] = []
    for name, info in Service.model_fields.items():
        if name == "id":  # the file name, not a field
            continue
        docs.append(_doc(name, info.is_required(), info.description))
        nested: dict[str, type[BaseModel]] = {
            "contact": Contact,
            "sources": Source,
            "traductions": Translation,
            "falc_exceptions": FalcException,
        }
        if name in nested:
            docs += _nested_docs(name, nested[name])
    return docs


# One example per field of a help desk (`content/lieux/`).
HELP_DESK_EXAMPLES: dict[str, Any] = {
    "nom": "France services de Fruges",
    "type": "france-services",
    "operateur": "Réseau France Services",
    "territoires": ["haut-pays-montreuillois"],
    "publics": ["jeunes", "apprentis"],
    "commune": "62364",
    "seulement_pour": ["62108"],
    "adresse": "Place du Général de Gaulle\n62310 Fruges",
    "telephone": "03 21 04 23 15",
    "email": "fruges@france-services.gouv.fr",
    "ligne_du_service": False,
    "site": "https://www.exemple.fr/accueil",
    "horaires": "Mo-Fr 09:00-12:30,14:00-17:30; Sa 08:00-12:00",
    "horaires_precisions": "Sur rendez-vous le samedi.",
    "accessibilite": "L'accueil est de plain-pied.",
    "sources": [{"titre": "Liste des structures France Services, ANCT", "url": "https://www.data.gouv.fr/"}],
    "verifie_le": date(2026, 11, 29),
    "a_revoir_tous_les": 6,
}


def help_desk_docs() -> list[FieldDoc]:
    """Every field of a help-desk record, in the model's order."""
    docs = []
    for name, info in HelpDesk.model_fields.items():
        if name == "id":
            continue
        if not info.description or name not in HELP_DESK_EXAMPLES:
            raise UndocumentedField(f"the help-desk field {name} needs a description and an example")
        example = yaml_field(name, HELP_DESK_EXAMPLES[name])
        docs.append(FieldDoc(f"lieux : {name}", info.is_required(), info.description, example))
    return docs


def _nested_docs(parent: str, model: type[BaseModel]) -> list[FieldDoc]:
    return [
        _doc(f"{parent}.{name}", info.is_required(), info.description)
        for name, info in model.model_fields.items()
    ]


def _doc(name: str, required: bool, description: str | None) -> FieldDoc:
    key = name.rsplit(".", 1)[-1]
    if not description or key not in EXAMPLES:
        raise UndocumentedField(
            f"the field {name} needs a description in model.py and an example in EXAMPLES"
        )
    return FieldDoc(name, required, description, yaml_field(key, EXAMPLES[key]))


def guide_context() -> dict[str, Any]:
    """What the guide template needs: fields, vocabularies, FALC rules."""
    return {
        "fields": field_docs(),
        "help_desk_fields": help_desk_docs(),
        "help_desk_kinds": HELP_DESK_KINDS,
        "categories": CATEGORIES,
        "needs": NEEDS,
        "access_modes": ACCESS_MODES,
        "falc_rules": RULES,
        "max_words": MAX_WORDS_PER_SENTENCE,
        "warn_words": WARN_WORDS_PER_SENTENCE,
    }


def guide_markdown() -> str:
    """CONTRIBUTING.md, also shown on the site at /contribuer/."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.export", "templates"), trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True, undefined=jinja2.StrictUndefined,
    )  # fmt: skip
    return environment.get_template("contribuer.md.j2").render(**guide_context())
