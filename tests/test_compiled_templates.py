"""Templates compiled once and kept in the cache: a later build loads them instead of compiling
them again, and renders the same text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest

from generator.render import environment


def _fresh(kind: str, loader: jinja2.BaseLoader) -> jinja2.Environment:
    """An environment like a new build's: nothing compiled in memory yet."""
    return jinja2.Environment(loader=loader, bytecode_cache=environment.CompiledTemplates(kind))


def test_a_template_compiled_once_is_loaded_by_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path / "cache"))
    loader = jinja2.DictLoader({"hello.j2": "Bonjour {{ who }} !"})
    assert _fresh("pages", loader).get_template("hello.j2").render(who="Lina") == "Bonjour Lina !"
    assert list((tmp_path / "cache" / "templates").glob("pages-*/*.cache"))

    next_build = _fresh("pages", loader)
    monkeypatch.setattr(next_build, "compile", pytest.fail)  # loaded, never compiled
    assert next_build.get_template("hello.j2").render(who="Lina") == "Bonjour Lina !"


def test_a_damaged_compiled_template_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path / "cache"))
    loader = jinja2.DictLoader({"hello.j2": "Bonjour {{ who }} !"})
    _fresh("pages", loader).get_template("hello.j2")
    for kept in (tmp_path / "cache" / "templates").glob("pages-*/*.cache"):
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
    kept = tmp_path / "cache" / "templates"
    for older in ("pages-0123456789abcdef", "theme-0123456789abcdef"):
        (kept / older).mkdir(parents=True)
        (kept / older / "stale.cache").write_bytes(b"compiled with other options")
    _fresh("pages", jinja2.DictLoader({"hello.j2": "Bonjour"})).get_template("hello.j2")
    assert sorted(folder.name for folder in kept.iterdir()) == [
        environment.CompiledTemplates("pages").folder_name,
        "theme-0123456789abcdef",  # another environment's: left to it
    ]
    assert (
        environment.CompiledTemplates("theme", "mkdocs 1.6.1").folder_name
        != environment.CompiledTemplates("theme", "mkdocs 1.6.2").folder_name
    )  # the versions of the programs that set the environment count too


def test_a_cache_that_cannot_be_written_only_makes_the_build_slower(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "cache").write_text("a file where the cache folder should be")
    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path / "cache"))
    template = _fresh("pages", jinja2.DictLoader({"hello.j2": "Bonjour {{ who }} !"})).get_template(
        "hello.j2"
    )
    assert template.render(who="Lina") == "Bonjour Lina !"


@pytest.fixture
def new_environments() -> Iterator[None]:
    """Our environments as a new build's process makes them: none of their templates in memory."""
    _as_in_a_new_process()
    yield
    _as_in_a_new_process()


def _as_in_a_new_process() -> None:
    for made_once in (environment.page_environment, environment.document_environment):
        made_once.cache_clear()


@pytest.mark.usefixtures("new_environments")
def test_a_site_built_from_kept_templates_is_the_same(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ours and the theme's (MkDocs compiles them at every build): kept, they give the same bytes."""
    from generator.pipeline import build

    from .conftest import TODAY
    from .test_kept_build import _same_tree, nothing_kept

    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr("generator.pipeline.site_builder_cache", lambda: tmp_path / "kept-1")
    build(content_dir, tmp_path / "compiled", today=TODAY, flyers=False)
    kept = tmp_path / "cache" / "templates"
    assert list(kept.glob("theme-*/*.cache")) and list(kept.glob("pages-*/*.cache"))

    compiled: list[str | None] = []
    real_compile = jinja2.Environment.compile
    monkeypatch.setattr(
        jinja2.Environment,
        "compile",
        lambda self, source, name=None, *rest: (
            compiled.append(name) or real_compile(self, source, name, *rest)
        ),
    )
    _as_in_a_new_process()
    nothing_kept(monkeypatch, tmp_path / "kept-2")
    build(content_dir, tmp_path / "read-back", today=TODAY, flyers=False)
    assert compiled == ["contribuer.md.j2"]  # the guide's one template, 8 ms: every other one read back
    assert _same_tree(tmp_path / "compiled", tmp_path / "read-back") == []
