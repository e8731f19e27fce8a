"""Hostile and broken records: refused by `check` and by `build`, file named, French message, exit 1.

Called in process (no traceback can escape `main` without failing the test),
with a bound on time so that a "billion laughs" or a deep nesting cannot hang.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main

from .conftest import FIXTURES, TODAY

INVALID = FIXTURES / "fiches-invalides"


def _copy(name: str) -> Callable[[Path], str]:
    def make(services: Path) -> str:
        shutil.copy(INVALID / f"{name}.yml", services)
        return f"{name}.yml"

    return make


def _write(name: str, data: bytes) -> Callable[[Path], str]:
    def make(services: Path) -> str:
        (services / name).write_bytes(data)
        return name

    return make


def _symlink(services: Path) -> str:
    outside = services.parent.parent / "hors-du-contenu.yml"
    outside.write_text("nom: secret\n")
    (services / "lien.yml").symlink_to(outside)
    return "lien.yml"


# (hostile case, how to make it, the code the contributor reads)
HOSTILE = [
    ("fichier vide", _write("vide.yml", b""), "yaml/vide"),
    (
        "octets hors UTF-8",
        _write("latin1.yml", "nom: Aide à la mobilité\n".encode("latin-1")),
        "yaml/encodage",
    ),
    ("bombe d'alias", _copy("alias-bomb"), "yaml/alias"),
    ("clé en double", _copy("cle-en-double"), "yaml/cle-en-double"),
    ("étiquette Python", _copy("etiquette-python"), "yaml/etiquette"),
    ("liste au lieu d'une fiche", _copy("liste-au-lieu-de-fiche"), "fiche/pas-un-dictionnaire"),
    ("lien javascript", _copy("lien-javascript"), "fiche/lien"),
    ("date impossible", _copy("date-impossible"), "fiche/date"),
    ("date dans le futur", _copy("date-future"), "fiche/date-future"),
    ("téléphone mal formé", _copy("telephone-mal-forme"), "fiche/telephone"),
    ("public inconnu", _copy("public-inconnu"), "ref/public-inconnu"),
    ("territoire inconnu", _copy("territoire-inconnu"), "ref/territoire-inconnu"),
    ("type de service inconnu", _copy("categorie-inconnue"), "fiche/valeur-inconnue"),
    ("texte beaucoup trop long", _copy("texte-trop-long"), "fiche/texte-trop-long"),
    (
        "imbrication profonde",
        _write("profond.yml", b"nom: " + b"[" * 50_000 + b"]" * 50_000),
        "yaml/trop-profond",
    ),
    ("lien symbolique hors du contenu", _symlink, "fichier/lien-externe"),
]


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize(("case", "make", "code"), HOSTILE, ids=[case for case, _, _ in HOSTILE])
def test_hostile_record_is_refused_with_a_clear_message(
    command: str, case: str, make: Callable[[Path], str], code: str, content_dir: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    file_name = make(content_dir / "services")
    arguments = [command, "--content", str(content_dir), "--date", TODAY.isoformat()]
    if command == "build":
        arguments += ["--out", str(tmp_path / "site"), "--sans-flyers"]
    started = time.monotonic()
    assert main(arguments) == 1
    assert time.monotonic() - started < 30, "a hostile file must be refused in seconds"
    output = capsys.readouterr()
    lines = output.out.splitlines()
    error_index = next(index for index, line in enumerate(lines) if f"[{code}]" in line)
    assert f"services/{file_name}" in lines[error_index]
    assert lines[error_index + 1].startswith("    Aide : ")
    assert "Traceback" not in output.out + output.err
    if command == "build":
        assert "Le site n'a pas été construit" in output.err
        assert not (tmp_path / "site").exists()


def test_files_that_are_not_records_are_ignored_with_a_notice(
    content_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (content_dir / "services" / "notes.txt").write_text("à faire")
    assert main(["check", "--content", str(content_dir), "--date", TODAY.isoformat()]) == 0
    assert "notes.txt: Ce fichier n'est pas une fiche YAML : il est ignoré. [fichier/ignore] (info)" in (
        capsys.readouterr().out
    )
