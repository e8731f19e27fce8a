"""The contributor workflow: the guide, new records, retiring, stale records, what a change does."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.cli import main
from generator.commands.diff import compare, diff_revision
from generator.content.loader import load_content
from generator.content.model import Contact, FalcException, Service, Source, Translation
from generator.content.review import stale_by_operator
from generator.export.guide import field_docs, guide_markdown

from .conftest import ROOT, TODAY


def test_the_committed_guide_is_up_to_date() -> None:
    assert (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8") == guide_markdown(), (
        "run `python -m generator guide` and commit CONTRIBUTING.md"
    )


def test_the_guide_documents_every_field_of_a_record() -> None:
    documented = {doc.name for doc in field_docs()}
    expected = {name for name in Service.model_fields if name != "id"}
    for parent, model in (("contact", Contact), ("sources", Source), ("traductions", Translation),
                          ("falc_exceptions", FalcException)):  # fmt: skip
        expected |= {f"{parent}.{name}" for name in model.model_fields}
    assert documented == expected
    guide = guide_markdown()
    for doc in field_docs():
        assert f"### `{doc.name}`" in guide and doc.description in guide


def test_the_guide_is_on_the_site(minimal_site: Path) -> None:
    text = BeautifulSoup((minimal_site / "contribuer" / "index.html").read_text(), "html.parser").get_text(
        " "
    )
    assert (
        "Modifier une fiche, pas à pas" in text
        and "Retirer un service" in text
        and "contact.telephone" in text
    )


NEW_SERVICE = [
    "--id", "velo-ecole-alpha", "--nom", "Vélo-école Alpha", "--operateur", "Association Alpha à vélo",
    "--categorie", "accompagnement-mobilite", "--besoins", "vehicule,conseil", "--publics", "jeunes,seniors",
    "--territoires", "alpha", "--description", "Vous apprenez à rouler à vélo. / Un moniteur vous aide.",
    "--pour-qui", "Vous voulez rouler à vélo.", "--acces", "direct", "--comment-faire", "Appelez la vélo-école.",
    "--telephone", "0321000002", "--site", "https://velo.example.fr", "--source-titre", "Site de la vélo-école",
    "--source-url", "https://velo.example.fr",
]  # fmt: skip


def without_questions(content_dir: Path) -> list[str]:
    """`new-service` with every answer given as an option."""
    return [
        "new-service",
        "--content",
        str(content_dir),
        "--date",
        TODAY.isoformat(),
        "--sans-questions",
        *NEW_SERVICE,
    ]


def test_new_service_without_questions_writes_a_valid_commented_record(content_dir: Path) -> None:
    assert main(without_questions(content_dir)) == 0
    path = content_dir / "services" / "velo-ecole-alpha.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/service.schema.json\n")
    assert "# C'est quoi ? 1 à 3 phrases courtes, une phrase par ligne.\ndescription: |\n" in text
    content, problems = load_content(content_dir, TODAY)
    assert content is not None and problems == []
    service = content.services["velo-ecole-alpha"]
    assert service.contact.telephone == "03 21 00 00 02"
    assert service.description == "Vous apprenez à rouler à vélo.\nUn moniteur vous aide."
    assert service.verifie_le == TODAY


def test_new_service_asks_the_questions_it_was_not_given(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    given = NEW_SERVICE[: NEW_SERVICE.index("--telephone")]
    answers = {
        "Qui oriente": "", "Combien ça coûte": "C'est gratuit.", "Téléphone": "", "E-mail": "",
        "Page du service": "https://velo.example.fr", "Source des informations": "Site de la vélo-école",
        "Source : adresse web": "",
    }  # fmt: skip
    asked: list[str] = []

    def answer(question: str) -> str:
        asked.append(question)
        return next(value for start, value in answers.items() if question.startswith(start))

    monkeypatch.setattr("builtins.input", answer)
    assert main(["new-service", "--content", str(content_dir), "--date", TODAY.isoformat(), *given]) == 0
    assert len(asked) == len(answers)
    content, _ = load_content(content_dir, TODAY)
    assert content is not None
    service = content.services["velo-ecole-alpha"]
    assert (service.cout, service.contact.site, service.contact.telephone) == (
        "C'est gratuit.",
        "https://velo.example.fr",
        None,
    )


def test_new_service_refuses_to_overwrite(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    arguments = without_questions(content_dir)
    arguments[arguments.index("velo-ecole-alpha")] = "aide-alpha"
    assert main(arguments) == 1
    assert "existe déjà" in capsys.readouterr().err


def test_a_retired_service_keeps_its_page_and_leaves_the_lists(content_dir: Path, tmp_path: Path) -> None:
    from generator.pipeline import build

    path = content_dir / "services" / "aide-alpha.yml"
    path.write_text(path.read_text() + "statut: retire\nremplace_par: [bus-departement]\n")
    site = build(content_dir, tmp_path / "site", today=TODAY).out
    page = BeautifulSoup((site / "services" / "aide-alpha" / "index.html").read_text(), "html.parser")
    assert "Ce service n'existe plus." in page.get_text()
    assert page.select_one(".carte-service h3 a")["href"] == "../bus-departement/"
    assert "aide-alpha" not in (site / "territoires" / "alpha" / "jeunes" / "index.html").read_text()
    assert "aide-alpha" not in (site / "donnees" / "services.csv").read_text()


def test_a_retired_service_must_point_to_services_that_exist(content_dir: Path) -> None:
    path = content_dir / "services" / "aide-alpha.yml"
    path.write_text(path.read_text() + "statut: retire\nremplace_par: [aide-omega]\n")
    _, problems = load_content(content_dir, TODAY)
    assert [(p.code, p.message) for p in problems] == [
        ("ref/service-inconnu", "« aide-omega » n'est pas un service connu.")
    ]


def test_stale_records_are_listed_by_operator(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content, _ = load_content(content_dir, TODAY)
    assert content is not None
    grouped = stale_by_operator(content, TODAY, 12)
    assert {operator: [s.id for s in services] for operator, services in grouped.items()} == {
        "Association Test": ["plateforme-bassin"]
    }
    # Six months before 22 November 2026: every example record was checked earlier.
    assert set(stale_by_operator(content, TODAY, 6)) == {
        "Association Test", "Communauté de communes Alpha", "Département du Pas-de-Calais",
        "Groupement européen de la frontière", "Commune d'Aville", "Commune de Saint-Aville",
    }  # fmt: skip
    assert main(["stale", "--content", str(content_dir), "--date", TODAY.isoformat()]) == 0
    output = capsys.readouterr().out
    assert "1 fiches vérifiées il y a plus longtemps que leur rythme de revue, par opérateur :" in output
    # The path of the record in the folder given with --content, not in the repository's.
    assert f"2025-06-30  {content_dir}/services/plateforme-bassin.yml  Plateforme du bassin" in output


def test_the_change_summary_lists_records_pages_and_flyers(content_dir: Path, tmp_path: Path) -> None:
    before = Path(shutil.copytree(content_dir, tmp_path / "avant"))
    shutil.copy(before / "services" / "bus-departement.yml", content_dir / "services" / "bus-ligne-2.yml")
    (content_dir / "services" / "navette-frontiere.yml").unlink()
    path = content_dir / "services" / "aide-alpha.yml"
    path.write_text(path.read_text().replace("03 21 00 00 01", "03 21 00 00 07"))
    changes = compare(before, content_dir, TODAY)
    assert changes.added == ["services/bus-ligne-2"]
    assert changes.removed == ["services/navette-frontiere"]
    assert changes.changed == {"services/aide-alpha": ["contact"]}
    assert changes.pages_added == ["services/bus-ligne-2/"]
    assert "services/navette-frontiere/" in changes.pages_removed
    assert (
        "territoires/alpha/jeunes/" in changes.pages_changed
        and "services/aide-alpha/" in changes.pages_changed
    )
    assert "territoires/gamma/seniors/" not in changes.pages_changed  # none of the three services is there
    assert "flyers/territoires/alpha/jeunes.pdf" in changes.flyers_changed
    assert "flyers/publics/seniors.pdf" in changes.flyers_changed  # the copied bus line serves everyone
    summary = changes.markdown()
    assert "### Fiches ajoutées : 1\n\n- `services/bus-ligne-2`" in summary
    assert "### Fiches modifiées : 1\n\n- `services/aide-alpha` : contact" in summary
    assert "- `/services/aide-alpha/`" in summary  # no preview: addresses only
    preview = "https://exemple.github.io/mobilite/apercu/42"
    comment = changes.markdown(preview=preview)
    assert f"[Ouvrir l'aperçu du site]({preview}/)" in comment
    assert f"- [`/services/aide-alpha/`]({preview}/services/aide-alpha/)" in comment
    assert f"- [`/flyers/publics/seniors.pdf`]({preview}/flyers/publics/seniors.pdf)" in comment
    assert "- `/services/navette-frontiere/`" in comment  # a removed page is not in the preview


def test_diff_compares_with_a_git_revision(content_dir: Path) -> None:
    def git(*arguments: str) -> None:
        subprocess.run(["git", *arguments], cwd=content_dir, check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-qm", "avant")
    path = content_dir / "services" / "aide-alpha.yml"
    path.write_text(path.read_text().replace("Aide Alpha", "Aide Alpha renouvelée"))
    changes = diff_revision("HEAD", content_dir, TODAY)
    assert changes.changed == {"services/aide-alpha": ["nom"]}


def test_commands_agree_when_the_clock_moves_a_year_ahead(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --date, every command takes the clock's day, the same for all: nothing is "in the future"."""
    a_year_ahead = date(TODAY.year + 1, TODAY.month, TODAY.day)
    monkeypatch.setattr("generator.cli.clock", lambda: a_year_ahead)
    assert main(["new-service", "--content", str(content_dir), "--sans-questions", *NEW_SERVICE]) == 0
    content, _ = load_content(content_dir, a_year_ahead)
    assert content is not None and content.services["velo-ecole-alpha"].verifie_le == a_year_ahead
    assert main(["check", "--content", str(content_dir)]) == 0
    assert main(["stale", "--content", str(content_dir)]) == 0
    assert "Plateforme du bassin" in capsys.readouterr().out  # checked in 2025: stale a year later


