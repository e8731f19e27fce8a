"""The pipeline's stages can be seen in the folders, and each imports only from the stages below.

content/    read, validate, query the records          (and locations.py: where files are;
            background.py: how a command reaches the processes that outlive it)
falc/       lint the texts a citizen reads
structure/  addresses, pages, navigation, flyer plan
export/     open data, data·inclusion, coverage, schemas, contributor guide
render/     templates, Markdown, flyer HTML, PDF, charts, assets
output/     the MkDocs adapter, the writer, the published folder
pipeline.py the four stages, run by every command
commands/   one module per command; cli.py parses and dispatches; warm_start.py starts
            builds and checks from a process that has the generator imported already
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "generator"
RANKS = {
    "locations": 0, "background": 0, "content": 0, "falc": 1, "structure": 2, "export": 3, "render": 4, "output": 5,
    "pipeline": 6, "commands": 7, "cli": 8, "warm_start": 8, "__main__": 9,
}  # fmt: skip


def stage_of(module: str) -> str:
    """ "generator.render.pdf" → "render"."""
    return module.split(".")[1]


def imports_of(path: Path) -> set[str]:
    """The generator modules a file imports, as absolute names."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                name = f"{base}.{node.module}" if node.module else base
            else:
                name = node.module or ""
            if name.startswith("generator."):
                found.add(name)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("generator.")}
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py")


@pytest.mark.parametrize("path", MODULES, ids=[p.relative_to(PACKAGE).as_posix() for p in MODULES])
def test_each_stage_imports_only_from_the_stages_below(path: Path) -> None:
    own = stage_of(".".join(path.relative_to(ROOT).with_suffix("").parts))
    assert own in RANKS, f"{path}: a folder or module that is not a stage of the pipeline"
    upward = [name for name in imports_of(path) if RANKS[stage_of(name)] > RANKS[own]]
    assert upward == [], f"{own} must not import from a later stage"


def test_the_layout_check_sees_relative_imports() -> None:
    found = imports_of(PACKAGE / "render" / "pdf.py")
    assert {"generator.structure.flyers", "generator.render.flyer_html", "generator.locations"} <= found


def test_only_the_command_line_reads_the_clock() -> None:
    readers = [
        path.relative_to(ROOT).as_posix()
        for path in PACKAGE.rglob("*.py")
        if re.search(r"\b(date\.today|datetime\.now|datetime\.today|time\.time)\(", path.read_text())
    ]
    assert readers == ["generator/cli.py"]


def test_no_template_builds_an_address_by_hand() -> None:
    """Templates ask `urls` for addresses: "services/" ~ id would drift from the plan."""
    templates = PACKAGE / "render" / "templates"
    for path in templates.rglob("*.j2"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""to\(\s*["'][a-z]""", text), path
        assert not re.search(r"""["'](publics|territoires|services|flyers|donnees)/["']\s*~""", text), path
