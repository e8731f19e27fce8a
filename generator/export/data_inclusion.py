"""The directory in the national data·inclusion schema (v1), both ways.

Export: structures (one per operator) and services, validated against the
official package `data-inclusion-schema`; a service that does not validate
fails the build, naming the record and the field.

Import: a data·inclusion file (an export from DORA, for example) becomes YAML
records in our format, for a contributor to review: what could not be mapped
is listed, and no existing file is overwritten without `--force`.

The two vocabularies do not match one to one: "diagnostic mobilité" becomes
an "accompagnement", apprentices are "jeunes" and "actifs". The mappings
below are the one place where this is decided.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from unittest.mock import patch

import yaml
from pydantic import ValidationError

from ..content.model import HelpDesk, Service
from ..content.problems import Problem
from ..content.records import Content
from ..content.texts import lines_of, slug
from ..content.vocabulary import HELP_DESK_KINDS
from ..structure import urls

# Our kind of service → data·inclusion type.
TYPES = {
    "transport-commun": "information",
    "diagnostic-mobilite": "accompagnement",
    "accompagnement-mobilite": "accompagnement",
    "transport-solidaire": "aide-materielle",
    "vehicule": "aide-materielle",
    "aide-financiere": "aide-financiere",
}
# Our need → data·inclusion thématique (all under "mobilite").
THEMES = {
    "conseil": "mobilite--etre-accompagne-dans-son-parcours-mobilite",
    "argent": "mobilite--financer-ma-mobilite",
    "permis": "mobilite--preparer-un-permis",
    "vehicule": "mobilite--acceder-a-un-vehicule",
    "bus-train": "mobilite--mobilite-douce-partagee-collective",
    "etre-conduit": "mobilite--mobilite-douce-partagee-collective",
}
# Our audience → data·inclusion publics.
PUBLICS = {
    "demandeurs-emploi": ["demandeurs-emploi"],
    "jeunes": ["jeunes"],
    "apprentis": ["jeunes", "actifs"],
    "seniors": ["seniors"],
    "handicap": ["personnes-en-situation-de-handicap"],
    "tous": ["tous-publics"],
}


# Our kind of help desk → data·inclusion's network ("réseau porteur").
NETWORKS = {
    "france-services": "france-service",
    "mission-locale": "mission-locale",
    "france-travail": "france-travail",
    "mdph": "mdph",
    "ccas": "ccas-cias",
    "mairie": "communes",
    "maison-departementale": "departements",
}


def source_name(content: Content) -> str:
    return f"mobilite-solidaire-{content.basin.id}"


# --- Export ----------------------------------------------------------------------


def export(content: Content) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Structures and services as data·inclusion dictionaries (JSON-ready)."""
    source = source_name(content)
    structures: dict[str, dict[str, Any]] = {}
    services = []
    for service in content.services.values():
        structure_id = f"{source}--{slug(service.operateur)}"
        structure = structures.setdefault(
            structure_id, {"source": source, "id": structure_id, "nom": service.operateur, "date_maj": ""}
        )
        structure["date_maj"] = max(structure["date_maj"], service.verifie_le.isoformat())
        services.append(_service(service, content, source, structure_id))
    for desk in content.help_desks.values():
        structure = _help_desk_structure(desk, content, source)
        structures[structure["id"]] = structure
    return sorted(structures.values(), key=lambda s: s["id"]), services


