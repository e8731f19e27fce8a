"""JSON Schemas of the record files, for editors (autocompletion, underlined mistakes).

Each YAML file starts with `# yaml-language-server: $schema=…` pointing to one of
these; VS Code (with the YAML extension) and other editors then help contributors.
They are generated from `model.py`, so they cannot drift from the validation.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..content.model import Audience, Basin, Glossary, HelpDesk, NeedAdvice, Service, Territory

SCHEMAS: dict[str, type[BaseModel]] = {
    "service": Service,
    "lieu": HelpDesk,
    "public": Audience,
    "territoire": Territory,
    "bassin": Basin,
    "glossaire": Glossary,
    "besoins": NeedAdvice,
}


def schema_of(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_text(model: type[BaseModel]) -> str:
    return json.dumps(schema_of(model), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = folder / f"{name}.schema.json"
        path.write_text(schema_text(model), encoding="utf-8")
        written.append(path)
    return written
