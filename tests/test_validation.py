"""Validation of whole content folders: every problem, with file, line, field and a French hint."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.content.loader import load_content
from generator.content.problems import Severity, summary

from .conftest import FIXTURES, MINIMAL_CONTENT, TODAY

INVALID_RECORDS = sorted((FIXTURES / "fiches-invalides").glob("*.yml"))


def expected_problems(record: Path) -> list[str]:
    """Each example file ends with the lines `check` must print for it: `# attendu: 12: field: …`."""
    lines = record.read_text(encoding="utf-8").splitlines()
    return [line.removeprefix("# attendu: ") for line in lines if line.startswith("# attendu: ")]


def problems_for(content_dir: Path, file_name: str) -> list[str]:
    _, problems = load_content(content_dir, TODAY)
    prefix = f"{content_dir / 'services' / file_name}:"
    return [
        problem.format().splitlines()[0].removeprefix(prefix)
        for problem in problems
        if problem.path.endswith(f"services/{file_name}")
    ]


def test_example_content_is_valid() -> None:
    content, problems = load_content(MINIMAL_CONTENT, TODAY)
    assert problems == []
    assert content is not None
    assert sorted(content.services) == [
        "aide-alpha",
        "bus-departement",
        "navette-frontiere",
        "plateforme-bassin",
    ]


@pytest.mark.parametrize("record", INVALID_RECORDS, ids=lambda path: path.stem)
def test_invalid_record_gets_exact_messages(record: Path, content_dir: Path) -> None:
    shutil.copy(record, content_dir / "services" / record.name)
    content, _ = load_content(content_dir, TODAY)
    assert content is None
    assert problems_for(content_dir, record.name) == expected_problems(record)


def test_every_example_states_what_it_expects() -> None:
    assert len(INVALID_RECORDS) >= 25
    for record in INVALID_RECORDS:
        assert expected_problems(record), record.name


def test_hints_name_the_close_known_value(content_dir: Path) -> None:
    shutil.copy(FIXTURES / "fiches-invalides" / "public-inconnu.yml", content_dir / "services")
    shutil.copy(FIXTURES / "fiches-invalides" / "champ-inconnu.yml", content_dir / "services")
    _, problems = load_content(content_dir, TODAY)
    hints = {p.code: p.hint for p in problems}
    assert hints["ref/public-inconnu"] == "vouliez-vous écrire « jeunes » ? connus : jeunes, seniors, tous."
    assert hints["fiche/champ-inconnu"] == (
        "vouliez-vous écrire « email » ? champs possibles : adresse, email, ligne_du_service, site, telephone."
    )


def test_every_problem_of_every_file_is_reported_in_one_run(content_dir: Path) -> None:
    for name in ("telephone-mal-forme", "date-impossible", "syntaxe", "sans-contact"):
        shutil.copy(FIXTURES / "fiches-invalides" / f"{name}.yml", content_dir / "services")
    content, problems = load_content(content_dir, TODAY)
    assert content is None
    assert {p.code for p in problems} == {
        "fiche/telephone",
        "fiche/date",
        "yaml/syntaxe",
        "fiche/sans-contact",
    }
    assert summary(problems) == "4 erreurs, 0 avertissement dans 4 fichiers."


def test_empty_file_is_refused(content_dir: Path) -> None:
    (content_dir / "services" / "vide.yml").write_text("# rien\n")
    assert problems_for(content_dir, "vide.yml") == ["1: Le fichier est vide. [yaml/vide]"]


def test_bytes_that_are_not_utf8_are_refused(content_dir: Path) -> None:
    (content_dir / "services" / "latin1.yml").write_bytes(
        "nom: Aide\noperateur: Mairie de Béthune\n".encode("latin-1")
    )
    assert problems_for(content_dir, "latin1.yml") == [
        "2: Le fichier n'est pas en UTF-8 (octet 0xe9 illisible). [yaml/encodage]"
    ]


def test_symbolic_link_leaving_the_content_folder_is_refused(content_dir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yml"
    outside.write_text("nom: secret\n")
    (content_dir / "services" / "lien.yml").symlink_to(outside)
    assert problems_for(content_dir, "lien.yml") == [
        " Ce lien symbolique mène hors du dossier de contenu. [fichier/lien-externe]"
    ]


def test_files_that_are_not_yaml_are_ignored_with_a_notice(content_dir: Path) -> None:
    (content_dir / "services" / "LISEZMOI.md").write_text("# Notes\n")
    content, problems = load_content(content_dir, TODAY)
    assert content is not None
    assert [(p.code, p.severity) for p in problems] == [("fichier/ignore", Severity.NOTICE)]


def test_file_name_must_be_usable_as_an_address(content_dir: Path) -> None:
    shutil.copy(content_dir / "services" / "aide-alpha.yml", content_dir / "services" / "Aide Alpha.yml")
    assert [p.code for p in load_content(content_dir, TODAY)[1]] == ["fichier/nom"]


def test_duplicate_ids_are_refused(content_dir: Path) -> None:
    shutil.copy(content_dir / "services" / "aide-alpha.yml", content_dir / "services" / "aide-alpha.yaml")
    _, problems = load_content(content_dir, TODAY)
    assert [(p.path, p.code, p.message) for p in problems] == [
        (
            f"{content_dir}/services/aide-alpha.yml",
            "fiche/id-double",
            f"L'identifiant « aide-alpha » est déjà celui de {content_dir}/services/aide-alpha.yaml.",
        )
    ]


def test_territory_id_cannot_repeat_a_departement_id(content_dir: Path) -> None:
    shutil.copy(content_dir / "territoires" / "alpha.yml", content_dir / "territoires" / "nord.yml")
    _, problems = load_content(content_dir, TODAY)
    # The copy also repeats alpha's SIREN and its two communes.
    assert sorted(p.code for p in problems) == [
        "fiche/commune-double", "fiche/commune-double", "fiche/id-double", "fiche/siren-double",
    ]  # fmt: skip


def test_missing_basin_file_is_reported(content_dir: Path) -> None:
    (content_dir / "bassin.yml").unlink()
    content, problems = load_content(content_dir, TODAY)
    assert content is None
    assert [(p.path.endswith("bassin.yml"), p.code) for p in problems] == [(True, "contenu/fichier-absent")]


def test_unknown_departement_of_a_territory(content_dir: Path) -> None:
    path = content_dir / "territoires" / "alpha.yml"
    path.write_text(path.read_text().replace("departement: pas-de-calais", "departement: somme"))
    _, problems = load_content(content_dir, TODAY)
    assert [(p.line, p.field, p.code) for p in problems] == [(6, "departement", "ref/inconnu")]


@pytest.mark.parametrize("record", INVALID_RECORDS, ids=lambda path: path.stem)
def test_every_error_says_how_to_fix_it(record: Path, content_dir: Path) -> None:
    shutil.copy(record, content_dir / "services" / record.name)
    _, problems = load_content(content_dir, TODAY)
    assert problems
    assert [p.code for p in problems if not p.hint] == []


@pytest.mark.parametrize(
    ("field", "value", "personal"),
    [
        ("telephone", "06 12 34 56 78", True),
        ("telephone", "07 81 00 00 00", True),
        ("telephone", "+32 470 12 34 56", True),
        ("telephone", "03 21 00 00 00", False),
        ("email", "jean.dupont@gmail.com", True),
        ("email", "m-durand@orange.fr", True),
        ("email", "ccas-bd@wanadoo.fr", False),  # a service's address at a webmail provider
        ("email", "contact@ville-exemple.fr", False),
    ],
)
def test_a_personal_number_or_address_is_refused_unless_the_record_says_it_is_the_service_s(
    content_dir: Path, field: str, value: str, personal: bool
) -> None:
    service = content_dir / "services" / "aide-alpha.yml"
    original = service.read_text(encoding="utf-8")

    def write(extra: str = "") -> None:
        text = original.replace('  telephone: "03 21 00 00 01"\n', "")
        service.write_text(
            text.replace("contact:\n", f'contact:\n  {field}: "{value}"\n{extra}', 1), encoding="utf-8"
        )

    write()
    _, problems = load_content(content_dir, TODAY)
    found = [p for p in problems if p.code == "fiche/donnee-personnelle"]
    assert bool(found) == personal
    if personal:
        assert found[0].field == f"contact.{field}" and "ligne_du_service: true" in found[0].hint
        write("  ligne_du_service: true\n")
        _, problems = load_content(content_dir, TODAY)
        assert not [p for p in problems if p.code == "fiche/donnee-personnelle"]
