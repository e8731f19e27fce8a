"""JSON Schemas for editors: committed, up to date, and pointed to by every record."""

from __future__ import annotations

import json

import pytest

from generator.export.schemas import SCHEMAS, schema_text

from .conftest import REAL_CONTENT, ROOT


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_is_up_to_date(name: str) -> None:
    committed = (ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(SCHEMAS[name]), "run `make schemas` and commit the result"


def test_every_record_points_editors_to_its_schema() -> None:
    expected = {"services": "service", "publics": "public", "territoires": "territoire", "lieux": "lieu"}
    for folder, schema in expected.items():
        for path in (REAL_CONTENT / folder).glob("*.yml"):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema=../../schemas/{schema}.schema.json", path


def test_service_schema_documents_every_field_in_french() -> None:
    schema = json.loads((ROOT / "schemas" / "service.schema.json").read_text(encoding="utf-8"))
    assert "id" not in schema["properties"]
    for name, field in schema["properties"].items():
        assert field.get("description"), name
    assert schema["properties"]["categorie"]["enum"] == [
        "transport-commun",
        "diagnostic-mobilite",
        "accompagnement-mobilite",
        "transport-solidaire",
        "vehicule",
        "aide-financiere",
    ]


ROOT_FILES = {
    "service": "content/services/<identifiant>.yml",
    "lieu": "content/lieux/<identifiant>.yml",
    "public": "content/publics/<identifiant>.yml",
    "territoire": "content/territoires/<identifiant>.yml",
    "bassin": "content/bassin.yml",
    "glossaire": "content/glossaire.yml",
    "besoins": "content/besoins.yml",
}


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_each_schema_describes_its_own_kind_of_file(name: str) -> None:
    """An editor shows the root description on hover: it names the file the schema is for."""
    schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert ROOT_FILES[name] in schema["description"]
    nested = {key: definition.get("description") for key, definition in schema.get("$defs", {}).items()}
    assert schema["description"] not in nested.values(), "a nested record took the root's description"
