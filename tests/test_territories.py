"""Territories: the import from official open data, and the committed result."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from generator.content.territories_import import ImportError_, import_territories

from .conftest import REAL_CONTENT


@pytest.fixture
def official_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "epci.json").write_text(
        json.dumps(
            [
                {
                    "code": "200000001",
                    "nom": "CC du Test",
                    "type": "CC",
                    "membres": [
                        {"code": "62002", "nom": "Deuxville"},
                        {"code": "62001", "nom": "Premierville"},
                    ],
                }
            ]
        )
    )
    (data / "communes.json").write_text(
        json.dumps(
            [
                {
                    "code": "62001",
                    "nom": "Premierville",
                    "type": "commune-actuelle",
                    "codesPostaux": ["62100", "62000"],
                },
                {"code": "62002", "nom": "Deuxville", "type": "commune-actuelle", "codesPostaux": ["62200"]},
                {"code": "62001", "nom": "Ancienne", "type": "commune-deleguee", "codesPostaux": ["62999"]},
            ]
        )
    )
    return data


def test_import_keeps_hand_written_fields_and_refreshes_the_rest(
    content_dir: Path, official_data: Path
) -> None:
    territory = content_dir / "territoires" / "alpha.yml"
    territory.write_text('libelle: Le Test\ndans: dans le Test\nsiren: "200000001"\nnom: ancien nom\n')
    for other in ("beta", "gamma"):
        (content_dir / "territoires" / f"{other}.yml").unlink()
    assert import_territories(content_dir, official_data) == [territory]
    text = territory.read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schemas/territoire.schema.json\n")
    assert yaml.safe_load(text) == {
        "libelle": "Le Test",
        "dans": "dans le Test",
        "siren": "200000001",
        "nom": "CC du Test",
        "nature": "CC",
        "departement": "pas-de-calais",
        "communes": [
            {"insee": "62001", "nom": "Premierville", "codes_postaux": ["62000", "62100"]},
            {"insee": "62002", "nom": "Deuxville", "codes_postaux": ["62200"]},
        ],
    }


def test_import_refuses_an_unknown_siren(content_dir: Path, official_data: Path) -> None:
    # The example territories beta and gamma have SIRENs the official data does not know.
    with pytest.raises(ImportError_, match=r"beta\.yml: aucun EPCI n'a le SIREN « 200000002 »"):
        import_territories(content_dir, official_data)


def test_real_basin_has_its_13_intercommunalities_and_417_communes() -> None:
    territories = [
        yaml.safe_load(p.read_text()) for p in sorted((REAL_CONTENT / "territoires").glob("*.yml"))
    ]
    assert len(territories) == 13
    assert {t["nature"] for t in territories} == {"CA", "CC", "CU"}
    communes = [c for t in territories for c in t["communes"]]
    assert len(communes) == 417
    assert len({c["insee"] for c in communes}) == 417  # no commune in two territories
    for territory in territories:
        code = {"nord": "59", "pas-de-calais": "62"}[territory["departement"]]
        assert all(c["insee"].startswith(code) and c["codes_postaux"] for c in territory["communes"])
    names = {c["nom"] for c in communes}
    assert {"Dunkerque", "Calais", "Boulogne-sur-Mer", "Saint-Omer", "Hazebrouck", "Berck"} <= names
