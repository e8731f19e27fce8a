"""Pydantic's validation errors, told in French at the field's line, with a hint.

The field types of `fields.py` raise errors whose type is already our problem
code and whose message is French; the generic ones (missing field, unknown
field, wrong type) are explained here, with the field's own description from
the model as the hint.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .problems import Problem
from .yaml_loader import YamlDocument, dotted

_TYPE_EXPECTED = {
    "string_type": "un texte",
    "list_type": "une liste",
    "bool_type": "« true » ou « false »",
    "bool_parsing": "« true » ou « false »",
    "int_type": "un nombre entier",
    "int_parsing": "un nombre entier",
    "model_type": "des sous-champs « nom: valeur »",
    "model_attributes_type": "des sous-champs « nom: valeur »",
    "dict_type": "des sous-champs « nom: valeur »",
    "date_type": "une date",
}
_LIST_HINT = "écrivez une ligne « - valeur » par élément, ou « [valeur1, valeur2] »."


def problems_from_validation(
    document: YamlDocument, model: type[BaseModel], error: ValidationError
) -> Iterator[Problem]:
    schema = _schema_of(model)
    details = error.errors(include_url=False)
    misspelled = _misspelled(details)
    for detail in details:
        location = tuple(detail["loc"])
        if detail["type"] == "missing" and location in misspelled:
            continue  # "opérateur" for "operateur": one mistake, told once, by "vouliez-vous écrire"
        code, message, hint = _explain(detail, location, schema)
        # A missing field has no line: the problem is shown at its parent's.
        shown_at = location if detail["type"] != "missing" else location[:-1]
        yield document.problem(shown_at, code, message, hint, field=dotted(location))


def _misspelled(details: list[ErrorDetails]) -> set[tuple[Any, ...]]:
    """The missing fields that an unknown field beside them is a misspelling of."""
    missing = {tuple(d["loc"]) for d in details if d["type"] == "missing"}
    found = set()
    for detail in details:
        if detail["type"] == "extra_forbidden":
            *parent, name = detail["loc"]
            beside = [str(loc[-1]) for loc in missing if list(loc[:-1]) == parent]
            found |= {(*parent, close) for close in difflib.get_close_matches(str(name), beside, n=1)}
    return found


def _explain(detail: ErrorDetails, location: tuple[Any, ...], schema: dict[str, Any]) -> tuple[str, str, str]:
    kind, value = detail["type"], detail.get("input")
    name = str(location[-1]) if location else ""
    described = _describe(schema, location)
    if kind.startswith(("fiche/",)):
        return kind, detail["msg"], detail.get("ctx", {}).get("hint", "")
    if kind == "missing":
        return (
            "fiche/champ-manquant",
            f"Le champ obligatoire « {name} » manque.",
            described.get("description", ""),
        )
    if kind == "extra_forbidden":
        known = sorted(_describe(schema, location[:-1]).get("properties", {}))
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"vouliez-vous écrire « {close[0]} » ? " if close else ""
        return (
            "fiche/champ-inconnu",
            f"Le champ « {name} » n'existe pas.",
            hint + "champs possibles : " + ", ".join(known) + ".",
        )
    if value is None or (kind == "string_too_short" and not str(value).strip()):
        return "fiche/vide", f"Le champ « {name} » est vide.", described.get("description", "")
    if kind in ("literal_error", "enum"):
        allowed = described.get("enum", [])
        hint = "valeurs possibles : " + ", ".join(map(str, allowed)) + "." if allowed else ""
        return "fiche/valeur-inconnue", f"« {value} » n'est pas une valeur connue.", hint
    if kind == "string_too_long":
        limit = detail.get("ctx", {}).get("max_length")
        return (
            "fiche/texte-trop-long",
            f"Ce texte est beaucoup trop long ({len(str(value))} caractères, {limit} au plus).",
            "gardez l'essentiel en phrases courtes ; mettez les détails sur le site de l'opérateur.",
        )
    if kind == "too_short":
        return "fiche/vide", f"La liste « {name} » est vide.", "donnez au moins un élément ; " + _LIST_HINT
    if kind == "string_pattern_mismatch":
        return "fiche/format", f"« {value} » n'a pas le bon format.", described.get("description", "")
    if kind in _TYPE_EXPECTED:
        hint = _LIST_HINT if kind == "list_type" else described.get("description", "")
        return "fiche/type", f"Ce champ attend {_TYPE_EXPECTED[kind]}.", hint
    return "fiche/invalide", f"Valeur refusée : {detail['msg']}.", described.get("description", "")


_SCHEMAS: dict[type[BaseModel], dict[str, Any]] = {}


def _schema_of(model: type[BaseModel]) -> dict[str, Any]:
    if model not in _SCHEMAS:
        _SCHEMAS[model] = model.model_json_schema()
    return _SCHEMAS[model]


def _describe(schema: dict[str, Any], location: tuple[Any, ...]) -> dict[str, Any]:
    """The JSON Schema node of a field path: its description, enum and properties."""
    root, node = schema, schema
    for part in location:
        node = _resolve(root, node)
        if isinstance(part, int):
            node = node.get("items", {})
        elif "properties" in node:
            node = node["properties"].get(part, {})
        else:
            node = (
                node.get("additionalProperties", {})
                if isinstance(node.get("additionalProperties"), dict)
                else {}
            )
    resolved = _resolve(root, node)
    return {**resolved, "description": node.get("description", resolved.get("description", ""))}


def _resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while True:
        if "$ref" in node:
            node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]] | {
                k: v for k, v in node.items() if k != "$ref"
            }
        elif "anyOf" in node:
            options = [o for o in node["anyOf"] if o.get("type") != "null"]
            node = options[0] | {k: v for k, v in node.items() if k != "anyOf"} if options else {}
        else:
            return node
