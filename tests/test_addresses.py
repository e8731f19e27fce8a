"""Stable addresses: a published page or PDF never disappears without a redirection."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.loader import load_content
from generator.content.model import Redirection
from generator.pipeline import BuildFailed, build
from generator.structure.addresses import ADDRESS_LIST, read_address_list, write_address_list

from .conftest import TODAY


def publish(content_dir: Path, out: Path) -> None:
    """Build once so that the address list holds every published address."""
    write_address_list(content_dir, set())
    build(content_dir, out, today=TODAY)


def test_build_adds_new_addresses_to_the_list(content_dir: Path, tmp_path: Path) -> None:
    publish(content_dir, tmp_path / "site")
    published = read_address_list(content_dir)
    assert published is not None
    assert {"/", "/services/aide-alpha/", "/territoires/alpha/jeunes/", "/flyers/publics/jeunes.pdf"} <= set(
        published
    )
    assert (content_dir / ADDRESS_LIST).read_text().startswith("# Toutes les adresses publiées")


def test_removing_a_published_page_fails_the_build(content_dir: Path, tmp_path: Path) -> None:
    publish(content_dir, tmp_path / "site")
    (content_dir / "services" / "aide-alpha.yml").unlink()
    with pytest.raises(BuildFailed) as failure:
        build(content_dir, tmp_path / "site", today=TODAY)
    removed = {p.message for p in failure.value.problems if p.code == "adresse/supprimee"}
    # The pages and flyers of territory alpha and of young people stay: other services are there.
    assert removed == {"L'adresse /services/aide-alpha/ disparaîtrait du site."}
    # The message gives the lines to add: added as they are, the build goes through.
    [hint] = [p.hint for p in failure.value.problems if p.code == "adresse/supprimee"]
    lines = hint.split("\n", 1)[1]
    assert lines == "  - de: /services/aide-alpha/\n    vers: /services/"
    redirections = content_dir / "redirections.yml"
    existing = redirections.read_text(encoding="utf-8") if redirections.exists() else "redirections:\n"
    redirections.write_text(existing + lines + "\n", encoding="utf-8")
    build(content_dir, tmp_path / "site", today=TODAY)


def test_a_redirection_keeps_the_old_addresses_alive(content_dir: Path, tmp_path: Path) -> None:
    publish(content_dir, tmp_path / "site")
    old = content_dir / "services" / "aide-alpha.yml"
    old.rename(content_dir / "services" / "aide-transport-alpha.yml")
    (content_dir / "redirections.yml").write_text(
        "redirections:\n  - de: /services/aide-alpha/\n    vers: /services/aide-transport-alpha/\n"
    )
    report = build(content_dir, tmp_path / "site", today=TODAY)
    page = (report.out / "services" / "aide-alpha" / "index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../aide-transport-alpha/">' in page
    assert '<a href="../aide-transport-alpha/">' in page


def test_a_moved_pdf_leaves_a_notice_with_a_qr_code(content_dir: Path, tmp_path: Path) -> None:
    write_address_list(content_dir, {"/flyers/ancien-flyer.pdf"})
    (content_dir / "redirections.yml").write_text(
        "redirections:\n  - de: /flyers/ancien-flyer.pdf\n    vers: /flyers/\n"
    )
    report = build(content_dir, tmp_path / "site", today=TODAY)
    notice = (report.out / "flyers" / "ancien-flyer.pdf").read_bytes()
    assert notice.startswith(b"%PDF")


def test_a_notice_is_printed_once_then_taken_from_the_cache(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import time

    from generator.render import pdf
    from generator.render.redirects import redirection_files

    content, _ = load_content(content_dir, TODAY)
    assert content is not None
    moved = [Redirection(de="/flyers/ancien-flyer.pdf", vers="/flyers/")]
    cache = tmp_path / "notices"
    first = redirection_files(content, moved, cache)["flyers/ancien-flyer.pdf"]
    [kept] = cache.glob("*.pdf")
    forgotten = cache / "ancienne-notice.pdf"
    forgotten.write_bytes(b"%PDF")
    month_ago = time.time() - 31 * 24 * 3600
    for entry in (kept, forgotten):
        os.utime(entry, (month_ago, month_ago))

    def no_printing(html: str, identifier: bytes) -> pdf.Pdf:
        raise AssertionError("the notice is in the cache: nothing to print")

    monkeypatch.setattr(pdf, "render_pdf", no_printing)
    assert redirection_files(content, moved, cache)["flyers/ancien-flyer.pdf"] == first
    assert kept.stat().st_mtime > month_ago + 3600  # used: kept
    assert not forgotten.exists()  # no build used it for a month


def test_a_redirection_must_lead_to_a_page(content_dir: Path, tmp_path: Path) -> None:
    (content_dir / "redirections.yml").write_text(
        "redirections:\n  - de: /services/x/\n    vers: /services/y/\n"
    )
    with pytest.raises(BuildFailed) as failure:
        build(content_dir, tmp_path / "site", today=TODAY)
    [problem] = [p for p in failure.value.problems if p.code == "adresse/redirection-vers-rien"]
    assert (problem.line, problem.field) == (3, "redirections[1].vers")
    assert problem.message == "La redirection mène à /services/y/, qui n'est pas une page du site."


def test_the_real_basin_keeps_its_address_list_up_to_date() -> None:
    from .conftest import REAL_CONTENT

    published = read_address_list(REAL_CONTENT)
    assert published is not None and len(published) > 200
    assert "/services/mamobilite62/" in published and "/flyers/transfrontalier-nl.pdf" in published


def test_a_part_of_a_flyer_that_got_shorter_leads_to_the_flyer_page(
    content_dir: Path, tmp_path: Path
) -> None:
    """Parts are made by the printer: when a flyer fits again, its old parts point to its page on their own."""
    from .test_flyers import qr_code_of, text_of

    write_address_list(
        content_dir, {"/flyers/territoires/alpha/jeunes-partie-2.pdf", "/flyers/autre-partie-2.pdf"}
    )
    with pytest.raises(BuildFailed) as failure:  # a part of a flyer that no longer exists is no exception
        build(content_dir, tmp_path / "site", today=TODAY)
    removed = {p.message for p in failure.value.problems if p.code == "adresse/supprimee"}
    assert removed == {"L'adresse /flyers/autre-partie-2.pdf disparaîtrait du site."}
    write_address_list(content_dir, {"/flyers/territoires/alpha/jeunes-partie-2.pdf"})
    report = build(content_dir, tmp_path / "site", today=TODAY)
    notice = report.out / "flyers" / "territoires" / "alpha" / "jeunes-partie-2.pdf"
    assert text_of(notice).startswith("Ce document a changé Les informations sont maintenant sur cette page")
    assert qr_code_of(notice, tmp_path) == "https://bassin-test.example/territoires/alpha/jeunes/"
    published = read_address_list(content_dir)
    assert published is not None and "/flyers/territoires/alpha/jeunes-partie-2.pdf" in published
