"""The France Services of the basin, from the official list of the ANCT (`import-france-services`).

The ANCT publishes every France Services (address, phone, e-mail, hours of
each day) as a CSV file under the Licence Ouverte. This writes one help-desk
record per France Services located in a commune of the basin, with its hours
in OpenStreetMap's syntax, for a contributor to review and commit: the
yearly update of the plan is one command. Fields written by hand
(`horaires_precisions`, `accessibilite`) are kept.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path
from typing import Any

from .new_record import yaml_field
from .problems import Problem, display_path
from .texts import slug
from .yaml_loader import load_yaml

DATASET_PAGE = "https://www.data.gouv.fr/fr/datasets/liste-des-structures-france-services/"
HAND_WRITTEN_FIELDS = ("horaires_precisions", "accessibilite")
HEADER = (
    "# yaml-language-server: $schema=../../schemas/lieu.schema.json\n"
    "# Écrit par « python -m generator import-france-services » depuis la liste officielle de l'ANCT.\n"
    "# « horaires_precisions » et « accessibilite » s'écrivent à la main et sont gardés.\n"
)
_DAY_COLUMNS = {
    "Mo": "h_lundi",
    "Tu": "h_mardi",
    "We": "h_mercredi",
    "Th": "h_jeudi",
    "Fr": "h_vendredi",
    "Sa": "h_samedi",
}
_SLOT = re.compile(r"(\d\d):(\d\d) - (\d\d):(\d\d)")


class ImportRefused(Exception):
    """The file is not the ANCT's list, or a record it would update cannot be read."""


def import_france_services(
    csv_path: Path, content: Path, communes: dict[str, str], today: date
) -> list[Path]:
    """Write `content/lieux/france-services-<commune>.yml`; `communes` maps INSEE code → territory."""
    rows = _read_rows(csv_path)
    folder = content / "lieux"
    folder.mkdir(exist_ok=True)
    written = []
    data_date = _data_date(csv_path)
    for row in sorted(rows, key=lambda r: (r["insee_com"], r["lib_fs"])):
        territory = communes.get(row["insee_com"])
        if territory is None:
            continue
        path = folder / f"france-services-{slug(row['lib_com'])}.yml"
        record = _record(row, territory, data_date, csv_path.name, today) | _hand_written(path)
        path.write_text(HEADER + "\n".join(yaml_field(key, value) for key, value in record.items()) + "\n")
        written.append(path)
    return written


def _read_rows(csv_path: Path) -> list[dict[str, str]]:
    try:
        with csv_path.open(encoding="utf-8", newline="") as file:
            rows = list(csv.DictReader(file))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise ImportRefused(f"{csv_path} : fichier illisible ({error}).") from None
    needed = {
        "lib_fs",
        "insee_com",
        "adresse",
        "code_postal",
        "lib_com",
        "telephone",
        "mail",
        *_DAY_COLUMNS.values(),
    }
    if not rows or not needed <= set(rows[0]):
        raise ImportRefused(
            f"{csv_path} : ce n'est pas la liste des France Services de l'ANCT (colonnes absentes)."
        )
    return rows


def _record(
    row: dict[str, str], territory: str, data_date: str, file_name: str, today: date
) -> dict[str, Any]:
    address = [
        row["adresse"].strip(),
        row.get("complement_adresse", "").strip(),
        f"{row['code_postal']} {row['lib_com']}",
    ]
    record: dict[str, Any] = {
        "nom": " ".join(row["lib_fs"].split()),
        "type": "france-services",
        "operateur": "Réseau France Services",
        "territoires": [territory],
        "commune": row["insee_com"],
        "adresse": "\n".join(line for line in address if line),
        "telephone": row["telephone"].strip() or None,
        "email": row["mail"].strip() or None,
        "horaires": opening_hours_of(row) or None,
        "sources": [
            {
                "titre": f"Liste des structures France Services, ANCT, données du {data_date}",
                "url": DATASET_PAGE,
                "reference": f"fichier {file_name}, ligne « {row['lib_fs'].strip()} »",
            }
        ],
        "verifie_le": today.isoformat(),
    }
    return {key: value for key, value in record.items() if value is not None}


def opening_hours_of(row: dict[str, str]) -> str:
    """The ANCT's hours of each day ("09:00 - 12:00 / 14:00 - 17:00") in OpenStreetMap's syntax,
    days with the same hours together: "Mo-Th 09:00-12:00,14:00-17:00; Fr 09:00-12:00"."""
    days = {day: _slots(row.get(column, "")) for day, column in _DAY_COLUMNS.items()}
    groups: dict[str, list[str]] = {}
    for day, slots in days.items():
        if slots:
            groups.setdefault(slots, []).append(day)
    return "; ".join(f"{_day_range(members)} {slots}" for slots, members in groups.items())


def _slots(text: str) -> str:
    slots = [f"{a}:{b}-{c}:{d}" for a, b, c, d in _SLOT.findall(text) if (a, b) != (c, d)]
    return ",".join(slots)


def _day_range(days: list[str]) -> str:
    order = list(_DAY_COLUMNS)
    positions = [order.index(day) for day in days]
    if len(days) >= 3 and positions == list(range(positions[0], positions[-1] + 1)):
        return f"{days[0]}-{days[-1]}"
    return ",".join(days)


def _data_date(csv_path: Path) -> str:
    """The date of the list, from its file name ("liste-fs-20240801.csv" → "1er août 2024")."""
    found = re.search(r"(20\d\d)(\d\d)(\d\d)", csv_path.name)
    if not found:
        return "fichier " + csv_path.name
    from babel.dates import format_date

    day = date(*map(int, found.groups()))
    text = format_date(day, "d MMMM y", locale="fr_FR")
    return "1er" + text[1:] if text.startswith("1 ") else text


def _hand_written(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    document = load_yaml(path, display_path(path))
    if isinstance(document, Problem):
        raise ImportRefused(document.format())
    data = document.data if isinstance(document.data, dict) else {}
    return {key: data[key] for key in HAND_WRITTEN_FIELDS if key in data}
