"""The published site folder: built beside it, then put in place in one rename.

A failed build leaves the last good site untouched; a folder the generator
did not write is never replaced. The site a build replaces is kept beside the
new one, hidden (`spare_of`): the next build brings it up to date instead of
making every folder and link again, then puts it in place.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
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


def spare_of(out_dir: Path) -> Path:
    """Where the site replaced by the last build waits for the next: ".site-precedent"."""
    return out_dir.with_name(f".{out_dir.name}-precedent")


@contextmanager
def building_beside(out_dir: Path) -> Iterator[Path]:
    """A work folder beside `out_dir`; its `site/` replaces `out_dir` if the block succeeds.
    `site/` starts as the spare site when there is one of ours, else it does not exist."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".construction-", dir=out_dir.parent) as work:
        new = Path(work) / "site"
        spare = spare_of(out_dir)
        if (spare / OUTPUT_MARKER).is_file():
            with suppress(OSError):  # another build took it first
                spare.rename(new)
        yield Path(work)
        (new / OUTPUT_MARKER).write_text("Dossier écrit par python -m generator build.\n")
        _swap(new, out_dir, Path(work) / "ancien-site", spare)


def _swap(new: Path, out_dir: Path, trash: Path, spare: Path) -> None:
    """Put the new site in place with two renames in the same folder; keep the old one as the
    spare, unless a folder is in the way (not ours, or another build's)."""
    if out_dir.exists():
        out_dir.rename(trash)
    new.rename(out_dir)
    if trash.exists():
        try:
            trash.rename(spare)
        except OSError:
            shutil.rmtree(trash, ignore_errors=True)
