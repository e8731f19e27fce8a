"""What each record lacks (Fiche 1.1, data·inclusion's score), when to review it, what to ask operators."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.cli import main
from generator.content.loader import load_content
from generator.content.review import review_due, stale_by_operator
from generator.export.quality import quality_of

from .conftest import TODAY


def test_completeness_lists_what_fiche_1_1_asks_and_a_record_lacks(content_dir: Path) -> None:
    content, _ = load_content(content_dir, TODAY)
    assert content is not None
    quality = {record.key: record for record in quality_of(content, TODAY).records}
    aide = quality["services/aide-alpha"]
    assert aide.missing == ("e-mail", "adresse postale", "page de l'opérateur", "conditions d'accès")
    assert aide.completeness == round(3 / 7, 2)
    assert aide.score is not None and 0 < aide.score <= 1
    desk = quality["lieux/ccas-saint-aville"]
    assert desk.missing == ("e-mail", "adresse postale", "page du lieu", "horaires")


def test_the_data_inclusion_score_depends_on_the_day_given_not_on_the_clock(content_dir: Path) -> None:
    content, _ = load_content(content_dir, TODAY)
    assert content is not None
    soon = quality_of(content, TODAY).records[0].score
    years_later = quality_of(content, date(TODAY.year + 3, 1, 1)).records[0].score
    assert soon is not None and years_later is not None and years_later < soon  # its age counts


def test_check_ends_with_a_quality_summary(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--content", str(content_dir), "--date", TODAY.isoformat()]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("Qualité des fiches : score data·inclusion moyen ")
    assert " sur 1 ; fiche 1.1 remplie à " in last and "% en moyenne" in last


def test_each_record_is_reviewed_at_its_own_rhythm(content_dir: Path) -> None:
    path = content_dir / "services" / "aide-alpha.yml"
    path.write_text(path.read_text() + "a_revoir_tous_les: 3\n")
    content, _ = load_content(content_dir, TODAY)
    assert content is not None
    aide = content.services["aide-alpha"]
    assert review_due(aide) == date(aide.verifie_le.year, aide.verifie_le.month + 3, aide.verifie_le.day)
    stale = {record.id for records in stale_by_operator(content, TODAY).values() for record in records}
    assert "aide-alpha" in stale  # checked more than 3 months before TODAY
    assert "bus-departement" not in stale  # reviewed yearly, checked this year


def test_a_review_rhythm_is_3_6_or_12_months(content_dir: Path) -> None:
    path = content_dir / "services" / "aide-alpha.yml"
    path.write_text(path.read_text() + "a_revoir_tous_les: 24\n")
    _, problems = load_content(content_dir, TODAY)
    assert [(p.field, p.code) for p in problems if p.severity.value == "erreur"] == [
        ("a_revoir_tous_les", "fiche/valeur-inconnue")
    ]


def test_each_operator_gets_a_questionnaire_of_what_is_missing(content_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "questionnaires"
    assert (
        main(["questionnaire", "--content", str(content_dir), "--date", TODAY.isoformat(), "--out", str(out)])
        == 0
    )
    markdown = (out / "association-test.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Vos informations sur le site « ")
    assert "## Plateforme du bassin" in markdown
    assert "À revoir : la date de revue, le 30 juin 2026, est passée." in markdown
    assert "Ce qui manque : " in markdown
    pdf = PdfReader(out / "association-test.pdf")
    assert "Plateforme du bassin" in pdf.pages[0].extract_text()
    assert "Signalement : signalement@bassin-test.example" not in markdown
    assert "Répondez par e-mail à signalement@bassin-test.example" in markdown
