"""A new service record, complete and commented, from a contributor's answers (`new-service`)."""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml

from .model import Service

SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/service.schema.json"


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
        parts.append(yaml_field(key, value))
    return "\n".join(parts) + "\n"


def yaml_field(key: str, value: Any) -> str:
    if isinstance(value, str) and "\n" in value:
        lines = "".join(f"  {line}\n" for line in value.splitlines())
        return f"{key}: |\n{lines}".rstrip("\n")
    if isinstance(value, list) and all(isinstance(v, str) and "\n" not in v for v in value):
        return yaml.safe_dump({key: value}, allow_unicode=True, default_flow_style=None, width=200).rstrip()
    return yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=200).rstrip()
