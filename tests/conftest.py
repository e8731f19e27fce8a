"""Shared fixtures: copies of the example content, and sites built once per session."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.build import build_site

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
MINIMAL_CONTENT = FIXTURES / "contenu-minimal"
REAL_CONTENT = ROOT / "content"
TODAY = date(2026, 11, 22)


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A writable copy of the small example content, to break on purpose."""
    return Path(shutil.copytree(MINIMAL_CONTENT, tmp_path / "content"))


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("minimal") / "site"
    build_site(MINIMAL_CONTENT, out, today=TODAY)
    return out


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("real") / "site"
    build_site(REAL_CONTENT, out, today=date.today())
    return out
