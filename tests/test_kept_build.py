"""The site builder's work kept between builds: a change renders only its pages, and the
site is the same as a full build's."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from generator.output.mkdocs_adapter import KeptBuild
from generator.pipeline import build

from .conftest import TODAY


def _same_tree(left: Path, right: Path) -> list[str]:
    """The files that differ between two folders (missing on one side, or other bytes)."""
    names = {p.relative_to(left).as_posix() for p in left.rglob("*") if p.is_file()}
    names |= {p.relative_to(right).as_posix() for p in right.rglob("*") if p.is_file()}
    return sorted(
        name
        for name in names
        if not ((left / name).is_file() and (right / name).is_file())
        or not filecmp.cmp(left / name, right / name, shallow=False)
    )


def _differs_from_a_full_build(
    content_dir: Path, site: Path, monkeypatch: pytest.MonkeyPatch, flyers: bool = True
) -> list[str]:
    """The files of `site` that a build starting from nothing writes otherwise."""
    nothing_kept(monkeypatch, site.parent / "empty")
    build(content_dir, site.parent / "full", today=TODAY, flyers=flyers)
    return _same_tree(site, site.parent / "full")


def nothing_kept(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """The next builds start from nothing: neither the site builder's work nor pages' Markdown."""
    monkeypatch.setattr("generator.pipeline.site_builder_cache", lambda: folder / "mkdocs")
    monkeypatch.setattr("generator.pipeline.markdown_cache", lambda deferred_blocks: folder / "markdown")


def test_a_one_record_change_renders_its_pages_only_and_gives_the_full_build(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept_folder = tmp_path / "kept"
    monkeypatch.setattr("generator.pipeline.site_builder_cache", lambda: kept_folder)
    build(content_dir, tmp_path / "site", today=TODAY)
    kept = KeptBuild(kept_folder)
    glossary, service = (
        kept.site / "glossaire" / "index.html",
        kept.site / "services" / "aide-alpha" / "index.html",
    )
    before = {page: page.stat().st_mtime_ns for page in (glossary, service)}

    record = content_dir / "services" / "aide-alpha.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("Alpha", "Alpha-Nord", 1), encoding="utf-8")
    build(content_dir, tmp_path / "site", today=TODAY)
    assert glossary.stat().st_mtime_ns == before[glossary]  # not shown by the change: not rendered again
    assert service.stat().st_mtime_ns != before[service]
    assert "Alpha-Nord" in (tmp_path / "site" / "services" / "aide-alpha" / "index.html").read_text()

    assert _differs_from_a_full_build(content_dir, tmp_path / "site", monkeypatch) == []


def test_a_change_in_a_card_only_finishes_the_pages_that_show_it_again(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A service's card is put back after MkDocs (a deferred block): a new phone number changes
    no page's Markdown, but every page showing the card, and only those, is finished again."""
    kept_folder = tmp_path / "kept"
    monkeypatch.setattr("generator.pipeline.site_builder_cache", lambda: kept_folder)
    build(content_dir, tmp_path / "site", today=TODAY, flyers=False)
    kept = KeptBuild(kept_folder)
    pair, glossary = "territoires/alpha/jeunes/index.html", "glossaire/index.html"
    built = (kept.site / pair).stat().st_mtime_ns
    finished = {page: (kept.finished / page).stat().st_mtime_ns for page in (pair, glossary)}

    record = content_dir / "services" / "aide-alpha.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("03 21 00 00 01", "03 21 99 99 99"))
    build(content_dir, tmp_path / "site", today=TODAY, flyers=False)
    assert (kept.site / pair).stat().st_mtime_ns == built  # MkDocs had nothing to render again
    assert (kept.finished / pair).stat().st_mtime_ns != finished[pair]
    assert (kept.finished / glossary).stat().st_mtime_ns == finished[glossary]
    published = (tmp_path / "site" / pair).read_text(encoding="utf-8")
    assert "03 21 99 99 99" in published and "03 21 00 00 01" not in published

    assert _differs_from_a_full_build(content_dir, tmp_path / "site", monkeypatch, flyers=False) == []