def _service(service: Service, content: Content, source: str, structure_id: str) -> dict[str, Any]:
    contact = service.contact
    modes = [mode for mode, present in (
        ("telephoner", contact.telephone), ("envoyer-un-courriel", contact.email),
        ("utiliser-lien-mobilisation", contact.site), ("se-presenter", contact.adresse),
    ) if present]  # fmt: skip
    record = {
        "source": source,
        "structure_id": structure_id,
        "id": f"{source}--{service.id}",
        "nom": service.nom,
        "description": "\n".join(lines_of(service.description)),
        "lien_source": urls.absolute(content.basin.adresse_site, urls.service(service.id)),
        "date_maj": service.verifie_le.isoformat(),
        "type": TYPES[service.categorie],
        "thematiques": sorted({THEMES[need] for need in service.besoins}),
        "publics": sorted({p for public in service.publics for p in PUBLICS[public]}),
        "publics_precisions": "\n".join(lines_of(service.pour_qui)),
        "conditions_acces": _joined(service.conditions),
        "frais_precisions": _joined(service.cout),
        "telephone": _e164(contact.telephone),
        "courriel": contact.email,
        "adresse": ", ".join(lines_of(contact.adresse)) or None,
        "lien_mobilisation": contact.site,
        "zone_eligibilite": _zone(service, content),
        "modes_mobilisation": modes or None,
        "mobilisable_par": ["usagers", "professionnels"] if service.acces == "direct" else ["professionnels"],
        "mobilisation_precisions": "\n".join(lines_of(service.comment_faire)),
    }
    return {key: value for key, value in record.items() if value not in (None, "", [])}


def _joined(text: str | None) -> str | None:
    return "\n".join(lines_of(text)) or None


def _e164(phone: str | None) -> str | None:
    if not phone:
        return None
    digits = phone.replace(" ", "")
    return digits if digits.startswith("+") or len(digits) == 4 else "+33" + digits[1:]


def _zone(service: Service, content: Content) -> list[str]:
    """INSEE codes: a département's code, or the SIREN of each intercommunality."""
    codes = {d.id: d.code for d in content.basin.departements}
    zone: list[str] = []
    for zone_id in service.territoires:
        if zone_id in codes:
            zone.append(codes[zone_id])
        elif zone_id in content.territories:
            zone.append(content.territories[zone_id].siren)
        else:  # the whole basin
            zone += [t.siren for t in content.territories.values()]
    return sorted(set(zone))


def _help_desk_structure(desk: HelpDesk, content: Content, source: str) -> dict[str, Any]:
    """A help desk is a data·inclusion structure: a place that receives people, with its hours."""
    lines = lines_of(desk.adresse)
    postcode, _, town = lines[-1].partition(" ") if lines and re.match(r"\d{5} ", lines[-1]) else ("", "", "")
    structure: dict[str, Any] = {
        "source": source,
        "id": f"{source}--lieu-{desk.id}",
        "nom": desk.nom,
        "date_maj": desk.verifie_le.isoformat(),
        "lien_source": urls.absolute(
            content.basin.adresse_site, urls.commune(desk.commune) if desk.commune else urls.COMMUNES
        ),
        "description": HELP_DESK_KINDS[desk.type].what,
        "adresse": ", ".join(lines[:-1]) if postcode else None,
        "code_postal": postcode or None,
        "commune": town or content.commune_name(desk.commune) or None,
        "code_insee": desk.commune,
        "telephone": desk.telephone,
        "courriel": desk.email,
        "site_web": desk.site,
        "horaires_accueil": desk.horaires,
        "accessibilite_lieu": None,
        "reseaux_porteurs": [NETWORKS[desk.type]] if desk.type in NETWORKS else None,
    }
    return {key: value for key, value in structure.items() if value is not None}


def validate(
    content: Content, structures: list[dict[str, Any]], services: list[dict[str, Any]], today: date
) -> list[Problem]:
    """Check the export against the official schema; each problem names the record and field."""
    from data_inclusion.schema.v1 import Service as DiService
    from data_inclusion.schema.v1 import Structure as DiStructure

    problems = []
    with official_clock(today):
        for model, records in ((DiStructure, structures), (DiService, services)):
            for record in records:
                try:
                    model.model_validate(record)
                except ValidationError as error:
                    problems += [_problem(content, record, d) for d in error.errors(include_url=False)]
    return problems


