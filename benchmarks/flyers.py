"""Cold flyer printing at region scale (not a test: it prints figures).

    .venv/bin/python benchmarks/flyers.py [--dossier build/benchmark-flyers] [--un-sur 1] [--reference REV]

Makes the generated region of `benchmarks/region.py`, then fits every planned
flyer without a cache, as a cold build does (guess each layout, print, print
again what does not fit), and reports the planned flyers, the sheets, the
prints and the time. `--un-sur 8` takes one planned flyer in eight.

With `--reference REV`, the same is measured for another revision of the
generator (a git worktree), one run after the other: a machine's speed varies
from one hour to the next, their ratio holds.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.region import make_region

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 30)  # the generated records are valid on this day


def measure(content: Path, one_in: int) -> dict[str, float]:
    """Fit the flyers with the generator found first on `sys.path` (this checkout, or the
    worktree the parent process names)."""
    from generator.content.loader import load_content
    from generator.render import pdf
    from generator.structure.flyers import plan_flyers

    loaded, _ = load_content(content, TODAY)
    assert loaded is not None, "contenu invalide"
    flyers = plan_flyers(loaded)[::one_in]
    printer = pdf._Printer(2, pdf.PrintedDocuments(None, pdf.flyer_salt()))
    start = time.perf_counter()
    fitted = pdf._fit(flyers, loaded, printer)
    seconds = time.perf_counter() - start
    return {
        "planned": len(flyers),
        "sheets": sum(len(each.printed) for each in fitted.values()),
        "prints": printer.documents.printed,
        "seconds": seconds,
    }


def run(tree: Path, content: Path, one_in: int) -> dict[str, float]:
    """`measure` in a fresh process, with the generator of `tree`."""
    command = [
        sys.executable,
        __file__,
        "--mesurer",
        str(content),
        "--un-sur",
        str(one_in),
        "--code",
        str(tree),
    ]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"la mesure de {tree} a échoué :\n{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def report(label: str, figures: dict[str, float]) -> None:
    print(
        f"{label:12} {figures['planned']:5.0f} flyers prévus, {figures['sheets']:5.0f} feuilles, "
        f"{figures['prints']:5.0f} impressions, {figures['seconds']:6.1f} s, "
        f"{figures['seconds'] / figures['planned']:.3f} s par flyer prévu"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dossier", type=Path, default=ROOT / "build" / "benchmark-flyers")
    parser.add_argument("--un-sur", type=int, default=1, help="un flyer prévu sur N")
    parser.add_argument("--reference", help="une autre révision, mesurée juste avant")
    parser.add_argument("--mesurer", type=Path, help=argparse.SUPPRESS)  # in the child process
    parser.add_argument("--code", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.mesurer:
        sys.path.insert(0, str(arguments.code))  # this generator, not the checkout's
        print(json.dumps(measure(arguments.mesurer, arguments.un_sur)))
        return
    content = arguments.dossier / "contenu-region"
    if not content.is_dir():
        make_region(content)
    if arguments.reference:
        with tempfile.TemporaryDirectory() as folder:
            tree = Path(folder) / "reference"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(tree),
                            arguments.reference], check=True)  # fmt: skip
            fonts = tree / "node_modules"  # the printer's fonts, installed by npm in this checkout
            fonts.symlink_to(ROOT / "node_modules")
            try:
                reference = run(tree, content, arguments.un_sur)
            finally:
                fonts.unlink()
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=True
                )
        report(arguments.reference[:12], reference)
    this = run(ROOT, content, arguments.un_sur)
    report("ce code", this)
    if arguments.reference:
        print(
            f"rapport : {this['seconds'] / reference['seconds']:.2f} fois le temps de {arguments.reference}"
        )


if __name__ == "__main__":
    main()
