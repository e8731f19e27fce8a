"""Does the build grow linearly? Time per page at several sizes (not a test: it prints figures).

    .venv/bin/python benchmarks/growth.py [--facteurs 1 3 10] [--flyers-jusqua 3]

For each factor, content `factor` times the real basin is made (benchmarks/region.py:
`factor` basins, their territories, communes and services, every sentence unique),
then built in a fresh process, its FALC analyses already in the benchmark's own cache
(a first `check` fills it), so that the figure is the build's own cost:

- the pages without flyers, at every factor;
- the pages with flyers, up to `--flyers-jusqua` (a cold print of every flyer is long).

A flat time per page means linear growth. The peak memory is the operating system's.
The largest territory page and audience-territory page (HTML, in KB) must stay flat too:
they list what is local and link to the basin's services when those are too many.
Beyond ten times the basin, the region gets more departments (benchmarks/region.py:
`departements`), as INSEE codes allow 999 communes per department.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.region import ROOT, Measure, Scale, make_region, run


@dataclass
class Built:
    label: str
    measured: Measure
    pages: int
    largest_territory_kb: float  # territoires/<territory>/
    largest_pair_kb: float  # territoires/<territory>/<audience>/


def built(label: str, measured: Measure, site: Path, basin_id: str) -> Built:
    # The basin's own pages are among the territories' (territoires/<basin>/): their length is the region's.
    territories = [p for p in site.glob("territoires/*/index.html") if p.parent.name != basin_id]
    pairs = [p for p in site.glob("territoires/*/*/index.html") if p.parent.parent.name != basin_id]
    return Built(
        label,
        measured,
        sum(1 for _ in site.rglob("index.html")),
        max(p.stat().st_size for p in territories) / 1000,
        max(p.stat().st_size for p in pairs) / 1000,
    )


def measure(factor: int, work: Path, with_flyers: bool) -> list[Built]:
    content, cache, site = work / f"contenu-{factor}x", work / f"cache-{factor}x", work / f"site-{factor}x"
    make_region(content, Scale.times_basin(factor))
    shutil.rmtree(cache, ignore_errors=True)
    run(["generator", "check", "--content", str(content)], cache)  # the analyses, once
    basin_id = yaml.safe_load((content / "bassin.yml").read_text(encoding="utf-8"))["id"]
    build = ["generator", "build", "--content", str(content), "--out", str(site)]
    results = []
    for label, arguments in (("sans flyers", [*build, "--sans-flyers"]), ("avec flyers", build)):
        if label == "avec flyers" and not with_flyers:
            continue
        shutil.rmtree(site, ignore_errors=True)
        results.append(built(label, run(arguments, cache), site, basin_id))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facteurs", type=int, nargs="+", default=[1, 3, 10])
    parser.add_argument("--flyers-jusqua", type=int, default=3)
    parser.add_argument("--dossier", type=Path, default=ROOT / "build" / "croissance")
    arguments = parser.parse_args()
    # The measured builds analyse no new sentence (the check before them did): no language-analysis
    # worker to start, nor to leave running after the measure (falc/worker.py).
    os.environ["GENERATOR_ANALYSES_WORKER"] = "non"
    work = arguments.dossier.resolve()
    work.mkdir(parents=True, exist_ok=True)
    print(
        f"{'taille':>8} {'construction':<12} {'pages':>7} {'temps':>8} {'ms par page':>12} {'mémoire':>9} "
        f"{'territoire':>11} {'public et territoire':>21}"
    )
    for factor in arguments.facteurs:
        for one in measure(factor, work, factor <= arguments.flyers_jusqua):
            seconds = one.measured.seconds
            print(
                f"{factor:>6} x {one.label:<12} {one.pages:>7} {seconds:>6.1f} s "
                f"{1000 * seconds / one.pages:>12.1f} {one.measured.peak_megabytes:>6.0f} Mo "
                f"{one.largest_territory_kb:>8.1f} Ko {one.largest_pair_kb:>18.1f} Ko"
            )


if __name__ == "__main__":
    main()