def test_a_page_that_no_longer_exists_leaves_nothing_behind(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept_folder = tmp_path / "kept"
    monkeypatch.setattr("generator.pipeline.site_builder_cache", lambda: kept_folder)
    build(content_dir, tmp_path / "site", today=TODAY, flyers=False)
    assert (tmp_path / "site" / "services" / "plateforme-bassin" / "index.html").is_file()
    (content_dir / "services" / "plateforme-bassin.yml").unlink()
    build(content_dir, tmp_path / "site", today=TODAY, flyers=False)
    assert not (tmp_path / "site" / "services" / "plateforme-bassin").exists()
    assert not (KeptBuild(kept_folder).finished / "services" / "plateforme-bassin").exists()


def test_a_build_that_fails_late_leaves_the_published_flyers_and_pages_as_they_were(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The published PDFs and pages share their files with the kept build (hard links): a build
    that prints a flyer and finishes a page again, then fails, must not have changed the ones on
    the web meanwhile."""
    from generator.output.search_index import SearchIndexFailed
    from generator.pipeline import BuildFailed

    monkeypatch.setattr("generator.pipeline.site_builder_cache", lambda: tmp_path / "kept")
    build(content_dir, tmp_path / "site", today=TODAY)
    flyer = tmp_path / "site" / "flyers" / "territoires" / "alpha" / "jeunes.pdf"
    page = tmp_path / "site" / "services" / "aide-alpha" / "index.html"
    finished = KeptBuild(tmp_path / "kept").finished / "services" / "aide-alpha" / "index.html"
    assert page.stat().st_ino == finished.stat().st_ino  # shared, not copied
    published, published_page = flyer.read_bytes(), page.read_text(encoding="utf-8")

    record = content_dir / "services" / "aide-alpha.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("03 21 00 00 01", "03 21 99 99 99"))

    def fails(*_: object) -> None:
        raise SearchIndexFailed("arrêt voulu par le test")

    monkeypatch.setattr("generator.pipeline._pack_for_usb_key", fails)
    with pytest.raises(BuildFailed):
        build(content_dir, tmp_path / "site", today=TODAY)
    assert flyer.read_bytes() == published  # the reprinted flyer went to new files only
    assert page.read_text(encoding="utf-8") == published_page  # and so did the finished page

    monkeypatch.undo()
    monkeypatch.setattr("generator.pipeline.site_builder_cache", lambda: tmp_path / "kept")
    build(content_dir, tmp_path / "site", today=TODAY)
    assert flyer.read_bytes() != published
    assert "03 21 99 99 99" in page.read_text(encoding="utf-8")


def test_a_published_page_someone_wrote_into_is_finished_again(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written in place, a published page changes the kept one it shares its file with: the next
    build must not publish that text again."""
    monkeypatch.setattr("generator.pipeline.site_builder_cache", lambda: tmp_path / "kept")
    build(content_dir, tmp_path / "site", today=TODAY, flyers=False)
    page = tmp_path / "site" / "services" / "aide-alpha" / "index.html"
    original = page.read_text(encoding="utf-8")
    with page.open("r+", encoding="utf-8") as in_place:
        in_place.write("<p>écrit à la main</p>")
    build(content_dir, tmp_path / "site", today=TODAY, flyers=False)
    assert page.read_text(encoding="utf-8") == original


def test_a_build_that_did_not_finish_renders_every_page_next_time(tmp_path: Path) -> None:
    """A build stopped by MkDocs (a broken link) may leave some pages rendered: the next build,
    with the same setup, must render them all again to report the problem again."""
    kept = KeptBuild(tmp_path)
    kept.site.mkdir()
    (kept.site / "page.html").write_text("<p>ancienne</p>")
    kept.done("réglages")
    assert kept.start("réglages", []) is True  # finished build, same setup: reused
    assert kept.start("réglages", []) is False  # the last build did not call done()
    assert not kept.site.exists()


def test_another_setup_or_a_changed_file_is_rendered_again(tmp_path: Path) -> None:
    kept = KeptBuild(tmp_path)
    for page in ("index.html", "services/a/index.html", "services/b/index.html", "assets/falc.css"):
        (kept.site / page).parent.mkdir(parents=True, exist_ok=True)
        (kept.site / page).write_text("ancien")
    kept.done("réglages")
    assert kept.start("réglages", ["index.md", "services/a.md", "assets/falc.css"]) is True
    assert sorted(p.relative_to(kept.site).as_posix() for p in kept.site.rglob("*.*")) == [
        "services/b/index.html"
    ]
    kept.done("réglages")
    assert kept.start("autres réglages", []) is False  # another menu, theme or date: everything again
    assert not kept.site.exists()


def test_a_page_is_rendered_again_only_when_something_it_shows_changed(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages' Markdown is kept by what it is made of (`PageKeys`): a new sentence in a
    service renders the pages that show the service, and those only."""
    nothing_kept(monkeypatch, tmp_path / "kept")
    build(content_dir, tmp_path / "site", today=TODAY, flyers=False)
    rendered = _pages_rendered(monkeypatch)
    record = content_dir / "services" / "aide-alpha.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("vos trajets.", "vos trajets en bus."))
    build(content_dir, tmp_path / "site", today=TODAY, flyers=False)
    assert {"services/aide-alpha/", "territoires/alpha/jeunes/", "publics/jeunes/"} <= set(rendered)
    assert not {"glossaire/", "services/bus-departement/", "territoires/gamma/"} & set(rendered)

    assert _differs_from_a_full_build(content_dir, tmp_path / "site", monkeypatch, flyers=False) == []


def test_pages_kept_follow_a_service_to_another_audience(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A service for one more audience adds a page, and a button on the pages of its territory
    and of its communes, which ask which audiences have services there."""
    nothing_kept(monkeypatch, tmp_path / "kept")
    build(content_dir, tmp_path / "site", today=TODAY)
    record = content_dir / "services" / "aide-alpha.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("publics: [jeunes]", "publics: [jeunes, seniors]")
    )
    build(content_dir, tmp_path / "site", today=TODAY)
    assert "seniors/" in (tmp_path / "site" / "territoires" / "alpha" / "index.html").read_text()

    assert _differs_from_a_full_build(content_dir, tmp_path / "site", monkeypatch) == []


def test_a_page_made_of_what_its_key_cannot_tell_is_refused() -> None:
    """An object the key does not know could change unseen: it is an error, not a guess."""
    from generator.content.loader import load_content
    from generator.render.kept_markdown import PageKeys
    from generator.structure.pages import Page

    from .conftest import MINIMAL_CONTENT

    content, _ = load_content(MINIMAL_CONTENT, TODAY)
    assert content is not None
    keys = PageKeys(content, defer_blocks=True)
    page = Page("essai/", "home.md.j2", "Essai")
    assert keys.key(page, []) == PageKeys(content, defer_blocks=True).key(page, [])
    assert keys.key(page, []) != keys.key(Page("essai/", "home.md.j2", "Essai", context={"n": 1}), [])
    with pytest.raises(TypeError, match="object"):
        keys.key(Page("essai/", "home.md.j2", "Essai", context={"chose": object()}), [])


def _pages_rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The address of each page the next builds render (in this process: a small site)."""
    from generator.render.markdown import SiteRenderer

    rendered: list[str] = []
    render = SiteRenderer.render
    monkeypatch.setattr(
        SiteRenderer, "render", lambda self, page: rendered.append(page.url) or render(self, page)
    )
    return rendered


def test_the_site_a_build_replaces_is_brought_up_to_date_by_the_next(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The replaced site waits beside the published one (`spare_of`); the next build reuses its
    folders and links, and the result is the same as a full build's."""
    from generator.output.site_folder import spare_of

    nothing_kept(monkeypatch, tmp_path / "kept")
    site, spare = tmp_path / "site", spare_of(tmp_path / "site")
    build(content_dir, site, today=TODAY, flyers=False)
    assert not spare.exists()
    build(content_dir, site, today=TODAY, flyers=False)
    assert (spare / "services" / "plateforme-bassin" / "index.html").is_file()
    page = spare / "services" / "aide-alpha" / "index.html"
    page.unlink()
    page.write_text("une autre page à sa place")
    (spare / "de-trop.txt").write_text("rien à faire ici")

    (content_dir / "services" / "plateforme-bassin.yml").unlink()
    record = content_dir / "services" / "aide-alpha.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("vos trajets.", "vos trajets en bus."))
    build(content_dir, site, today=TODAY, flyers=False)
    assert not (site / "services" / "plateforme-bassin").exists() and not (site / "de-trop.txt").exists()
    glossary = site / "glossaire" / "index.html"
    assert glossary.samefile(KeptBuild(tmp_path / "kept" / "mkdocs").finished / "glossaire" / "index.html")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".construction-")]

    assert _differs_from_a_full_build(content_dir, site, monkeypatch, flyers=False) == []


def test_a_folder_in_the_spare_site_s_place_that_is_not_ours_is_left_alone(
    content_dir: Path, tmp_path: Path
) -> None:
    from generator.output.site_folder import spare_of

    spare = spare_of(tmp_path / "site")
    spare.mkdir()
    (spare / "notes.txt").write_text("à moi")
    for _ in range(3):
        build(content_dir, tmp_path / "site", today=TODAY, flyers=False)
    assert [p.name for p in spare.iterdir()] == ["notes.txt"]
    assert (tmp_path / "site" / "glossaire" / "index.html").is_file()
