"""The published site folder: built beside it, then put in place in one rename.

A failed build leaves the last good site untouched; a folder the generator
did not write is never replaced.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

OUTPUT_MARKER = ".genere-par-generator"  # proves a folder is ours before we replace it


class ForeignFolder(Exception):
    """The output folder exists and was not written by the generator."""


def refuse_foreign_folder(out_dir: Path) -> None:
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / OUTPUT_MARKER).exists():
        raise ForeignFolder(
            f"le dossier {out_dir} existe et ne vient pas du générateur : il ne sera pas remplacé. "
            "Choisissez un autre dossier avec --out, ou videz celui-ci."
        )


@contextmanager
def building_beside(out_dir: Path) -> Iterator[Path]:
    """A work folder beside `out_dir`; its `site/` replaces `out_dir` if the block succeeds."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".construction-", dir=out_dir.parent) as work:
        yield Path(work)
        new = Path(work) / "site"
        (new / OUTPUT_MARKER).write_text("Dossier écrit par python -m generator build.\n")
        _swap(new, out_dir, Path(work) / "ancien-site")


def _swap(new: Path, out_dir: Path, trash: Path) -> None:
    """Put the new site in place with two renames in the same folder."""
    if out_dir.exists():
        out_dir.rename(trash)
    new.rename(out_dir)
    shutil.rmtree(trash, ignore_errors=True)
