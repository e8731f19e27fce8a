"""Open data: JSON and CSV exports, the data·inclusion schema both ways, coverage figures."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.content.loader import load_content
from generator.export import data_inclusion
from generator.export.coverage import coverage_figures
from generator.export.open_data import COLUMNS, csv_cell

from .conftest import MINIMAL_CONTENT, REAL_CONTENT, TODAY, real_content_today


def raw_records(content_dir: Path) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text()) for p in sorted((content_dir / "services").glob("*.yml"))}


def test_csv_has_one_documented_row_per_service(minimal_site: Path) -> None:
    rows = list(
        csv.DictReader(io.StringIO((minimal_site / "donnees" / "services.csv").read_text(encoding="utf-8")))
    )
    records = raw_records(MINIMAL_CONTENT)
    assert [row["id"] for row in rows] == [
        "aide-alpha",
        "bus-departement",
        "navette-frontiere",
        "plateforme-bassin",
    ]
    assert list(rows[0]) == list(COLUMNS)
    for row in rows:
        record = records[row["id"]]
        assert row["nom"] == record["nom"]
        assert row["publics"] == " | ".join(record["publics"])
        assert row["description"] == record["description"].strip()
        assert row["verifie_le"] == str(record["verifie_le"])
        assert row["page"] == f"https://bassin-test.example/services/{row['id']}/"
    shuttle = next(row for row in rows if row["id"] == "navette-frontiere")
    assert shuttle["telephone"] == "'+32 50 12 34 56"  # a cell starting with + is not a formula
    assert shuttle["transfrontalier"] == "oui"


def test_json_matches_the_records(minimal_site: Path) -> None:
    rows = json.loads((minimal_site / "donnees" / "services.json").read_text(encoding="utf-8"))
    records = raw_records(MINIMAL_CONTENT)
    assert {row["id"] for row in rows} == set(records)
    for row in rows:
        record = records[row["id"]]
        assert (row["nom"], row["operateur"], row["categorie"]) == (
            record["nom"],
            record["operateur"],
            record["categorie"],
        )
        assert row["territoires"] == record["territoires"]
        assert row["telephone"] == record["contact"].get("telephone")


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+33 3 21", "'+33 3 21"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("Aide", "Aide"),
        (["a", "b"], "a | b"),
        (True, "oui"),
        (None, ""),
    ],
)
def test_spreadsheet_formulas_are_neutralised(value: object, cell: str) -> None:
    assert csv_cell(value) == cell


def test_data_pages_explain_the_files_and_licence(minimal_site: Path) -> None:
    text = BeautifulSoup((minimal_site / "donnees" / "index.html").read_text(), "html.parser").get_text(" ")
    for expected in (
        "Licence Ouverte 2.0",
        "services.csv",
        "data-inclusion/services.json",
        "schemas/service.schema.json",
        "couverture.csv",
        "1 mars 2026",
    ):
        assert expected in text


@pytest.mark.parametrize("content_dir_name", ["minimal", "real"])
def test_data_inclusion_export_validates_against_the_official_schema(content_dir_name: str) -> None:
    today = TODAY if content_dir_name == "minimal" else real_content_today()
    content, _ = load_content(MINIMAL_CONTENT if content_dir_name == "minimal" else REAL_CONTENT, today)
    assert content is not None
    structures, services = data_inclusion.export(content)
    assert data_inclusion.validate(content, structures, services, today) == []
    assert len(services) == len(content.services)


def test_data_inclusion_export_names_the_record_and_field_when_refused(content_dir: Path) -> None:
    content, _ = load_content(content_dir, TODAY)
    assert content is not None
    structures, services = data_inclusion.export(content)
    services[0]["nom"] = "AB"  # data·inclusion wants 3 characters or more
    [problem] = data_inclusion.validate(content, structures, services, TODAY)
    assert problem.path.endswith("services/aide-alpha.yml")
    assert problem.field == "data·inclusion nom"
    assert problem.code == "donnees/data-inclusion"


def test_round_trip_keeps_the_facts(content_dir: Path, tmp_path: Path) -> None:
    content, _ = load_content(content_dir, TODAY)
    assert content is not None
    structures, services = data_inclusion.export(content)
    exported = tmp_path / "export.json"
    exported.write_text(json.dumps({"structures": structures, "services": services}))
    originals = raw_records(content_dir)
    for record in (content_dir / "services").glob("*.yml"):
        record.unlink()
    result = data_inclusion.import_file(exported, content, content_dir / "services", TODAY)
    assert len(result.written) == 4
    imported, problems = load_content(content_dir, TODAY)
    assert imported is not None, [p.format() for p in problems]
    for service_id, original in originals.items():
        back = imported.services[service_id]
        assert back.nom == original["nom"]
        assert back.operateur == original["operateur"]
        assert back.categorie == original["categorie"]
        assert back.besoins == original["besoins"]
        assert back.publics == original["publics"]
        assert back.territoires == original["territoires"]
        assert back.acces == original["acces"]
        for text in ("description", "pour_qui", "conditions", "comment_faire", "cout"):
            assert (getattr(back, text) or "").strip() == (original.get(text) or "").strip(), (
                service_id,
                text,
            )
        contact = back.contact
        assert contact.telephone == original["contact"].get("telephone")
        assert (contact.email, contact.site) == (
            original["contact"].get("email"),
            original["contact"].get("site"),
        )
        # data·inclusion has a one-line address: its lines come back joined by commas.
        assert contact.adresse == (
            ", ".join(original["contact"]["adresse"].split("\n")).strip(", ") or None
            if original["contact"].get("adresse")
            else None
        )
        assert back.verifie_le.isoformat() == str(original["verifie_le"])


def test_import_lists_what_it_cannot_map_and_never_overwrites(content_dir: Path, tmp_path: Path) -> None:
    content, _ = load_content(content_dir, TODAY)
    assert content is not None
    dora = tmp_path / "dora.json"
    dora.write_text(
        json.dumps(
            [
                {
                    "source": "dora",
                    "structure_id": "dora--x",
                    "id": "dora--aide-alpha",
                    "nom": "Aide Alpha de DORA",
                    "description": "Une aide.",
                    "date_maj": "2026-01-01",
                    "publics": ["femmes", "jeunes"],
                    "zone_eligibilite": ["62001", "75056"],
                    "horaires_accueil": "Mo-Fr 09:00-12:00",
                },
                {
                    "source": "dora",
                    "structure_id": "dora--y",
                    "id": "dora--nouveau",
                    "nom": "Nouveau service",
                    "description": "Un service.",
                    "date_maj": "2026-01-01",
                },
            ]
        )
    )
    result = data_inclusion.import_file(dora, content, content_dir / "services", TODAY)
    assert result.skipped == ["aide-alpha.yml"]  # already exists: kept
    assert [p.name for p in result.written] == ["nouveau.yml"]
    assert "Aide Alpha" in (content_dir / "services" / "aide-alpha.yml").read_text()
    forced = data_inclusion.import_file(dora, content, content_dir / "services", TODAY, force=True)
    assert [p.name for p in forced.written] == ["aide-alpha.yml", "nouveau.yml"]
    assert "aide-alpha : public « femmes » sans équivalent" in forced.unmapped
    assert "aide-alpha : zone « 75056 » hors du bassin" in forced.unmapped
    assert "aide-alpha : champ « horaires_accueil » non repris" in forced.unmapped
    record = yaml.safe_load((content_dir / "services" / "aide-alpha.yml").read_text())
    assert record["territoires"] == ["alpha"]  # the commune 62001 is in territory alpha
    assert record["publics"] == ["jeunes"]


def test_coverage_figures_on_the_example_content() -> None:
    content, _ = load_content(MINIMAL_CONTENT, TODAY)
    assert content is not None
    coverage = coverage_figures(content, TODAY)
    assert coverage.services == 4
    assert coverage.by_audience == {"jeunes": 3, "seniors": 2}
    assert coverage.by_territory == {"alpha": 3, "beta": 2, "gamma": 2}
    assert coverage.matrix == {
        ("alpha", "jeunes"): 2,
        ("alpha", "seniors"): 2,
        ("beta", "jeunes"): 1,
        ("beta", "seniors"): 2,
        ("gamma", "jeunes"): 1,
        ("gamma", "seniors"): 1,
    }
    assert coverage.white_zones == []
    assert coverage.communes == 6
    assert coverage.well_covered_share == {"jeunes": pytest.approx(2 / 6), "seniors": pytest.approx(4 / 6)}
    assert coverage.categories_by_territory == {"alpha": 3, "beta": 2, "gamma": 2}
    assert coverage.by_category["transport-commun"] == 2
    assert [s.id for s in coverage.stale] == ["plateforme-bassin"]  # checked 30 June 2025, reviewed yearly
    assert (coverage.with_phone, coverage.cross_border) == (2, 1)


def test_a_territory_without_services_for_an_audience_is_a_white_zone(content_dir: Path) -> None:
    shutil.copy(content_dir / "territoires" / "gamma.yml", content_dir / "territoires" / "delta.yml")
    text = (content_dir / "territoires" / "delta.yml").read_text()
    (content_dir / "territoires" / "delta.yml").write_text(
        text.replace("59001", "59201").replace("59009", "59209").replace("200000003", "200000004")
    )
    content, problems = load_content(content_dir, TODAY)
    assert content is not None, problems
    coverage = coverage_figures(content, TODAY)
    assert ("delta", "jeunes") in coverage.white_zones  # plateforme-bassin serves seniors only


def test_coverage_page_has_accessible_charts_with_tables(minimal_site: Path) -> None:
    soup = BeautifulSoup((minimal_site / "couverture" / "index.html").read_text(), "html.parser")
    charts = soup.select("svg.graphique")
    assert len(charts) == 3  # two bar charts and the radar chart of Fiche 2.4
    for chart in charts:
        assert chart["role"] == "img"
        assert chart.title is not None and chart.title.get_text()
        following = chart.find_next_sibling()  # the table, in its box that scrolls sideways on a phone
        assert following is not None and following.select_one(".md-typeset__table > table") is not None
    assert "Territoires où chaque type de service existe" in soup.get_text()
    csv_text = (minimal_site / "donnees" / "couverture.csv").read_text()
    assert "part_communes_2_services,seniors,0.667" in csv_text
    assert "fiches_a_verifier,services/plateforme-bassin.yml,2025-06-30" in csv_text
