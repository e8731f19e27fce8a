"""The file helpers every build uses on the whole site."""

from __future__ import annotations

from pathlib import Path

from generator.locations import files_under, remove_files_but


def _tree(folder: Path, *names: str) -> None:
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(name)


def test_files_under_lists_files_only_relative_and_sorted(tmp_path: Path) -> None:
    _tree(tmp_path, "index.html", "services/b/index.html", "services/a/index.html", "flyers/a.pdf")
    (tmp_path / "empty").mkdir()
    assert files_under(tmp_path) == [
        "flyers/a.pdf", "index.html", "services/a/index.html", "services/b/index.html",
    ]  # fmt: skip
    assert files_under(tmp_path, ".html") == ["index.html", "services/a/index.html", "services/b/index.html"]
    assert files_under(tmp_path / "missing") == []


def test_remove_files_but_keeps_what_is_named_and_removes_the_folders_left_empty(tmp_path: Path) -> None:
    _tree(tmp_path, "index.html", "services/a/index.html", "services/a/b/c.txt", "old/deep/page.html")
    remove_files_but(tmp_path, {"index.html", "services/a/index.html"})
    assert files_under(tmp_path) == ["index.html", "services/a/index.html"]
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a", "index.html", "index.html", "services"]
