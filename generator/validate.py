"""Load and validate a whole content folder, collecting every problem.

    content/
      bassin.yml          the basin and its départements
      glossaire.yml       abbreviations explained in FALC
      publics/<id>.yml    audiences
      territoires/<id>.yml  intercommunalities with their communes
      services/<id>.yml   services

Nothing is written here. `load_content` returns the `Content` only when no
error was found, with the list of problems (errors, warnings, notices).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .assets import icon_exists
from .content import Content
from .model import Audience, Basin, FileRecord, Glossary, Redirections, Service, Territory
from .problems import Problem, Severity, display_path, errors
from .vocabulary import EVERYONE
from .yaml_loader import YamlDocument, dotted, load_yaml

FOLDERS: dict[str, type[BaseModel]] = {
    "publics": Audience,
    "territoires": Territory,
    "services": Service,
}
SINGLE_FILES: dict[str, type[BaseModel]] = {"bassin.yml": Basin, "glossaire.yml": Glossary}
YAML_SUFFIXES = (".yml", ".yaml")


@dataclass
class _Loaded:
    """Validated records of one kind, with the document each came from."""

    records: dict[str, Any]
    documents: dict[str, YamlDocument]


def load_content(root: Path, today: date) -> tuple[Content | None, list[Problem]]:
    problems: list[Problem] = []
    if not root.is_dir():
        problem = Problem(
            display_path(root),
            0,
            "",
            "contenu/dossier-absent",
            "Le dossier de contenu n'existe pas.",
            "indiquez un dossier avec --content.",
        )
        return None, [problem]
    single = {name: _load_single(root / name, model, problems) for name, model in SINGLE_FILES.items()}
    folders = {name: _load_folder(root, name, model, problems) for name, model in FOLDERS.items()}
    basin, glossary = single["bassin.yml"], single["glossaire.yml"]
    redirections = _load_optional(root / "redirections.yml", Redirections, problems)
    if basin is None or glossary is None or redirections is None:
        return None, sorted(problems)
    services = folders["services"].records
    content = Content(
        root=root,
        basin=basin.records["bassin"],
        glossary=glossary.records["glossaire"],
        audiences=folders["publics"].records,
        territories=folders["territoires"].records,
        services={i: s for i, s in services.items() if s.statut == "actif"},
        retired={i: s for i, s in services.items() if s.statut == "retire"},
        redirections=redirections.redirections,
        origins={
            **{
                f"{folder}/{key}": document
                for folder, loaded in folders.items()
                for key, document in loaded.documents.items()
            },
            "bassin": basin.documents["bassin"],
            "glossaire": glossary.documents["glossaire"],
            **_redirections_origin(root / "redirections.yml"),
        },
    )
    problems += _check_references(content, folders, basin)
    problems += _check_services(folders["services"], today)
    problems += _check_replacements(content, folders["services"])
    problems += _check_glossary(content, glossary)
    problems += _check_icons(content, folders)
    problems += _check_reporting(content, basin)
    problems.sort()
    return (None if errors(problems) else content), problems


# --- Files ---------------------------------------------------------------------


def _redirections_origin(path: Path) -> dict[str, YamlDocument]:
    document = load_yaml(path, display_path(path)) if path.is_file() else None
    return {"redirections": document} if isinstance(document, YamlDocument) else {}


def _load_optional(path: Path, model: type[Redirections], problems: list[Problem]) -> Redirections | None:
    """A file a basin may leave out: its empty record then."""
    if not path.exists():
        return model()
    loaded = _load_single(path, model, problems)
    return loaded.records[path.stem] if loaded else None


def _load_single(path: Path, model: type[BaseModel], problems: list[Problem]) -> _Loaded | None:
    display = display_path(path)
    if not path.is_file():
        hint = "chaque dossier de contenu en a un : copiez celui du dépôt, puis adaptez-le."
        problems.append(Problem(display, 0, "", "contenu/fichier-absent", "Ce fichier manque.", hint))
        return None
    loaded = _Loaded({}, {})
    if _load_record(path, display, model, path.stem, loaded, problems):
        return loaded
    return None


def _load_folder(root: Path, folder: str, model: type[BaseModel], problems: list[Problem]) -> _Loaded:
    loaded = _Loaded({}, {})
    for path in _record_files(root, root / folder, problems):
        display = display_path(path)
        record_id = path.stem
        if record_id in loaded.documents:
            other = loaded.documents[record_id].display
            problems.append(
                Problem(
                    display,
                    1,
                    "",
                    "fiche/id-double",
                    f"L'identifiant « {record_id} » est déjà celui de {other}.",
                    "deux fiches ne peuvent pas avoir le même nom de fichier : renommez ou supprimez l'une.",
                )
            )
            continue
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", record_id):
            problems.append(
                Problem(
                    display,
                    1,
                    "",
                    "fichier/nom",
                    f"Le nom de fichier « {path.name} » ne peut pas servir d'adresse de page.",
                    "lettres minuscules sans accent, chiffres et tirets : « garage-solidaire-calais.yml ».",
                )
            )
            continue
        _load_record(path, display, model, record_id, loaded, problems)
    return loaded


def _record_files(root: Path, folder: Path, problems: list[Problem]) -> Iterator[Path]:
    """The YAML files of a folder, sorted; what is not a record is reported."""
    if not folder.is_dir():
        return
    real_root = root.resolve()
    for path in sorted(folder.iterdir()):
        display = display_path(path)
        if path.name.startswith("."):
            continue
        if not path.resolve().is_relative_to(real_root):
            problems.append(
                Problem(
                    display,
                    0,
                    "",
                    "fichier/lien-externe",
                    "Ce lien symbolique mène hors du dossier de contenu.",
                    "remplacez le lien par le fichier lui-même.",
                )
            )
        elif path.suffix not in YAML_SUFFIXES or not path.is_file():
            problems.append(
                Problem(
                    display,
                    0,
                    "",
                    "fichier/ignore",
                    "Ce fichier n'est pas une fiche YAML : il est ignoré.",
                    "une fiche se termine par « .yml ».",
                    Severity.NOTICE,
                )
            )
        else:
            yield path


def _load_record(
    path: Path,
    display: str,
    model: type[BaseModel],
    record_id: str,
    loaded: _Loaded,
    problems: list[Problem],
) -> bool:
    document = load_yaml(path, display)
    if isinstance(document, Problem):
        problems.append(document)
        return False
    loaded.documents[record_id] = document
    if not isinstance(document.data, dict):
        problems.append(
            Problem(
                display,
                1,
                "",
                "fiche/pas-un-dictionnaire",
                "Une fiche doit être une suite de champs « nom: valeur ».",
                "le fichier contient une liste ou un texte seul : repartez du modèle d'une fiche existante.",
            )
        )
        return False
    data = document.data
    if issubclass(model, FileRecord):
        if "id" in data:
            problems.append(
                document.problem(
                    ("id",),
                    "fiche/champ-inconnu",
                    "Le champ « id » n'existe pas : l'identifiant est le nom du fichier.",
                    "supprimez cette ligne ; pour changer l'identifiant, renommez le fichier.",
                )
            )
            return False
        data = {**data, "id": record_id}
    try:
        loaded.records[record_id] = model.model_validate(data)
        return True
    except ValidationError as error:
        problems.extend(_problems_from_validation(document, model, error))
        return False


# --- Pydantic errors in French ----------------------------------------------

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


def _problems_from_validation(
    document: YamlDocument, model: type[BaseModel], error: ValidationError
) -> Iterator[Problem]:
    schema = _schema_of(model)
    for detail in error.errors(include_url=False):
        location = tuple(detail["loc"])
        code, message, hint = _explain(detail, location, schema)
        # A missing field has no line: the problem is shown at its parent's.
        shown_at = location if detail["type"] != "missing" else location[:-1]
        yield document.problem(shown_at, code, message, hint, field=dotted(location))


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


# --- Checks across fields and records ---------------------------------------------


def _check_references(content: Content, folders: dict[str, _Loaded], basin: _Loaded) -> Iterator[Problem]:
    audiences = sorted(content.audiences)
    zones = sorted(content.zone_ids())
    departements = sorted(d.id for d in content.basin.departements)
    basin_doc = basin.documents["bassin"]
    origins = [(content.basin.id, basin_doc), *((d.id, basin_doc) for d in content.basin.departements)]
    origins += [(tid, folders["territoires"].documents[tid]) for tid in content.territories]
    seen: set[str] = set()
    for zone_id, doc in origins:
        if zone_id in seen:
            yield Problem(
                doc.display,
                1,
                "",
                "fiche/id-double",
                f"L'identifiant de territoire « {zone_id} » est utilisé deux fois.",
                "le bassin, ses départements et ses intercommunalités ont chacun un identifiant unique.",
            )
        seen.add(zone_id)
    sirens: dict[str, str] = {}
    for territory_id, territory in content.territories.items():
        if territory.siren in sirens:
            doc = folders["territoires"].documents[territory_id]
            yield doc.problem(
                ("siren",),
                "fiche/siren-double",
                f"Le SIREN {territory.siren} est déjà celui du territoire « {sirens[territory.siren]} ».",
                "chaque intercommunalité a son propre numéro SIREN : "
                "vérifiez-le sur annuaire-entreprises.data.gouv.fr.",
            )
        sirens[territory.siren] = territory_id
        if territory.departement not in departements:
            doc = folders["territoires"].documents[territory_id]
            yield _unknown(doc, ("departement",), territory.departement, "département", departements)
    # On the raw YAML, so that a record with other mistakes gets these reported too.
    for doc in folders["services"].documents.values():
        data = doc.data if isinstance(doc.data, dict) else {}
        publics = _strings(data.get("publics"))
        for i, audience in publics:
            if audience == EVERYONE:
                if len(publics) > 1:
                    yield doc.problem(
                        ("publics", i),
                        "fiche/tous-seul",
                        "« tous » veut dire tous les publics : il doit être seul dans la liste.",
                        "écrivez « publics: [tous] », ou la liste des publics concernés.",
                        field="publics",
                    )
            elif audience not in content.audiences:
                yield _unknown(doc, ("publics", i), audience, "public", [*audiences, EVERYONE])
        for i, zone in _strings(data.get("territoires")):
            if zone not in zones:
                yield _unknown(doc, ("territoires", i), zone, "territoire", zones)


def _strings(value: Any) -> list[tuple[int, str]]:
    """The text items of a raw YAML list, with their positions."""
    return (
        [(i, item) for i, item in enumerate(value) if isinstance(item, str)]
        if isinstance(value, list)
        else []
    )


def _unknown(
    doc: YamlDocument, location: tuple[Any, ...], value: str, kind: str, known: list[str]
) -> Problem:
    close = difflib.get_close_matches(value, known, n=1)
    hint = f"vouliez-vous écrire « {close[0]} » ? " if close else ""
    codes = {
        "public": "ref/public-inconnu",
        "territoire": "ref/territoire-inconnu",
        "service": "ref/service-inconnu",
    }
    code = codes.get(kind, "ref/inconnu")
    return doc.problem(
        location,
        code,
        f"« {value} » n'est pas un {kind} connu.",
        f"{hint}connus : {', '.join(known)}.",
        field=dotted(location[:1]),
    )


def _check_services(services: _Loaded, today: date) -> Iterator[Problem]:
    for service_id, service in services.records.items():
        doc = services.documents[service_id]
        if not any(service.contact.model_dump().values()):
            yield doc.problem(
                ("contact",),
                "fiche/sans-contact",
                "Le service n'a aucun moyen de contact.",
                "donnez au moins un téléphone, un e-mail, une adresse ou un site, pris dans une source.",
            )
        if service.acces == "orientation" and not service.oriente_par:
            yield doc.problem(
                ("acces",),
                "fiche/orientation-sans-prescripteur",
                "Le service est sur orientation, mais personne n'est indiqué pour orienter.",
                "ajoutez « oriente_par » : qui peut envoyer la personne "
                "(« votre conseiller France Travail »).",
                field="oriente_par",
            )
        if service.verifie_le > today:
            yield doc.problem(
                ("verifie_le",),
                "fiche/date-future",
                f"La date de vérification {service.verifie_le.isoformat()} est dans le futur.",
                f"indiquez le jour où vous avez vérifié les informations, au plus tard {today.isoformat()}.",
            )
        yield from _check_translations(doc, service)


def _check_replacements(content: Content, services: _Loaded) -> Iterator[Problem]:
    """A retired service points to services that exist; an active one replaces nothing."""
    for service_id, service in services.records.items():
        document = services.documents[service_id]
        if service.statut == "actif" and service.remplace_par:
            yield document.problem(
                ("remplace_par",),
                "fiche/remplacement-inutile",
                "Seul un service retiré a des services de remplacement.",
                "ajoutez « statut: retire », ou retirez « remplace_par ».",
                severity=Severity.WARNING,
            )
        for index, replacement in enumerate(service.remplace_par):
            if replacement not in content.services:
                yield _unknown(
                    document, ("remplace_par", index), replacement, "service", sorted(content.services)
                )


def _check_translations(doc: YamlDocument, service: Service) -> Iterator[Problem]:
    if not service.transfrontalier:
        if service.traductions:
            yield doc.problem(
                ("traductions",),
                "fiche/traduction-inutile",
                "Les traductions ne sont publiées que pour un service transfrontalier.",
                "ajoutez « transfrontalier: true », ou retirez les traductions.",
                severity=Severity.WARNING,
            )
        return
    for language, name in (("nl", "néerlandais"), ("en", "anglais")):
        translation = service.traductions.get(language)  # type: ignore[call-overload]
        if translation is None:
            yield doc.problem(
                ("traductions",),
                "fiche/traduction-manquante",
                f"Un service transfrontalier doit avoir ses textes en {name}.",
                f"ajoutez « traductions: {language}: » avec nom, description, pour_qui et comment_faire.",
                field=f"traductions.{language}",
            )
            continue
        for optional in ("conditions", "cout", "ou", "quand"):
            if getattr(service, optional) and not getattr(translation, optional):
                yield doc.problem(
                    ("traductions", language),
                    "fiche/traduction-manquante",
                    f"Le texte « {optional} » existe en français, mais pas en {name}.",
                    f"traduisez « {optional} » dans « traductions.{language} ».",
                    field=f"traductions.{language}.{optional}",
                )


def _check_glossary(content: Content, glossary: _Loaded) -> Iterator[Problem]:
    doc = glossary.documents["glossaire"]
    seen: set[str] = set()
    for i, entry in enumerate(content.glossary.sigles):
        if entry.sigle in seen:
            yield doc.problem(
                ("sigles", i),
                "glossaire/sigle-double",
                f"Le sigle « {entry.sigle} » est expliqué deux fois.",
                "gardez une seule explication.",
                field="sigles",
            )
        seen.add(entry.sigle)


def _check_reporting(content: Content, basin: _Loaded) -> Iterator[Problem]:
    if not (content.basin.contact_email or content.basin.depot_github):
        document = basin.documents["bassin"]
        yield Problem(
            document.display, 1, "contact_email", "bassin/signalement",
            "Les lecteurs ne peuvent pas signaler une erreur : aucun moyen n'est indiqué.",
            "ajoutez « contact_email » (une adresse du service, pas d'une personne) ou « depot_github ».",
            Severity.WARNING,
        )  # fmt: skip


def _check_icons(content: Content, folders: dict[str, _Loaded]) -> Iterator[Problem]:
    for audience_id, audience in content.audiences.items():
        if not icon_exists(audience.icone):
            document = folders["publics"].documents[audience_id]
            yield document.problem(
                ("icone",),
                "fiche/icone-inconnue",
                f"L'icône « {audience.icone} » n'existe pas.",
                "choisissez le nom d'un fichier de generator/assets/icons/ (sans « .svg »).",
            )
