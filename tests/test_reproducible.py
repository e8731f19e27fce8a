"""Reproducible builds: the same content gives byte-identical output, PDFs, search index and sitemap included."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from generator.pipeline import build

from .conftest import MINIMAL_CONTENT, TODAY
from .test_kept_build import nothing_kept


def files_of(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_pages_and_flyer_keys_made_by_two_processes_give_identical_bytes(
    tmp_path: Path, minimal_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large site's pages, and its flyers' keys, are shared between two forked processes
    (`shared_map`): here every site is large enough."""
    monkeypatch.setattr("generator.render.markdown.SHARED_FROM", 1)
    monkeypatch.setattr("generator.render.pdf.KEYS_SHARED_FROM", 1)
    nothing_kept(monkeypatch, tmp_path / "kept")
    shared = build(MINIMAL_CONTENT, tmp_path / "site", today=TODAY).out
    first, second = files_of(minimal_site), files_of(shared)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_flyer_keys_made_by_two_processes_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrong key would only reprint a flyer, or worse, reuse another's: compared one by one."""
    from generator.content.loader import load_content
    from generator.render.pdf import flyer_keys
    from generator.structure.flyers import plan_flyers

    content, _ = load_content(MINIMAL_CONTENT, TODAY)
    assert content is not None
    flyers = plan_flyers(content)
    alone = flyer_keys(flyers, content)
    monkeypatch.setattr("generator.render.pdf.KEYS_SHARED_FROM", 1)
    assert flyer_keys(flyers, content) == alone
    assert len(set(alone.values())) == len(flyers) > 1


def test_two_builds_give_identical_bytes(
    tmp_path: Path, minimal_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A cache of its own: every PDF, font and analysis is made again, nothing is copied from the first build.
    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path / "cache"))
    again = build(MINIMAL_CONTENT, tmp_path / "site", today=TODAY).out
    assert (tmp_path / "cache" / "flyers").is_dir() and (tmp_path / "cache" / "fonts").is_dir()
    first, second = files_of(minimal_site), files_of(again)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    assert {
        "sitemap.xml",
        "sitemap.xml.gz",
        "pagefind/pagefind-entry.json",
        "pagefind/mots-fr.json",
        "flyers/publics/jeunes.pdf",
        "telechargement/site-hors-ligne.zip",
    } <= first.keys()


def test_dates_come_from_the_content_not_from_the_clock(minimal_site: Path) -> None:
    sitemap = (minimal_site / "sitemap.xml").read_text()
    assert "<lastmod>2026-03-01</lastmod>" in sitemap  # the newest check of the example records
    with gzip.open(minimal_site / "sitemap.xml.gz") as archive:
        assert archive.read().decode() == sitemap


def test_source_date_epoch_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 1 January 2026
    site = build(MINIMAL_CONTENT, tmp_path / "site", today=TODAY, flyers=False).out
    assert "<lastmod>2026-01-01</lastmod>" in (site / "sitemap.xml").read_text()


def test_flyer_keys_kept_by_what_flyers_are_made_of_are_the_keys_of_their_html(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A flyer made of the same things as in the last build keeps its key without being
    rendered; a flyer that shows a changed service is rendered, and gets its new key."""
    from generator.content.loader import load_content
    from generator.render import pdf
    from generator.structure.flyers import plan_flyers

    known = tmp_path / "keys-by-inputs.json"
    content, _ = load_content(content_dir, TODAY)
    assert content is not None
    assert pdf.flyer_keys(plan_flyers(content), content, known=known) == pdf.flyer_keys(
        plan_flyers(content), content
    )

    record = content_dir / "services" / "aide-alpha.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("vos trajets.", "vos trajets en bus."))
    content, _ = load_content(content_dir, TODAY)
    assert content is not None
    flyers = plan_flyers(content)
    rendered: set[str] = set()
    flyer_html = pdf.flyer_html
    monkeypatch.setattr(
        pdf,
        "flyer_html",
        lambda flyer, *rest, **options: rendered.add(flyer.path) or flyer_html(flyer, *rest, **options),
    )
    kept = pdf.flyer_keys(flyers, content, known=known)
    assert (
        rendered
        == {flyer.path for flyer in flyers if any(s.id == "aide-alpha" for s in flyer.services)}
        != set()
    )
    assert kept == pdf.flyer_keys(flyers, content)
