"""Shared fixtures: copies of the example content, and sites built once per session.

Every test session has a cache folder of its own (language analyses, PDFs,
fonts), removed at the end: a test never reads what a developer's build left,
nor leaves anything behind. The real site is built from a copy of `content/`,
so that nothing is ever written into the repository.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

_SESSION_CACHE = Path(tempfile.mkdtemp(prefix="generator-tests-cache-"))
os.environ["GENERATOR_CACHE"] = str(_SESSION_CACHE)  # before the generator is imported
# No language-analysis worker outlives a test (tests/test_falc.py starts and stops its own).
os.environ["GENERATOR_ANALYSES_WORKER"] = "non"
os.environ["GENERATOR_BUILD_WORKER"] = (
    "non"  # every command in its own process (tests/test_warm_start.py aside)
)

from generator.content.loader import load_content  # noqa: E402
from generator.pipeline import build  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
MINIMAL_CONTENT = FIXTURES / "contenu-minimal"
REAL_CONTENT = ROOT / "content"
TODAY = date(2026, 11, 22)  # the day the example content is judged on


def real_content_today() -> date:
    """The day the real content is judged on: its newest check, never the clock.

    So no record is ever "in the future", and no test result depends on the
    day the tests run.
    """
    content, _ = load_content(REAL_CONTENT, date.max)
    assert content is not None, "the real content must load"
    checks = [
        r.verifie_le for r in [*content.services.values(), *content.help_desks.values(), *content.advice]
    ]
    return max(checks, default=TODAY)


@pytest.fixture(scope="session", autouse=True)
def _session_cache() -> Iterator[Path]:
    yield _SESSION_CACHE
    shutil.rmtree(_SESSION_CACHE, ignore_errors=True)


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A writable copy of the small example content, to break on purpose."""
    return Path(shutil.copytree(MINIMAL_CONTENT, tmp_path / "content"))


def numbered_copies(
    content_dir: Path, service: str, count: int, changes: dict[str, str] | None = None
) -> None:
    """`count` copies of the example's service `service`, in `<service>-01.yml`…, named
    "<its name> numéro 1"…, with `changes` (text → replacement) made in each."""
    model = (content_dir / "services" / f"{service}.yml").read_text(encoding="utf-8")
    for old, new in (changes or {}).items():
        model = model.replace(old, new)
    name = re.search(r"^nom: (.+)$", model, re.MULTILINE)
    assert name is not None
    for number in range(1, count + 1):
        record = model.replace(name.group(0), f"{name.group(0)} numéro {number}", 1)
        (content_dir / "services" / f"{service}-{number:02}.yml").write_text(record, encoding="utf-8")


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("minimal") / "site"
    build(MINIMAL_CONTENT, out, today=TODAY)
    return out


@pytest.fixture(scope="session")
def real_content_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the real content: the build writes the list of published addresses into it."""
    return Path(shutil.copytree(REAL_CONTENT, tmp_path_factory.mktemp("real") / "content"))


@pytest.fixture(scope="session")
def real_site(real_content_copy: Path) -> Path:
    out = real_content_copy.parent / "site"
    build(real_content_copy, out, today=real_content_today())
    return out
