"""One pipeline: `build`, `serve` and `diff` run the same stages and see the same pages,
problems and flyers; one writer; no traceback when an installed file is missing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.commands.diff import compare
from generator.commands.serve import regenerate
from generator.output.writer import DuplicateOutput, SiteFiles
from generator.pipeline import BuildFailed, build

from .conftest import TODAY


def site_pages(site: Path) -> set[str]:
    return {p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")}


def test_serve_sees_the_pages_and_problems_build_publishes(
    content_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    built = build(content_dir, tmp_path / "site", today=TODAY)
    previewed = regenerate(content_dir, TODAY, tmp_path / "preview")
    assert previewed is not None
    assert previewed.problems == built.problems
    assert {page.url.rstrip("/") or "." for page in previewed.pages} == site_pages(built.out)
    assert (tmp_path / "preview" / "flyers" / "index.md").is_file()  # the flyers page, as on the site
    assert "flyers/publics/jeunes.pdf" in {p.flyer.path for p in previewed.flyers.printed}  # type: ignore[union-attr]


def test_serve_prints_the_problems_build_would_refuse(
    content_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (content_dir / "redirections.yml").write_text(
        "redirections:\n  - de: /services/aide-alpha/\n    vers: /services/bus-departement/\n"
    )
    with pytest.raises(BuildFailed) as refused:
        build(content_dir, tmp_path / "site", today=TODAY)
    assert regenerate(content_dir, TODAY, tmp_path / "preview") is None
    printed = capsys.readouterr().out
    assert [p.code for p in refused.value.problems] == ["adresse/redirection-sur-page"]
    assert "[adresse/redirection-sur-page]" in printed


def test_diff_names_exactly_the_flyers_the_printer_prints_again(content_dir: Path, tmp_path: Path) -> None:
    before = tmp_path / "avant"
    shutil.copytree(content_dir, before)
    build(content_dir, tmp_path / "site", today=TODAY)  # the cache holds every flyer of "before"
    record = content_dir / "services" / "aide-alpha.yml"
    # The cost is only on the web page: no flyer changes.
    record.write_text(record.read_text().replace("L'aide donne 50 euros.", "L'aide donne 60 euros."))
    changes = compare(before, content_dir, TODAY)
    rebuilt = build(content_dir, tmp_path / "site", today=TODAY)
    assert changes.changed == {"services/aide-alpha": ["cout"]}
    assert changes.flyers_changed == sorted(rebuilt.flyers.rendered) == []  # type: ignore[union-attr]
    # The description is printed on 3 flyers: those, and no other.
    record.write_text(
        record.read_text().replace("Une aide pour payer vos trajets.", "Une aide pour vos trajets.")
    )
    changes = compare(before, content_dir, TODAY)
    rebuilt = build(content_dir, tmp_path / "site", today=TODAY)
    assert changes.flyers_changed == sorted(rebuilt.flyers.rendered)  # type: ignore[union-attr]
    assert changes.flyers_changed == [
        "flyers/publics/jeunes.pdf", "flyers/territoires/alpha.pdf", "flyers/territoires/alpha/jeunes.pdf",
    ]  # fmt: skip


def test_the_writer_refuses_two_outputs_at_one_path() -> None:
    files = SiteFiles()
    files.add("flyers/publics/jeunes.pdf", b"%PDF")
    with pytest.raises(DuplicateOutput):
        files.add("flyers/publics/jeunes.pdf", b"<html>")


def test_a_redirection_over_a_live_flyer_is_a_content_problem(content_dir: Path, tmp_path: Path) -> None:
    (content_dir / "redirections.yml").write_text(
        "redirections:\n  - de: /flyers/publics/jeunes.pdf\n    vers: /publics/jeunes/\n"
    )
    with pytest.raises(BuildFailed) as refused:
        build(content_dir, tmp_path / "site", today=TODAY)
    [problem] = refused.value.problems
    assert (problem.path.endswith("redirections.yml"), problem.line, problem.field) == (
        True,
        2,
        "redirections[1].de",
    )
    assert problem.message == (
        "L'adresse /flyers/publics/jeunes.pdf est encore une page ou un flyer du site : la redirection la cacherait."
    )


def test_a_build_without_the_font_package_says_what_to_do(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("generator.locations.FONT_FILES", tmp_path / "node_modules-absent")
    for extra in ([], ["--sans-flyers"]):
        code = main(
            [
                "build",
                "--content",
                str(content_dir),
                "--date",
                TODAY.isoformat(),
                "--out",
                str(tmp_path / "site"),
                *extra,
            ]
        )
        output = capsys.readouterr()
        assert code == 1
        assert "Traceback" not in output.out + output.err
        assert (
            "Le site n'a pas été construit : la police atkinson-hyperlegible-latin-400-normal.woff2 manque ; "
            "lancez « make site » : il installe les paquets npm."
        ) in output.err
