"""What a change does: records added, changed and removed, and the pages and flyers they touch.

`python -m generator diff REV` compares the content at a git revision with
the working copy; the pull request workflow prints the same summary for
reviewers, who rarely read YAML.
"""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

from .content import Content
from .flyers import plan_flyers
from .pages import plan_pages
from .render import SiteRenderer
from .validate import load_content
from .yaml_loader import YamlDocument


class ChangeError(Exception):
    """The revision cannot be read (unknown revision, not a git repository)."""


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)  # record keys: "services/x"
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # record → changed fields
    pages_added: list[str] = field(default_factory=list)
    pages_removed: list[str] = field(default_factory=list)
    pages_changed: list[str] = field(default_factory=list)
    flyers_changed: list[str] = field(default_factory=list)

    def markdown(self, shown: int = 25) -> str:
        """The summary in French, as Markdown (the pull request's summary)."""
        if not (self.added or self.removed or self.changed):
            return "## Ce que change cette modification\n\nAucune fiche ne change.\n"
        lines = ["## Ce que change cette modification", ""]
        lines += _section("Fiches ajoutées", [f"`{k}`" for k in self.added], shown)
        lines += _section(
            "Fiches modifiées", [f"`{k}` : {', '.join(fields)}" for k, fields in self.changed.items()], shown
        )
        lines += _section("Fiches supprimées", [f"`{k}`" for k in self.removed], shown)
        lines += _section("Pages ajoutées", [f"`/{p}`" for p in self.pages_added], shown)
        lines += _section("Pages modifiées", [f"`/{p}`" for p in self.pages_changed], shown)
        lines += _section("Pages supprimées", [f"`/{p}`" for p in self.pages_removed], shown)
        lines += _section("Flyers à réimprimer", [f"`/{p}`" for p in self.flyers_changed], shown)
        return "\n".join(lines)


def _section(title: str, items: list[str], shown: int) -> list[str]:
    if not items:
        return []
    lines = [f"### {title} : {len(items)}", ""] + [f"- {item}" for item in items[:shown]]
    if len(items) > shown:
        lines.append(f"- … et {len(items) - shown} autres")
    return [*lines, ""]


def diff_revision(revision: str, content_dir: Path, today: date) -> Changes:
    """Compare the content folder at `revision` (git) with the working copy."""
    with tempfile.TemporaryDirectory() as folder:
        before_dir = _content_at(revision, content_dir, Path(folder))
        return compare(before_dir, content_dir, today)


def compare(before_dir: Path, after_dir: Path, today: date) -> Changes:
    before, before_problems = load_content(before_dir, today)
    after, after_problems = load_content(after_dir, today)
    if before is None or after is None:
        problems = (before_problems if before is None else after_problems)[:3]
        raise ChangeError("le contenu ne se lit pas : " + " ; ".join(p.format() for p in problems))
    changes = Changes()
    old, new = _records(before), _records(after)
    changes.added = sorted(set(new) - set(old))
    changes.removed = sorted(set(old) - set(new))
    for key in sorted(set(old) & set(new)):
        fields = _changed_fields(old[key], new[key])
        if fields:
            changes.changed[key] = fields
    old_pages, new_pages = _pages(before), _pages(after)
    changes.pages_added = sorted(set(new_pages) - set(old_pages))
    changes.pages_removed = sorted(set(old_pages) - set(new_pages))
    changes.pages_changed = sorted(p for p in set(old_pages) & set(new_pages) if old_pages[p] != new_pages[p])
    changes.flyers_changed = _changed_flyers(before, after)
    return changes


def _content_at(revision: str, content_dir: Path, destination: Path) -> Path:
    repository = _git(["rev-parse", "--show-toplevel"], content_dir).decode().strip()
    relative = content_dir.resolve().relative_to(repository).as_posix()
    archive = _git(["archive", revision, relative], Path(repository))
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(destination, filter="data")
    return destination / relative


def _git(arguments: list[str], folder: Path) -> bytes:
    result = subprocess.run(["git", *arguments], cwd=folder, capture_output=True, check=False)
    if result.returncode != 0:
        raise ChangeError(f"git {' '.join(arguments)} : {result.stderr.decode().strip()}")
    return result.stdout


def _records(content: Content) -> dict[str, Any]:
    return {
        key: document.data for key, document in content.origins.items() if isinstance(document, YamlDocument)
    }


def _changed_fields(old: Any, new: Any) -> list[str]:
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return [] if old == new else ["contenu"]
    return sorted(key for key in set(old) | set(new) if old.get(key) != new.get(key))


def _pages(content: Content) -> dict[str, str]:
    """Every page's Markdown, without flyers (they are compared apart)."""
    renderer = SiteRenderer(content)
    return {page.url: renderer.render(page) for page in plan_pages(content)}


def _changed_flyers(before: Content, after: Content) -> list[str]:
    """A flyer is printed again when its services, or what it shows of them, change."""
    old = {f.path: f for f in plan_flyers(before)}
    changed = []
    for flyer in plan_flyers(after):
        previous = old.get(flyer.path)
        if previous is None or previous != flyer:
            changed.append(flyer.path)
    return sorted(changed)
