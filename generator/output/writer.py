"""Write the generated files into the site builder's folder: each path once, only what changed.

Two outputs at one path would silently lose one of them (a redirection over a
live flyer, two pages at one address): the writer refuses it. Files no longer
produced are removed, and unchanged files are not rewritten, so that the live
preview reloads exactly what changed.
"""

from __future__ import annotations

from pathlib import Path


class DuplicateOutput(Exception):
    """Two outputs for one path: a bug in the plan (content mistakes are caught before)."""


class SiteFiles:
    """The files of one build, by their path in the site, gathered before anything is written."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def add(self, path: str, data: bytes) -> None:
        if path in self.files:
            raise DuplicateOutput(f"two outputs would be written to {path}")
        self.files[path] = data

    def add_all(self, files: dict[str, bytes]) -> None:
        for path, data in files.items():
            self.add(path, data)

    def write(self, folder: Path) -> int:
        """Write into `folder`; return how many files changed (written or removed)."""
        outputs = {folder / path: data for path, data in self.files.items()}
        changed = sum(_write_if_changed(path, data) for path, data in outputs.items())
        if folder.is_dir():
            for stale in [p for p in folder.rglob("*") if p.is_file() and p not in outputs]:
                stale.unlink()
                changed += 1
        return changed


def _write_if_changed(path: Path, data: bytes) -> int:
    if path.is_file() and path.read_bytes() == data:
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return 1
