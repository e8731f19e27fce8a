"""Write the generated files into the site builder's folder: each path once, only what changed.

Two outputs at one path would silently lose one of them (a redirection over a
live flyer, two pages at one address): the writer refuses it. Files no longer
produced are removed, and unchanged files are not rewritten, so that the live
preview reloads exactly what changed.
"""

from __future__ import annotations

from pathlib import Path

from ..locations import files_under


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

    def write(self, folder: Path) -> list[str]:
        """Write into `folder`; return the paths that changed (written or removed), sorted."""
        changed = [path for path, data in self.files.items() if _write_if_changed(folder / path, data)]
        for path in files_under(folder):
            if path not in self.files:
                (folder / path).unlink()
                changed.append(path)
        return sorted(changed)


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True