def test_new_service_checks_each_answer_and_asks_again(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    given = NEW_SERVICE[NEW_SERVICE.index("--nom") :]
    ids = iter(["", "Vélo école", "velo-ecole-alpha"])  # empty, then spaced and accented, then right
    monkeypatch.setattr(
        "builtins.input", lambda question: next(ids) if question.startswith("Identifiant") else ""
    )
    assert main(["new-service", "--content", str(content_dir), "--date", TODAY.isoformat(), *given]) == 0
    errors = capsys.readouterr().err
    assert "cette réponse est obligatoire." in errors and "des lettres minuscules sans accent" in errors
    assert (content_dir / "services" / "velo-ecole-alpha.yml").is_file()


def test_new_service_stops_cleanly_on_ctrl_d_and_writes_nothing(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def end_of_input(question: str) -> str:
        raise EOFError

    monkeypatch.setattr("builtins.input", end_of_input)
    before = sorted((content_dir / "services").iterdir())
    assert main(["new-service", "--content", str(content_dir), "--date", TODAY.isoformat()]) == 1
    assert "Aucune fiche n'a été écrite." in capsys.readouterr().err
    assert sorted((content_dir / "services").iterdir()) == before


def test_new_service_without_questions_refuses_an_unknown_choice(
    content_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = without_questions(content_dir)
    arguments[arguments.index("--categorie") + 1] = "velo"
    assert main(arguments) == 1
    assert "« velo » n'est pas dans la liste" in capsys.readouterr().err
    assert not (content_dir / "services" / "velo-ecole-alpha.yml").exists()


ISSUE_BODY = """### Nom du service

Vélo-école Alpha

### Qui gère le service ?

Association Alpha Mobilité

### Type de service

accompagnement-mobilite : Accompagnement mobilité

### À quels besoins répond-il ?

conseil : Être aidé et conseillé, vehicule : Avoir une voiture, un scooter ou un vélo

### Pour quels publics ?

jeunes : Je suis jeune

### Où est-il disponible ?

alpha : Alpha

### C'est quoi ?

Vous apprenez à rouler à vélo.
Un moniteur vous aide.

### Comment le joindre ?

Appelez le 03 21 00 00 02, ou voyez https://velo.example.fr

### D'où viennent ces informations ?

Site de la vélo-école - https://velo.example.fr
"""


def test_new_service_starts_from_a_submitted_issue_form(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue as GitHub writes it: what the contributor chose and wrote becomes the record; the rest is asked."""
    body = tmp_path / "proposition.md"
    body.write_text(ISSUE_BODY, encoding="utf-8")
    asked: list[str] = []
    rest = {"Identifiant": "velo-ecole-alpha", "C'est pour qui": "Vous voulez rouler à vélo.", "Accès": "direct",
            "Comment faire": "Appelez la vélo-école.", "Territoires": "alpha"}  # fmt: skip

    def answer(question: str) -> str:
        asked.append(question.split(" (")[0].split(" [")[0].split(" :")[0])
        return next((value for start, value in rest.items() if question.startswith(start)), "")

    monkeypatch.setattr("builtins.input", answer)
    command = [
        "new-service",
        "--content",
        str(content_dir),
        "--date",
        TODAY.isoformat(),
        "--formulaire",
        str(body),
    ]
    assert main(command) == 0
    # Given by the form; "alpha" is no territory of the project's form, so it is asked.
    assert not {"Nom du service", "Type de service", "Téléphone du service"} & set(asked)
    assert "Territoires" in asked
    content, _ = load_content(content_dir, TODAY)
    assert content is not None
    service = content.services["velo-ecole-alpha"]
    assert (service.nom, service.categorie, service.besoins) == (
        "Vélo-école Alpha",
        "accompagnement-mobilite",
        ["conseil", "vehicule"],
    )
    assert service.description == "Vous apprenez à rouler à vélo.\nUn moniteur vous aide."
    assert (service.contact.telephone, service.contact.site) == ("03 21 00 00 02", "https://velo.example.fr")
    assert (service.sources[0].titre, service.sources[0].url) == (
        "Site de la vélo-école",
        "https://velo.example.fr",
    )
