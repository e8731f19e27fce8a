"""What a change does: records added, changed and removed, and the pages and flyers they touch.

`python -m generator diff REV` compares the content at a git revision with
the working copy; the pull request workflow prints the same summary for
reviewers, who rarely read YAML.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..content.records import Content
from ..content.yaml_loader import YamlDocument
from ..pipeline import BuildFailed, SitePlan, check, plan
from ..render.assets import MissingAsset
from ..render.markdown import SiteRenderer
from ..render.pdf import flyer_keys
from ..structure.flyers import plan_flyers


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

    def markdown(self, shown: int = 25, preview: str | None = None) -> str:
        """The summary in French, as Markdown (the pull request's summary and comment).

        With the address of a built `preview`, the pages and flyers it has are links to it:
        a reviewer opens a changed page in one click.
        """
        if not (self.added or self.removed or self.changed):
            return "## Ce que change cette modification\n\nAucune fiche ne change.\n"
        lines = ["## Ce que change cette modification", ""]
        if preview:
            lines += [
                f"[Ouvrir l'aperçu du site]({_link(preview, '')}) : le site tel qu'il sera après la fusion.",
                "",
            ]
        shown_in = _shown_in(preview)
        lines += _section("Fiches ajoutées", [f"`{k}`" for k in self.added], shown)
        lines += _section(
            "Fiches modifiées", [f"`{k}` : {', '.join(fields)}" for k, fields in self.changed.items()], shown
        )
        lines += _section("Fiches supprimées", [f"`{k}`" for k in self.removed], shown)
        lines += _section("Pages ajoutées", [shown_in(p) for p in self.pages_added], shown)
        lines += _section("Pages modifiées", [shown_in(p) for p in self.pages_changed], shown)
        lines += _section("Pages supprimées", [f"`/{p}`" for p in self.pages_removed], shown)
        lines += _section("Flyers à réimprimer", [shown_in(p) for p in self.flyers_changed], shown)
        return "\n".join(lines)


def _shown_in(preview: str | None) -> Callable[[str], str]:
    """How a page or flyer of the new site is named: its address, a link when there is a preview."""
    if not preview:
        return lambda path: f"`/{path}`"
    return lambda path: f"[`/{path}`]({_link(preview, path)})"


def _link(preview: str, path: str) -> str:
    return preview.rstrip("/") + "/" + quote(path)


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
    """What changes from one content folder to another: the build's own stages run on both."""
    before_site, after_site = _planned(before_dir, today), _planned(after_dir, today)
    before, after = before_site.content, after_site.content
    changes = Changes()
    old, new = _records(before), _records(after)
    changes.added = sorted(set(new) - set(old))
    changes.removed = sorted(set(old) - set(new))
    for key in sorted(set(old) & set(new)):
        fields = _changed_fields(old[key], new[key])
        if fields:
            changes.changed[key] = fields
    old_pages, new_pages = _pages(before_site), _pages(after_site)
    changes.pages_added = sorted(set(new_pages) - set(old_pages))
    changes.pages_removed = sorted(set(old_pages) - set(new_pages))
    changes.pages_changed = sorted(p for p in set(old_pages) & set(new_pages) if old_pages[p] != new_pages[p])
    try:
        changes.flyers_changed = _changed_flyers(before, after)
    except MissingAsset as missing:
        raise ChangeError(str(missing)) from None
    return changes


def _planned(content_dir: Path, today: date) -> SitePlan:
    """The site planned from one content folder, as `build` plans it (the flyers apart)."""
    try:
        return plan(check(content_dir, today), None, today)
    except BuildFailed as failure:
        shown = " ; ".join(p.format() for p in failure.problems[:3])
        raise ChangeError(f"le contenu ne se lit pas : {failure} {shown}".strip()) from None


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


def _pages(site: SitePlan) -> dict[str, str]:
    """Every page's Markdown, without flyers (they are compared apart)."""
    renderer = SiteRenderer(site.content)
    return {page.url: renderer.render(page) for page in site.pages}


def _changed_flyers(before: Content, after: Content) -> list[str]:
    """The flyers the printer will print again: those whose cache key is new (what they show changed)."""
    old = set(flyer_keys(plan_flyers(before), before).values())
    return sorted(path for path, key in flyer_keys(plan_flyers(after), after).items() if key not in old)


def run(arguments: argparse.Namespace) -> int:
    try:
        changes = diff_revision(arguments.revision, arguments.content, arguments.today)
    except ChangeError as error:
        print(f"Comparaison impossible : {error}", file=sys.stderr)
        return 1
    print(changes.markdown(preview=arguments.apercu))
    return 0