@contextmanager
def official_clock(today: date) -> Iterator[None]:
    """The official package reads the clock (a date "in the future", the age of a record): it gets
    the build's day instead, so that the export never depends on the day it runs."""
    import pendulum

    class BuildDay(date):
        @classmethod
        def today(cls) -> BuildDay:
            return cls(today.year, today.month, today.day)

    moment = pendulum.instance(datetime.combine(today, time(12)))
    with (
        patch("data_inclusion.schema.v1.services.date", BuildDay),
        patch("data_inclusion.schema.v1.structures.date", BuildDay),
        patch("pendulum.now", return_value=moment),
    ):
        yield


def _problem(content: Content, record: dict[str, Any], detail: Any) -> Problem:
    record_id = record["id"].split("--", 1)[1]
    key = (
        f"lieux/{record_id.removeprefix('lieu-')}"
        if record_id.startswith("lieu-")
        else f"services/{record_id}"
    )
    document = content.origins.get(key)
    field_name = ".".join(str(part) for part in detail["loc"])
    return Problem(
        document.display if document else record["id"], document.line_of(()) if document else 0,
        f"data·inclusion {field_name}", "donnees/data-inclusion",
        f"L'export au format data·inclusion est refusé : {_shortened(detail['msg'])}.",
        "corrigez la fiche ; la correspondance des champs est dans generator/export/data_inclusion.py.",
    )  # fmt: skip


def _shortened(message: str, limit: int = 200) -> str:
    return message if len(message) <= limit else message[:limit].rsplit(" ", 1)[0] + " …"


# --- Import -----------------------------------------------------------------------


@dataclass
class Imported:
    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files that exist, kept
    unmapped: list[str] = field(default_factory=list)  # what could not be turned into our format


_REVERSE_THEMES = {theme: need for need, theme in THEMES.items() if need != "etre-conduit"}
_REVERSE_PUBLICS = {
    "demandeurs-emploi": "demandeurs-emploi", "jeunes": "jeunes", "actifs": "apprentis", "seniors": "seniors",
    "personnes-en-situation-de-handicap": "handicap", "tous-publics": "tous",
}  # fmt: skip
_MAPPED_FIELDS = {
    "source", "structure_id", "id", "nom", "description", "lien_source", "date_maj", "type", "thematiques",
    "publics", "publics_precisions", "conditions_acces", "frais_precisions", "telephone", "courriel",
    "adresse", "lien_mobilisation", "zone_eligibilite", "modes_mobilisation", "mobilisable_par",
    "mobilisation_precisions", "code_postal", "commune", "code_insee",
}  # fmt: skip


