"""Open data: the directory as JSON and CSV, one row per service, rebuilt with the site.

Fiche 1.1 asks for interoperable data: these files can be read by a
spreadsheet, by DORA or by the Hauts-de-France Mobilités directory. Every
column is documented in `COLUMNS`, shown on the /donnees/ page.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..content.model import Service
from ..content.problems import Problem
from ..content.records import Content
from ..content.vocabulary import CATEGORIES
from ..structure import urls
from ..structure.pages import Page
from . import data_inclusion
from .coverage import Coverage, coverage_csv
from .schemas import SCHEMAS, schema_text

LICENCE = "Licence Ouverte 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"

# Column → what it holds, in French for the people who reuse the data.
COLUMNS: dict[str, str] = {
    "id": "Identifiant du service : le nom de sa fiche, stable.",
    "nom": "Nom du service.",
    "operateur": "Qui gère le service.",
    "categorie": "Type de service de la fiche 3.1 du plan : " + ", ".join(CATEGORIES) + ".",
    "besoins": "Ce que le service apporte, séparé par « | ».",
    "publics": "Publics servis, séparés par « | » ; « tous » pour tout le monde.",
    "territoires": "Zones où le service est disponible (bassin, départements, intercommunalités).",
    "intercommunalites_siren": "SIREN des intercommunalités où le service est disponible, séparés par « | ».",
    "description": "C'est quoi ? Une phrase par ligne.",
    "pour_qui": "C'est pour qui ?",
    "conditions": "Conditions à remplir.",
    "acces": "« direct » ou « orientation » par un professionnel.",
    "oriente_par": "Qui peut orienter, séparé par « | ».",
    "comment_faire": "Comment faire ? Une étape par ligne.",
    "cout": "Combien ça coûte, ou le montant de l'aide.",
    "ou": "Où : arrêts, accueils.",
    "quand": "Quand : jours, horaires, fréquence.",
    "telephone": "Téléphone du service.",
    "email": "E-mail du service.",
    "adresse": "Adresse postale.",
    "site": "Page du service chez son opérateur.",
    "accessibilite": "Accessibilité.",
    "transfrontalier": "« oui » pour un service transfrontalier (fiche 4.2).",
    "sources": "D'où viennent les informations : titre et adresse, séparés par « | ».",
    "verifie_le": "Date de la dernière vérification (année-mois-jour).",
    "page": "Adresse de la page du service sur ce site.",
}

# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def service_row(service: Service, content: Content) -> dict[str, Any]:
    """One service as plain values: texts, lists and the page address."""
    contact = service.contact
    return {
        "id": service.id,
        "nom": service.nom,
        "operateur": service.operateur,
        "categorie": service.categorie,
        "besoins": list(service.besoins),
        "publics": list(service.publics),
        "territoires": list(service.territoires),
        "intercommunalites_siren": [content.territories[t].siren for t in content.territories_of(service)],
        "description": service.description,
        "pour_qui": service.pour_qui,
        "conditions": service.conditions,
        "acces": service.acces,
        "oriente_par": list(service.oriente_par),
        "comment_faire": service.comment_faire,
        "cout": service.cout,
        "ou": service.ou,
        "quand": service.quand,
        "telephone": contact.telephone,
        "email": contact.email,
        "adresse": contact.adresse,
        "site": contact.site,
        "accessibilite": service.accessibilite,
        "transfrontalier": service.transfrontalier,
        "sources": [" ".join(filter(None, (s.titre, s.url, s.reference))) for s in service.sources],
        "verifie_le": service.verifie_le.isoformat(),
        "page": urls.absolute(content.basin.adresse_site, urls.service(service.id)),
    }


def services_json(content: Content) -> bytes:
    rows = [service_row(service, content) for service in content.services.values()]
    return (json.dumps(rows, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def help_desks_json(content: Content) -> bytes:
    """The help desks as they are written in the records, hours in OpenStreetMap's syntax."""
    rows = [
        {
            **desk.model_dump(mode="json", exclude={"sources"}),
            "sources": [source.model_dump(mode="json") for source in desk.sources],
        }
        for desk in content.help_desks.values()
    ]
    return _json(rows)


def services_csv(content: Content) -> bytes:
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=list(COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    for service in content.services.values():
        writer.writerow({column: csv_cell(value) for column, value in service_row(service, content).items()})
    return output.getvalue().encode()


def csv_cell(value: Any) -> str:
    """A value as spreadsheet text: lists joined, booleans in words, formulas neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    text = " | ".join(value) if isinstance(value, list) else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


@dataclass(frozen=True)
class DataFile:
    path: str  # in the site: "donnees/services.csv"
    description: str
    data: bytes

    @property
    def name(self) -> str:
        return self.path.removeprefix(urls.DATA)

    @property
    def size(self) -> int:
        return len(self.data)


def data_files(content: Content, coverage: Coverage, today: date) -> tuple[list[DataFile], list[Problem]]:
    """Every open data file of /donnees/, and the problems that prevent publishing them."""
    structures, services = data_inclusion.export(content)
    problems = data_inclusion.validate(content, structures, services, today)
    files = [
        DataFile(
            urls.data_file("services.json"),
            "l'annuaire en JSON, un objet par service.",
            services_json(content),
        ),
        DataFile(
            urls.data_file("lieux.json"),
            "les lieux d'accueil en JSON : adresse, téléphone, horaires au format OpenStreetMap.",
            help_desks_json(content),
        ),
        DataFile(
            urls.data_file("services.csv"),
            "l'annuaire en CSV, UTF-8, une ligne par service.",
            services_csv(content),
        ),
        DataFile(
            urls.data_file("data-inclusion/structures.json"),
            "les structures au format data·inclusion.",
            _json(structures),
        ),
        DataFile(
            urls.data_file("data-inclusion/services.json"),
            "les services au format data·inclusion.",
            _json(services),
        ),
        DataFile(
            urls.data_file("couverture.csv"),
            "les chiffres de couverture pour les pilotes.",
            coverage_csv(coverage, content),
        ),
    ]
    files += [
        DataFile(
            urls.schema_file(name),
            f"le schéma JSON des fiches « {name} ».",
            schema_text(model).encode(),
        )
        for name, model in SCHEMAS.items()
    ]
    return files, problems


def _json(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def open_data_pages(content: Content, files: list[DataFile], coverage: Coverage) -> list[Page]:
    """The pages that present the files (/donnees/) and the coverage figures (/couverture/)."""
    everything = tuple(content.services.values())
    return [
        Page(urls.DATA, "data.md.j2", "Les données ouvertes", everything, {"files": files}),
        Page(urls.COVERAGE, "coverage.md.j2", "Couverture des services", everything, {"coverage": coverage}),
    ]
