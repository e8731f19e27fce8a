"""The command line as contributors use it: French messages, exit codes, never a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import FIXTURES, ROOT, TODAY


def run(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_on_valid_content_exits_0(content_dir: Path) -> None:
    result = run("check", "--date", TODAY.isoformat(), "--content", str(content_dir))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Aucun problème trouvé."
    assert lines[2].startswith("Qualité des fiches : ") and len(lines) == 3
    assert result.stdout.splitlines()[1].startswith(
        "4 services, 3 lieux d'accueil, 2 publics, 3 territoires vérifiés en "
    )


def test_check_lists_every_problem_and_exits_1(content_dir: Path) -> None:
    for name in ("telephone-mal-forme", "alias-bomb", "etiquette-python"):
        shutil.copy(FIXTURES / "fiches-invalides" / f"{name}.yml", content_dir / "services")
    result = run("check", "--date", TODAY.isoformat(), "--content", str(content_dir))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    services = f"{content_dir}/services"
    assert result.stdout.splitlines() == [
        f"{services}/alias-bomb.yml:2: Les alias YAML (« & » et « * ») ne sont pas acceptés. [yaml/alias]",
        "    Aide : écrivez la valeur en entier à chaque endroit.",
        f"{services}/etiquette-python.yml:1: "
        "L'étiquette YAML « !!python/object/apply:os.system » n'est pas acceptée. [yaml/etiquette]",
        "    Aide : retirez ce qui commence par « ! » : une fiche ne contient que du texte et des listes.",
        f"{services}/telephone-mal-forme.yml:17: contact.telephone: "
        "« 03 21 00 00 » n'est pas un numéro de téléphone valide. [fiche/telephone]",
        "    Aide : en France, 10 chiffres comme « 03 21 21 62 62 » ou un numéro court comme « 3949 » ; "
        "en Belgique, le format international « +32 50 12 34 56 ».",
        "3 erreurs, 0 avertissement dans 3 fichiers.",
    ]


def test_github_format_gives_annotations(content_dir: Path) -> None:
    shutil.copy(FIXTURES / "fiches-invalides" / "public-inconnu.yml", content_dir / "services")
    result = run("check", "--date", TODAY.isoformat(), "--content", str(content_dir), "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        f"::error file={content_dir}/services/public-inconnu.yml,line=5,"
        "title=« jeune » n'est pas un public connu.::"
        "publics: « jeune » n'est pas un public connu. "
        "Aide : vouliez-vous écrire « jeunes » ? connus : jeunes, seniors, tous. [ref/public-inconnu]"
    )  # the title is French words, the code ends the text


def test_build_refuses_invalid_content_and_keeps_the_last_good_site(
    content_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    assert (
        run("build", "--date", TODAY.isoformat(), "--content", str(content_dir), "--out", str(out)).returncode
        == 0
    )
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    shutil.copy(FIXTURES / "fiches-invalides" / "date-impossible.yml", content_dir / "services")
    result = run("build", "--date", TODAY.isoformat(), "--content", str(content_dir), "--out", str(out))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "Le 30 février 2026 n'existe pas." in result.stdout
    assert "Le site n'a pas été construit : le contenu contient des erreurs." in result.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".construction-")]


def test_build_never_replaces_a_folder_it_did_not_write(content_dir: Path, tmp_path: Path) -> None:
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "rapport.txt").write_text("important")
    result = run("build", "--date", TODAY.isoformat(), "--content", str(content_dir), "--out", str(precious))
    assert result.returncode == 1
    assert "ne vient pas du générateur" in result.stderr
    assert (precious / "rapport.txt").read_text() == "important"


def test_missing_content_folder(tmp_path: Path) -> None:
    result = run("check", "--date", TODAY.isoformat(), "--content", str(tmp_path / "absent"))
    assert result.returncode == 1
    assert "Le dossier de contenu n'existe pas. [contenu/dossier-absent]" in result.stdout


def test_github_format_writes_every_problem_to_the_step_summary_changed_files_first(
    content_dir: Path, tmp_path: Path
) -> None:
    from generator.commands.common import write_step_summary
    from generator.content.problems import Problem

    problems = [
        Problem("content/services/a.yml", 3, "nom", "fiche/vide", "Le champ « nom » est vide."),
        Problem("content/services/b.yml", 1, "", "yaml/syntaxe", "~~~~ <script>alert(1)</script> |x|"),
    ]
    summary_file = tmp_path / "resume.md"
    write_step_summary(summary_file, problems, changed={"content/services/b.yml"})
    text = summary_file.read_text(encoding="utf-8")
    assert text.startswith("## Vérification des fiches : 2 erreurs, 0 avertissement dans 2 fichiers.")
    block = text.split("~~~~text\n", 1)[1]
    assert block.index("b.yml") < block.index("a.yml")  # the changed file first
    assert block.count("~~~~") == 1  # a record cannot close the block and write Markdown
