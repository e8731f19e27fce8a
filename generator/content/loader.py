"""Read a whole content folder into validated records, collecting every problem.

    content/
      bassin.yml          the basin and its départements
      glossaire.yml       abbreviations explained in FALC
      publics/<id>.yml    audiences
      territoires/<id>.yml  intercommunalities with their communes
      services/<id>.yml   services

Nothing is written here. `load_content` returns the `Content` only when no
error was found, with the list of problems (errors, warnings, notices).
Each file is checked on its own here (YAML, then the model, with messages
from `messages.py`); checks across records are in `rules.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .messages import problems_from_validation
from .model import (
    Audience,
    Basin,
    FileRecord,
    Glossary,
    HelpDesk,
    NeedAdvice,
    Redirections,
    Service,
    Territory,
)  # fmt: skip
from .problems import Problem, Severity, display_path, errors
from .records import Content
from .rules import cross_record_problems
from .yaml_loader import YamlDocument, load_yaml

FOLDERS: dict[str, type[BaseModel]] = {
    "publics": Audience,
    "territoires": Territory,
    "services": Service,
    "lieux": HelpDesk,
}
SINGLE_FILES: dict[str, type[BaseModel]] = {"bassin.yml": Basin, "glossaire.yml": Glossary}
# Files a basin may leave out: an empty record stands for them.
OPTIONAL_FILES: dict[str, type[BaseModel]] = {"redirections.yml": Redirections, "besoins.yml": NeedAdvice}
YAML_SUFFIXES = (".yml", ".yaml")


@dataclass
class _Loaded:
    """Validated records of one kind, with the document each came from."""

    records: dict[str, Any]
    documents: dict[str, YamlDocument]


def load_content(root: Path, today: date, *, readable: bool = False) -> tuple[Content | None, list[Problem]]:
    """The content and every problem found; None when there is an error, unless `readable` asks for
    what could be read all the same (the records that passed, for the FALC rules: one round of
    feedback for a contributor, not two)."""
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
    single |= {name: _load_optional(root / name, model, problems) for name, model in OPTIONAL_FILES.items()}
    folders = {name: _load_folder(root, name, model, problems) for name, model in FOLDERS.items()}
    if any(loaded is None for loaded in single.values()):
        return None, sorted(problems)
    basin, glossary = single["bassin.yml"], single["glossaire.yml"]
    redirections, advice = single["redirections.yml"], single["besoins.yml"]
    assert basin and glossary and redirections and advice
    services = folders["services"].records
    content = Content(
        root=root,
        basin=basin.records["bassin"],
        glossary=glossary.records["glossaire"],
        audiences=folders["publics"].records,
        territories=folders["territoires"].records,
        help_desks=folders["lieux"].records,
        services={i: s for i, s in services.items() if s.statut == "actif"},
        retired={i: s for i, s in services.items() if s.statut == "retire"},
        redirections=redirections.records["redirections"].redirections,
        advice=advice.records["besoins"].besoins,
        origins={
            **{
                f"{folder}/{key}": document
                for folder, loaded in folders.items()
                for key, document in loaded.documents.items()
            },
            **{
                key: document
                for loaded in single.values()
                if loaded
                for key, document in loaded.documents.items()
            },
        },
    )
    problems += cross_record_problems(content, today)
    problems.sort()
    return (None if errors(problems) and not readable else content), problems


# --- Files ---------------------------------------------------------------------


def leaves_folder(path: Path, folder: Path) -> bool:
    """A file reached through a link that leads out of the content folder: a pull request could point
    it at any file of the machine that builds the site."""
    return path.exists() and not path.resolve().is_relative_to(folder.resolve())


def link_problem(path: Path) -> Problem:
    return Problem(
        display_path(path), 0, "", "fichier/lien-externe",
        "Ce lien symbolique mène hors du dossier de contenu.", "remplacez le lien par le fichier lui-même.",
    )  # fmt: skip


def _load_optional(path: Path, model: type[BaseModel], problems: list[Problem]) -> _Loaded | None:
    """A file a basin may leave out: its empty record then."""
    if not path.exists() and not path.is_symlink():
        return _Loaded({path.stem: model()}, {})
    return _load_single(path, model, problems)


def _load_single(path: Path, model: type[BaseModel], problems: list[Problem]) -> _Loaded | None:
    display = display_path(path)
    if leaves_folder(path, path.parent):
        problems.append(link_problem(path))
        return None
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
        if leaves_folder(path, real_root):
            problems.append(link_problem(path))
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
        problems.extend(problems_from_validation(document, model, error))
        return False
