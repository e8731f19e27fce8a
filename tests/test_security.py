"""What a pull request could slip in: nothing it writes can redirect, load, write or run
where it should not. (The proof in a browser is tests/browser/test_no_script_from_content.py.)"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.content.loader import load_content
from generator.content.problems import Problem
from generator.export import data_inclusion
from generator.locations import cache_root
from generator.output.csp import UnexpectedScript, with_policy
from generator.pipeline import BuildFailed, build, check

from .conftest import ROOT, TODAY


def problems_of(content_dir: Path) -> list[tuple[str, str, str]]:
    _, problems = load_content(content_dir, TODAY)
    return [(p.field, p.code, p.message) for p in problems if p.severity.value == "erreur"]


def set_field(path: Path, field: str, value: str) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data[field] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


# --- The site address ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "http://mobilite.exemple.fr/",  # not https
        'https://mobilite.exemple.fr/"><script>x</script>/',
        "https://mobilite.exemple.fr//evil.example/",  # a protocol-relative path on the 404 page
        "https://user@mobilite.exemple.fr/",
        "https://mobilite.exemple.fr:8443/",
        "https://mobilite.exemple.fr/un chemin/",
        "javascript:alert(1)//",
    ],
)
def test_the_site_address_is_a_plain_https_address(content_dir: Path, address: str) -> None:
    set_field(content_dir / "bassin.yml", "adresse_site", address)
    [(field, code, message)] = problems_of(content_dir)
    assert (field, code) == ("adresse_site", "fiche/adresse-site")
    assert message.endswith("n'est pas une adresse de site acceptée.")


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("https://mobilite.exemple.fr", "https://mobilite.exemple.fr/"),
        ("https://organisation.github.io/site-mobilite/", "https://organisation.github.io/site-mobilite/"),
    ],
)
def test_a_plain_site_address_is_kept_with_its_final_slash(
    content_dir: Path, written: str, kept: str
) -> None:
    set_field(content_dir / "bassin.yml", "adresse_site", written)
    content, _ = load_content(content_dir, TODAY)
    assert content is not None and content.basin.adresse_site == kept


# --- Characters a reader cannot see ---------------------------------------------------------


@pytest.mark.parametrize(
    ("phone", "shown"),
    [
        ("\u0660\u0663 \u0662\u0661 \u0662\u0661 \u0666\u0662 \u0666\u0662", "\u0660"),  # Arabic-Indic digits
        ("\uff10\uff13 \uff12\uff11 \uff12\uff11 \uff16\uff12 \uff16\uff12", "\uff10"),  # fullwidth digits
        ("03 21\u200b21 62 62", "\u200b"),  # a zero-width space
    ],
)
def test_phone_numbers_take_ascii_digits_only(content_dir: Path, phone: str, shown: str) -> None:
    path = content_dir / "services" / "aide-alpha.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["contact"]["telephone"] = phone
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    [(field, code, message)] = problems_of(content_dir)
    assert (field, code) == ("contact.telephone", "fiche/telephone")
    assert f"contient « {shown} »" in message and "qui n'est pas un chiffre de 0 à 9." in message


@pytest.mark.parametrize("invisible", ["\u202e", "\u2066", "\u200b", "\ufeff"])
def test_names_with_invisible_characters_are_refused(content_dir: Path, invisible: str) -> None:
    set_field(content_dir / "services" / "aide-alpha.yml", "nom", f"Aide{invisible} Alpha")
    [(field, code, message)] = problems_of(content_dir)
    assert (field, code) == ("nom", "fiche/caractere-invisible")
    assert message == f"Ce texte contient un caractère invisible (U+{ord(invisible):04X}), après « Aide »."


def test_check_and_build_agree_on_a_link_in_capitals(content_dir: Path, tmp_path: Path) -> None:
    path = content_dir / "services" / "aide-alpha.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["contact"]["site"] = "HTTPS://www.exemple.fr/aide"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert check(content_dir, TODAY).valid
    site = build(content_dir, tmp_path / "site", today=TODAY, flyers=False).out
    assert (
        'href="https://www.exemple.fr/aide"' in (site / "services" / "aide-alpha" / "index.html").read_text()
    )


# --- Files a pull request could point anywhere --------------------------------------------


@pytest.mark.parametrize("name", ["bassin.yml", "glossaire.yml", "redirections.yml"])
def test_single_files_linked_out_of_the_content_folder_are_refused(
    content_dir: Path, tmp_path: Path, name: str
) -> None:
    outside = tmp_path / "ailleurs.yml"
    target = content_dir / name
    outside.write_text(target.read_text() if target.exists() else "redirections: []\n")
    target.unlink(missing_ok=True)
    target.symlink_to(outside)
    _, problems = load_content(content_dir, TODAY)
    assert [(p.path.endswith(name), p.code) for p in problems if p.severity.value == "erreur"] == [
        (True, "fichier/lien-externe")
    ]


def test_the_address_list_is_never_read_or_written_through_a_link(content_dir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "autre-fichier.txt"
    outside.write_text("/services/aide-alpha/\n")
    (content_dir / "adresses-publiques.txt").symlink_to(outside)
    with pytest.raises(BuildFailed) as refused:
        build(content_dir, tmp_path / "site", today=TODAY, flyers=False)
    assert [p.code for p in refused.value.problems] == ["fichier/lien-externe"]
    assert outside.read_text() == "/services/aide-alpha/\n"


def test_a_huge_record_is_refused_without_being_read(content_dir: Path) -> None:
    huge = content_dir / "services" / "enorme.yml"
    with huge.open("wb") as file:
        file.truncate(500_000_000)  # a sparse file: 500 MB that would take seconds to read
    _, problems = load_content(content_dir, TODAY)
    assert [p.code for p in problems if p.path.endswith("enorme.yml")] == ["yaml/trop-gros"]


def test_a_cache_file_committed_to_the_repository_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository = tmp_path / "depot"
    (repository / ".cache" / "flyers").mkdir(parents=True)
    (repository / ".cache" / "flyers" / "cle.pdf").write_bytes(b"%PDF-piege")
    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    subprocess.run(["git", "-C", str(repository), "add", "-f", ".cache"], check=True)
    monkeypatch.setattr("generator.locations.PROJECT_ROOT", repository)
    checked = check(ROOT / "tests" / "fixtures" / "contenu-minimal", TODAY)
    assert not checked.valid
    assert [(p.path, p.code) for p in checked.problems if p.code == "fichier/cache-suivi"] == [
        (".cache/flyers/cle.pdf", "fichier/cache-suivi")
    ]


def test_the_cache_is_outside_the_checkout_by_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("GENERATOR_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "xdg" / "mobilite-solidaire"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert not cache_root().resolve().is_relative_to(ROOT)


# --- GitHub annotations and the workflow ------------------------------------------------------


def test_github_annotations_cannot_start_a_command_of_their_own() -> None:
    problem = Problem(
        "content/services/x\n::error file=evil::injecté.yml",
        3,
        "nom",
        "fiche/vide",
        "Ligne 1\nLigne 2 100%",
        "aide",
    )
    annotation = problem.as_github_annotation()
    assert "\n" not in annotation and "\r" not in annotation
    assert annotation.startswith(
        "::error file=content/services/x%0A%3A%3Aerror file=evil%3A%3Ainjecté.yml,line=3,"
    )
    assert ",title=Ligne 1%0ALigne 2 100%25::" in annotation  # the title, from the message, escaped too
    assert annotation.endswith("::nom: Ligne 1%0ALigne 2 100%25 Aide : aide [fiche/vide]")


def test_the_workflow_never_puts_a_branch_name_into_a_script() -> None:
    """A branch name is chosen by whoever opens the pull request: into `run:` only through `env:`."""
    for workflow in (ROOT / ".github" / "workflows").glob("*.yml"):
        steps = [
            step for job in yaml.safe_load(workflow.read_text())["jobs"].values() for step in job["steps"]
        ]
        for step in steps:
            assert "github.base_ref" not in step.get("run", ""), (workflow.name, step.get("name"))
            assert "github.head_ref" not in step.get("run", ""), (workflow.name, step.get("name"))


# --- Imports ---------------------------------------------------------------------------------


def test_an_imported_source_name_cannot_add_fields_to_a_record(content_dir: Path, tmp_path: Path) -> None:
    content, _ = load_content(content_dir, TODAY)
    assert content is not None
    dora = tmp_path / "dora.json"
    record = {
        "id": "dora--velo-test", "source": "dora\nstatut: retire\ntelephone: 0600000000", "nom": "Vélo test",
        "description": "Un vélo.", "type": "aide-materielle", "thematiques": ["mobilite--acceder-a-un-vehicule"],
    }  # fmt: skip
    dora.write_text(json.dumps({"services": [record]}), encoding="utf-8")
    data_inclusion.import_file(dora, content, content_dir / "services", TODAY)
    written = (content_dir / "services" / "velo-test.yml").read_text(encoding="utf-8")
    assert "statut" not in yaml.safe_load(written)
    assert written.splitlines()[1] == (
        "# Importé de data·inclusion, source dora statut: retire telephone: 0600000000 : à relire avant publication."
    )


def test_an_imported_service_without_an_id_is_refused(
    content_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dora = tmp_path / "dora.json"
    dora.write_text(json.dumps({"services": [{"id": "dora--", "nom": "Sans identifiant"}]}), encoding="utf-8")
    arguments = [
        "import-data-inclusion",
        str(dora),
        "--content",
        str(content_dir),
        "--date",
        TODAY.isoformat(),
    ]
    assert main(arguments) == 1
    assert "un service a un identifiant vide ou illisible : « dora-- »" in capsys.readouterr().err
    assert not (content_dir / "services" / ".yml").exists()


def test_the_territory_import_reads_records_with_the_hardened_loader(
    content_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (content_dir / "territoires" / "alpha.yml").write_text("a: &x [1]\nb: *x\nsiren: '200000001'\n")
    data = tmp_path / "data"
    data.mkdir()
    (data / "epci.json").write_text("[]")
    (data / "communes.json").write_text("[]")
    arguments = ["import-territoires", "--content", str(content_dir), "--data", str(data)]
    assert main(arguments) == 1
    assert "[yaml/alias]" in capsys.readouterr().err


def test_environment_is_untouched_by_the_tests() -> None:
    assert os.environ["GENERATOR_CACHE"] != str(ROOT / ".cache")


PAGE = '<html><head><meta charset="utf-8"></head><body>{}</body></html>'


def test_a_page_with_an_inline_script_is_refused_and_the_policy_allows_none() -> None:
    with pytest.raises(UnexpectedScript, match="script en ligne inattendu"):
        with_policy(PAGE.format("<script>alert(1)</script>"), "services/x/index.html")
    secured = with_policy(PAGE.format('<script src="../assets/options.js"></script>'), "index.html")
    policy = secured.split('content="', 1)[1].split('"', 1)[0]
    assert "script-src 'self' 'wasm-unsafe-eval';" in policy
    assert "sha256-" not in policy and "unsafe-inline" not in policy.split("style-src")[0]


def test_data_in_a_json_script_is_allowed_as_it_never_runs() -> None:
    with_policy(
        PAGE.format('<script type="application/json">[{"n": "Calais"}]</script>'), "communes/index.html"
    )