def import_file(
    path: Path, content: Content, services_dir: Path, today: date, force: bool = False
) -> Imported:
    """Turn a data·inclusion JSON file into our YAML records, for review."""
    data = json.loads(path.read_text(encoding="utf-8"))
    services = data["services"] if isinstance(data, dict) else data
    structures = {s["id"]: s for s in data.get("structures", [])} if isinstance(data, dict) else {}
    result = Imported()
    for record in services:
        service_id = slug(str(record["id"]).split("--", 1)[-1])
        if not service_id:
            raise ValueError(f"un service a un identifiant vide ou illisible : « {record['id']} »")
        record_path = services_dir / f"{service_id}.yml"
        if record_path.exists() and not force:
            result.skipped.append(record_path.name)
            continue
        mapped, unmapped = _from_data_inclusion(record, structures, content, today)
        result.unmapped += [f"{service_id} : {item}" for item in unmapped]
        source = _one_line(str(record.get("source", "inconnue")))
        header = (
            "# yaml-language-server: $schema=../../schemas/service.schema.json\n"
            f"# Importé de data·inclusion, source {source} : à relire avant publication.\n"
        )
        record_path.write_text(
            header + yaml.safe_dump(mapped, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        result.written.append(record_path)
    return result


def _one_line(text: str, limit: int = 80) -> str:
    """A value written into a YAML comment: one line, or it would add fields to the record."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())[:limit]


def _from_data_inclusion(
    record: dict[str, Any], structures: dict[str, dict[str, Any]], content: Content, today: date
) -> tuple[dict[str, Any], list[str]]:
    unmapped = [f"champ « {name} » non repris" for name in sorted(set(record) - _MAPPED_FIELDS)]
    themes = set(record.get("thematiques") or [])
    kind = record.get("type")
    needs = [need for theme, need in _REVERSE_THEMES.items() if theme in themes]
    if kind == "aide-materielle" and "mobilite--mobilite-douce-partagee-collective" in themes:
        needs = [n for n in needs if n != "bus-train"] + ["etre-conduit"]
    publics = [_REVERSE_PUBLICS[p] for p in record.get("publics") or [] if p in _REVERSE_PUBLICS]
    unmapped += [
        f"public « {p} » sans équivalent" for p in record.get("publics") or [] if p not in _REVERSE_PUBLICS
    ]
    if "apprentis" in publics and "jeunes" in publics and len(record.get("publics", [])) == 2:
        publics = ["apprentis"]  # our apprentices are exported as jeunes and actifs
    zones, zone_problems = _zones_from_codes(record.get("zone_eligibilite") or [], content)
    unmapped += zone_problems
    structure = structures.get(record.get("structure_id", ""), {})
    direct = "usagers" in (record.get("mobilisable_par") or ["usagers"])
    mapped: dict[str, Any] = {
        "nom": record["nom"],
        "operateur": structure.get("nom") or record.get("structure_id", "À compléter"),
        "categorie": _category(kind, needs),
        "besoins": needs or ["conseil"],
        "publics": publics or ["tous"],
        "territoires": zones or [content.basin.id],
        "description": record.get("description", "À compléter."),
        "pour_qui": record.get("publics_precisions") or "À compléter.",
        "conditions": record.get("conditions_acces"),
        "acces": "direct" if direct else "orientation",
        "oriente_par": None if direct else ["un professionnel de l'insertion ou de l'emploi"],
        "comment_faire": record.get("mobilisation_precisions") or "À compléter.",
        "cout": record.get("frais_precisions"),
        "contact": {
            "telephone": record.get("telephone"),
            "email": record.get("courriel"),
            "adresse": record.get("adresse"),
            "site": record.get("lien_mobilisation"),
        },
        "sources": [
            {
                "titre": f"Import data·inclusion, source {record.get('source', 'inconnue')}",
                "url": record.get("lien_source"),
            }
        ],
        "verifie_le": record.get("date_maj") or today.isoformat(),
    }
    mapped["contact"] = {k: v for k, v in mapped["contact"].items() if v}
    mapped["sources"] = [{k: v for k, v in s.items() if v} for s in mapped["sources"]]
    return {k: v for k, v in mapped.items() if v not in (None, [], {})}, unmapped


def _category(kind: str | None, needs: list[str]) -> str:
    if kind == "aide-materielle":
        return "vehicule" if "vehicule" in needs else "transport-solidaire"
    return {"information": "transport-commun", "accompagnement": "accompagnement-mobilite",
            "aide-financiere": "aide-financiere"}.get(kind or "", "accompagnement-mobilite")  # fmt: skip


def _zones_from_codes(codes: list[str], content: Content) -> tuple[list[str], list[str]]:
    """data·inclusion codes → our zones; the whole basin when every intercommunality is listed."""
    by_siren = {t.siren: tid for tid, t in content.territories.items()}
    by_code = {d.code: d.id for d in content.basin.departements}
    by_commune = {c.insee: tid for tid, t in content.territories.items() for c in t.communes}
    zones, unmapped = [], []
    for code in codes:
        zone = by_siren.get(code) or by_code.get(code) or by_commune.get(code)
        if zone:
            zones.append(zone)
        else:
            unmapped.append(f"zone « {code} » hors du bassin")
    if set(by_siren.values()) <= set(zones):
        return [content.basin.id], unmapped
    return list(dict.fromkeys(zones)), unmapped
