"""Refresh the communes of each intercommunality from the official open data.

Source: the npm package @etalab/decoupage-administratif (Etalab, MIT licence),
which carries the INSEE administrative divisions as JSON. Each file
`content/territoires/<id>.yml` keeps what people wrote by hand (`libelle`,
`dans`, `siren`); the script rewrites the official name, nature, département
and communes. The build itself never needs the network: the result is
committed.
"""

from __future__ import annotations

import json
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, display_path
from .yaml_loader import load_yaml

PACKAGE = "@etalab/decoupage-administratif"
PACKAGE_VERSION = "6.0.0"
HAND_WRITTEN_FIELDS = ("libelle", "dans", "siren")
HEADER = (
    "# yaml-language-server: $schema=../../schemas/territoire.schema.json\n"
    "# Seuls « libelle », « dans » et « siren » s'écrivent à la main. Le reste est réécrit par\n"
    f"# « python -m generator import-territoires » depuis {PACKAGE} {PACKAGE_VERSION}.\n"
)


class ImportError_(Exception):
    """A problem that stops the import, explained in French."""


def download_package(destination: Path) -> Path:
    """Fetch the npm package into `destination` and return its data folder."""
    result = subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{PACKAGE_VERSION}", "--silent", "--pack-destination", str(destination)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise ImportError_(f"npm n'a pas pu télécharger {PACKAGE} : {result.stderr.strip()}")
    archive = destination / result.stdout.strip().splitlines()[-1]
    with tarfile.open(archive) as tar:
        tar.extractall(destination, filter="data")
    return destination / "package" / "data"


def import_territories(content: Path, data_dir: Path | None = None) -> list[Path]:
    """Rewrite every territory file of `content`; return the files written."""
    if data_dir is None:
        with tempfile.TemporaryDirectory() as temporary:
            return import_territories(content, download_package(Path(temporary)))
    epcis = {e["code"]: e for e in _read_json(data_dir / "epci.json")}
    communes = _read_json(data_dir / "communes.json")
    postcodes = {
        c["code"]: c.get("codesPostaux", []) for c in communes if c.get("type") == "commune-actuelle"
    }
    former = _former_names(communes)
    departements = _departements_by_code(content)
    written = []
    for path in sorted((content / "territoires").glob("*.yml")):
        hand = _read_record(path)
        epci = epcis.get(str(hand.get("siren")))
        if epci is None:
            raise ImportError_(f"{path}: aucun EPCI n'a le SIREN « {hand.get('siren')} » dans {PACKAGE}.")
        record = {k: hand[k] for k in HAND_WRITTEN_FIELDS if k in hand}
        record |= _official_fields(epci, postcodes, former, departements, path)
        path.write_text(HEADER + _dump(record), encoding="utf-8")
        written.append(path)
    return written


def _former_names(communes: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Delegated and associated communes by the commune they belong to now: names people still give."""
    names: dict[str, list[str]] = {}
    for commune in communes:
        if commune.get("type") in ("commune-deleguee", "commune-associee") and commune.get("chefLieu"):
            names.setdefault(commune["chefLieu"], []).append(commune["nom"])
    return names


def _official_fields(
    epci: dict[str, Any],
    postcodes: dict[str, list[str]],
    former: dict[str, list[str]],
    departements: dict[str, str],
    path: Path,
) -> dict[str, Any]:
    members = sorted(epci["membres"], key=lambda m: m["code"])
    codes = {m["code"][:2] for m in members}
    if len(codes) != 1 or next(iter(codes)) not in departements:
        raise ImportError_(
            f"{path}: les communes sont dans les départements {sorted(codes)}, absents de bassin.yml."
        )
    return {
        "nom": epci["nom"],
        "nature": epci["type"],
        "departement": departements[next(iter(codes))],
        "communes": [_commune(m, postcodes, former) for m in members],
    }


def _commune(
    member: dict[str, Any], postcodes: dict[str, list[str]], former: dict[str, list[str]]
) -> dict[str, Any]:
    commune: dict[str, Any] = {
        "insee": member["code"],
        "nom": member["nom"],
        "codes_postaux": sorted(postcodes.get(member["code"], [])),
    }
    others = sorted(set(former.get(member["code"], [])) - {member["nom"]})
    if others:
        commune["anciens_noms"] = others
    return commune


def _departements_by_code(content: Path) -> dict[str, str]:
    basin = _read_record(content / "bassin.yml")
    return {str(d["code"]): d["id"] for d in basin.get("departements", [])}


def _read_record(path: Path) -> dict[str, Any]:
    """A record read with the project's hardened loader (sizes, aliases, tags and depth refused)."""
    document = load_yaml(path, display_path(path))
    if isinstance(document, Problem):
        raise ImportError_(document.format())
    if not isinstance(document.data, dict):
        raise ImportError_(f"{document.display} : une fiche doit être une suite de champs « nom: valeur ».")
    return document.data


def _read_json(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as file:
        data: list[dict[str, Any]] = json.load(file)
    return data


def _dump(record: dict[str, Any]) -> str:
    return yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=100, default_flow_style=None)
