"""Templates compiled once and kept in the cache: a later build loads them instead of compiling
them again, and renders the same text."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generator.render import environment


def _fresh(kind: str, loader: jinja2.BaseLoader) -> jinja2.Environment:
    """An environment like a new build's: nothing compiled in memory yet."""
    return jinja2.Environment(loader=loader, bytecode_cache=environment._CompiledTemplates(kind))


def test_a_template_compiled_once_is_loaded_by_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path / "cache"))
    loader = jinja2.DictLoader({"hello.j2": "Bonjour {{ who }} !"})
    assert _fresh("pages", loader).get_template("hello.j2").render(who="Lina") == "Bonjour Lina !"
    assert list((tmp_path / "cache" / "templates").glob("*/pages/*.cache"))

    next_build = _fresh("pages", loader)
    monkeypatch.setattr(next_build, "compile", pytest.fail)  # loaded, never compiled
    assert next_build.get_template("hello.j2").render(who="Lina") == "Bonjour Lina !"


def test_a_damaged_compiled_template_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path / "cache"))
    loader = jinja2.DictLoader({"hello.j2": "Bonjour {{ who }} !"})
    _fresh("pages", loader).get_template("hello.j2")
    for kept in (tmp_path / "cache" / "templates").glob("*/pages/*.cache"):
        kept.write_bytes(kept.read_bytes()[:40])  # a copy cut short
    assert _fresh("pages", loader).get_template("hello.j2").render(who="Lina") == "Bonjour Lina !"


def test_an_edited_template_is_compiled_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path / "cache"))
    _fresh("pages", jinja2.DictLoader({"hello.j2": "Bonjour {{ who }} !"})).get_template("hello.j2")
    edited = _fresh("pages", jinja2.DictLoader({"hello.j2": "Au revoir {{ who }} !"}))
    assert edited.get_template("hello.j2").render(who="Lina") == "Au revoir Lina !"


def test_templates_compiled_by_an_older_code_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The environment's options change the compiled code, and Jinja does not check them."""
    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path / "cache"))
    older = tmp_path / "cache" / "templates" / "0123456789abcdef" / "pages"
    older.mkdir(parents=True)
    (older / "stale.cache").write_bytes(b"compiled with other options")
    _fresh("pages", jinja2.DictLoader({"hello.j2": "Bonjour"})).get_template("hello.j2")
    assert not older.exists()
    assert [folder.name for folder in (tmp_path / "cache" / "templates").iterdir()] == [environment._code()]


def test_a_cache_that_cannot_be_written_only_makes_the_build_slower(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "cache").write_text("a file where the cache folder should be")
    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path / "cache"))
    template = _fresh("pages", jinja2.DictLoader({"hello.j2": "Bonjour {{ who }} !"})).get_template(
        "hello.j2"
    )
    assert template.render(who="Lina") == "Bonjour Lina !"
