"""For contributors: the guide to the fields (generated from the model), new records, stale records.

The table of fields comes from `model.py`, where each field is documented
once, and from `EXAMPLES` below: a field without a description or an example
stops the guide from being written, so the guide cannot drift from the model.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

import jinja2
import yaml
from pydantic import BaseModel

from .content import Content
from .falc.settings import MAX_WORDS_PER_SENTENCE, RULES
from .model import Contact, FalcException, Service, Source, Translation
from .vocabulary import ACCESS_MODES, CATEGORIES, NEEDS

SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/service.schema.json"

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
    "contact": {"telephone": "03 21 00 00 00", "site": "https://www.exemple.fr/garage"},
    "telephone": "03 21 00 00 00",
    "email": "contact@exemple.fr",
    "adresse": "1 rue de l'Exemple\n62500 Saint-Omer",
    "site": "https://www.exemple.fr/garage",
    "accessibilite": "L'accueil est de plain-pied.",
    "lsf": "https://www.exemple.fr/video-lsf",
    "transcription": "https://www.exemple.fr/transcription",
    "sources": [
        {"titre": "Page du garage sur le site de l'association", "url": "https://www.exemple.fr/garage"}
    ],
    "titre": "Page du garage sur le site de l'association",
    "url": "https://www.exemple.fr/garage",
    "reference": "page 12",
    "verifie_le": date(2026, 11, 22),
    "transfrontalier": False,
    "traductions": {"nl": {"nom": "…"}, "en": {"nom": "…"}},
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
    return FieldDoc(name, required, description, _yaml_field(key, EXAMPLES[key]))


def guide_context() -> dict[str, Any]:
    """What the guide template needs: fields, vocabularies, FALC rules."""
    return {
        "fields": field_docs(),
        "categories": CATEGORIES,
        "needs": NEEDS,
        "access_modes": ACCESS_MODES,
        "falc_rules": RULES,
        "max_words": MAX_WORDS_PER_SENTENCE,
    }


def guide_markdown() -> str:
    """CONTRIBUTING.md, also shown on the site at /contribuer/."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"), trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True, undefined=jinja2.StrictUndefined,
    )  # fmt: skip
    return environment.get_template("guide/contribuer.md.j2").render(**guide_context())


# --- A new record ---------------------------------------------------------------------


def new_service_yaml(answers: dict[str, Any], today: date) -> str:
    """A complete, commented record from a contributor's answers."""
    record: dict[str, Any] = {
        "nom": answers["nom"],
        "operateur": answers["operateur"],
        "categorie": answers["categorie"],
        "besoins": answers["besoins"],
        "publics": answers["publics"],
        "territoires": answers["territoires"],
        "description": answers["description"],
        "pour_qui": answers["pour_qui"],
        "acces": answers["acces"],
        "oriente_par": answers.get("oriente_par") or None,
        "comment_faire": answers["comment_faire"],
        "cout": answers.get("cout") or None,
        "contact": {k: v for k in ("telephone", "email", "adresse", "site") if (v := answers.get(k))},
        "sources": [
            {k: v for k, v in (("titre", answers["source_titre"]), ("url", answers.get("source_url"))) if v}
        ],
        "verifie_le": today,
    }
    descriptions = {name: info.description or "" for name, info in Service.model_fields.items()}
    parts = [SCHEMA_LINE, "# Fiche créée par « python -m generator new-service » : relisez chaque texte."]
    for key, value in record.items():
        if value is None:
            continue
        parts.append(f"\n# {descriptions[key]}")
        parts.append(_yaml_field(key, value))
    return "\n".join(parts) + "\n"


def _yaml_field(key: str, value: Any) -> str:
    if isinstance(value, str) and "\n" in value:
        lines = "".join(f"  {line}\n" for line in value.splitlines())
        return f"{key}: |\n{lines}".rstrip("\n")
    if isinstance(value, list) and all(isinstance(v, str) and "\n" not in v for v in value):
        return yaml.safe_dump({key: value}, allow_unicode=True, default_flow_style=None, width=200).rstrip()
    return yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=200).rstrip()


# --- Stale records ----------------------------------------------------------------------


def stale_by_operator(content: Content, today: date, months: int) -> dict[str, list[Service]]:
    """Records whose last check is older than `months` months, grouped by who runs them."""
    limit = _months_before(today, months)
    grouped: dict[str, list[Service]] = defaultdict(list)
    for service in sorted(content.services.values(), key=lambda s: s.verifie_le):
        if service.verifie_le < limit:
            grouped[service.operateur].append(service)
    return dict(sorted(grouped.items()))


def _months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
