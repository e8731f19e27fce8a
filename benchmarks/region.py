"""Benchmark at region scale, and on the real basin (not a test: it prints figures).

    .venv/bin/python benchmarks/region.py [--dossier build/benchmark] [--sans-reference-region]

The region content is made from the real basin, multiplied to the size of the
Hauts-de-France (10 mobility basins): about 1 400 services, 92 territories,
3 800 communes, the 5 audiences. Every sentence is made unique (a town name
is added), so that the FALC analysis does real work.

Each measure runs `python -m generator` in a fresh process, and reads its
peak memory from the operating system. The same pages are also built by a
plain mkdocs-material configuration (navigation listing every page), to show
what our configuration saves: the ratios compare the two.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.hugo_reference import HUGO, hugo_site
from benchmarks.hugo_reference import build as hugo_build

ROOT = Path(__file__).resolve().parent.parent
REAL_CONTENT = ROOT / "content"


@dataclass(frozen=True)
class Scale:
    basins: int
    territories: int
    communes: int
    services: int

    @classmethod
    def times_basin(cls, factor: int) -> Scale:
        """`factor` times the real basin (13 territories, 417 communes, 47 services), in `factor` basins."""
        return cls(factor, 13 * factor, 417 * factor, 47 * factor)


REGION = Scale(basins=10, territories=92, communes=3800, services=1400)  # the Hauts-de-France
DEPARTEMENTS = [("aisne", "02", "Aisne"), ("nord", "59", "Nord"), ("oise", "60", "Oise"),
                ("pas-de-calais", "62", "Pas-de-Calais"), ("somme", "80", "Somme")]  # fmt: skip
COMMUNES_PER_DEPARTEMENT = 900  # an INSEE code has 3 digits after the department's: 999 at most


def departements(scale: Scale) -> list[tuple[str, str, str]]:
    """The region's five departments; beyond about ten basins, more departments (other real
    codes, invented names) so that each keeps under 999 communes."""
    wanted = max(len(DEPARTEMENTS), math.ceil(scale.communes / COMMUNES_PER_DEPARTEMENT))
    used = {code for _, code, _ in DEPARTEMENTS}
    others = [f"{number:02d}" for number in range(1, 96) if f"{number:02d}" not in used and number != 20]
    if wanted > len(DEPARTEMENTS) + len(others):
        raise SystemExit(
            f"trop de communes : {scale.communes}, {COMMUNES_PER_DEPARTEMENT} par département au plus."
        )
    extra = [(f"departement-{code}", code, f"Département {code}") for code in others]
    return DEPARTEMENTS + extra[: wanted - len(DEPARTEMENTS)]


TEXT_FIELDS = ("description", "pour_qui", "conditions", "comment_faire", "cout", "ou", "quand")


@dataclass
class Measure:
    seconds: float
    peak_megabytes: float | None  # None: run by the warm process (warm_start.py), not measured
    flyers_printed: int = 0  # planned flyers printed (not taken from the cache), from the build report


def run(arguments: list[str], cache: Path, warm: bool = False) -> Measure:
    """Run the generator in a fresh process; its time and peak memory (with its own workers).
    With `warm`, the command is forked from the warm process: its memory is not ours to count."""
    environment = {
        **os.environ, "GENERATOR_CACHE": str(cache), "GENERATOR_BUILD_WORKER": "oui" if warm else "non"
    }  # fmt: skip
    with tempfile.TemporaryFile() as output:  # a pipe would fill up and block the build
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", *arguments], cwd=ROOT, env=environment, stdout=output, stderr=output
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        output.seek(0)
        report = output.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"échec de {' '.join(arguments)} : {report[-3000:]}")
    printed = re.search(r"^Flyers : .* (\d+) imprimés", report, re.MULTILINE)
    peak = None if warm else usage.ru_maxrss / 1024
    return Measure(seconds, peak, int(printed.group(1)) if printed else 0)


# --- Region content -----------------------------------------------------------


def make_region(folder: Path, scale: Scale = REGION) -> None:
    random.seed(2026)
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "services").mkdir(parents=True)
    (folder / "territoires").mkdir()
    shutil.copytree(REAL_CONTENT / "publics", folder / "publics")
    shutil.copy(REAL_CONTENT / "glossaire.yml", folder)
    basin = yaml.safe_load((REAL_CONTENT / "bassin.yml").read_text())
    basin |= {
        "id": "hauts-de-france", "nom": "Hauts-de-France", "dans": "dans les Hauts-de-France",
        "titre_site": "Se déplacer dans les Hauts-de-France",
        "departements": [
            {"id": i, "code": c, "nom": n, "dans": f"dans le département {n}"}
            for i, c, n in departements(scale)
        ],
    }  # fmt: skip
    _dump(folder / "bassin.yml", basin)
    territories = _make_territories(folder, scale)
    _make_services(folder, territories, scale)


def _make_territories(folder: Path, scale: Scale) -> list[list[str]]:
    """The territories of each basin, with their communes; returns the territory ids of each basin."""
    real = [yaml.safe_load(p.read_text()) for p in sorted((REAL_CONTENT / "territoires").glob("*.yml"))]
    by_basin: list[list[str]] = [[] for _ in range(scale.basins)]
    region_departements = departements(scale)
    next_code = {code: 1 for _, code, _ in region_departements}
    for number in range(scale.territories):
        model = real[number % len(real)]
        departement_id, code, _ = region_departements[number % len(region_departements)]
        count = scale.communes // scale.territories + (
            1 if number < scale.communes % scale.territories else 0
        )
        communes = []
        for _ in range(count):
            if next_code[code] > 999:  # an INSEE code is the department's 2 digits and 3 more
                raise SystemExit(f"trop de communes pour le département {code} : 999 au plus.")
            insee = f"{code}{next_code[code]:03d}"
            next_code[code] += 1
            communes.append(
                {"insee": insee, "nom": f"Commune {insee}", "codes_postaux": [f"{code}{insee[2:]}0"[:5]]}
            )
        territory_id = f"territoire-{number + 1}"
        _dump(folder / "territoires" / f"{territory_id}.yml", {
            "libelle": f"{model['libelle']} {number + 1}", "dans": f"{model['dans']} {number + 1}",
            "siren": f"{200000000 + number}", "nom": f"{model['nom']} {number + 1}",
            "nature": model["nature"],
            "departement": departement_id, "communes": communes,
        })  # fmt: skip
        by_basin[number % scale.basins].append(territory_id)
    return by_basin


def _make_services(folder: Path, by_basin: list[list[str]], scale: Scale) -> None:
    real = {p.stem: yaml.safe_load(p.read_text()) for p in sorted((REAL_CONTENT / "services").glob("*.yml"))}
    models = list(real.items())
    region_departements = departements(scale)
    for number in range(scale.services):
        service_id, model = models[number % len(models)]
        basin = number % scale.basins
        town = f"Ville{number + 1}"
        record = dict(model) | {"nom": f"{model['nom']} {number + 1}"}
        for field in TEXT_FIELDS:
            if record.get(field):
                record[field] = "\n".join(
                    _with_town(line, town) for line in record[field].splitlines() if line.strip()
                )
        choice = random.random()
        if choice < 0.02:
            record["territoires"] = ["hauts-de-france"]
        elif choice < 0.07:
            record["territoires"] = [random.choice(region_departements)[0]]
        else:
            record["territoires"] = random.sample(by_basin[basin], k=random.randint(1, 3))
        record.pop("falc_exceptions", None)  # the exceptions name fields whose text changed
        record.pop("remplace_par", None)  # it names services by their real ids
        _dump(folder / "services" / f"{service_id}-{number + 1}.yml", record)


def _with_town(line: str, town: str) -> str:
    """'Appelez la mairie.' → 'Appelez la mairie à Ville12.': every sentence becomes unique."""
    return re.sub(r"([.!?…])$", f" à {town}\\1", line) if re.search(r"[.!?…]$", line) else f"{line} à {town}"


def _dump(path: Path, data: object) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


# --- Measures -----------------------------------------------------------------


def measure(content: Path, work: Path, label: str) -> dict[str, Measure | str]:
    cache = work / f"cache-{label}"
    shutil.rmtree(cache, ignore_errors=True)
    site = work / f"site-{label}"
    shutil.rmtree(site, ignore_errors=True)
    check = ["generator", "check", "--content", str(content)]
    build = ["generator", "build", "--content", str(content), "--out", str(site)]
    results: dict[str, Measure | str] = {
        "vérification, à froid (analyse FALC)": run(check, cache),
        "vérification": run(check, cache),
        "pages, sans flyers": run([*build, "--sans-flyers"], cache),
        "complet, flyers à froid": run(build, cache),
    }
    # One record changes its first sentence: its pages, its flyers and its data are made again.
    # The cold check started the language-analysis worker (falc/worker.py): stopped, the first
    # edit starts it again, as a contributor's first edit of the day; the next edit finds it ready.
    first, second = sorted((content / "services").glob("*.yml"))[:2]
    stop_background_processes(cache)
    results["après une fiche modifiée"] = edited_build(first, build, cache, site)
    results["après le retour de la fiche"] = run(build, cache)
    results["une autre fiche, l'analyseur prêt"] = edited_build(second, build, cache, site)
    # What a contributor gets from the second command on: a warm process forks each one. The
    # same record as the last edit, another sentence: the same pages and flyers to make again.
    start_warm_process(cache)
    results["rien de changé, démarrage chaud"] = run(build, cache, warm=True)
    results["la même fiche, démarrage chaud"] = edited_build(
        second, build, cache, site, warm=True, change="modifiée de nouveau pour la mesure"
    )
    stop_background_processes(cache)
    cold, pages = results["complet, flyers à froid"], results["pages, sans flyers"]
    assert isinstance(cold, Measure) and isinstance(pages, Measure)
    results["flyers imprimés à froid, par seconde"] = (
        f"{cold.flyers_printed / (cold.seconds - pages.seconds):.1f} "
        f"({cold.flyers_printed} flyers prévus en {cold.seconds - pages.seconds:.1f} s de plus que les pages)"
    )
    results["taille du site"] = _size(site)
    results["pages"] = str(sum(1 for _ in site.rglob("index.html")))
    return results


def edited_build(
    record: Path,
    build: list[str],
    cache: Path,
    site: Path,
    warm: bool = False,
    change: str = "modifiée pour la mesure",
) -> Measure:
    """The build after `record` got a new first sentence, checked on its page; then restored."""
    page = site / "services" / record.stem / "index.html"
    with edited_record(record, change) as sentence:
        measured = run(build, cache, warm)
        if sentence not in page.read_text(encoding="utf-8"):
            raise SystemExit(f"la modification de {record.name} n'a pas changé sa page : mesure fausse.")
    return measured


def stop_background_processes(cache: Path) -> None:
    """The analysis worker and the warm process the measures started must not outlive them (nor
    weigh on the next one)."""
    _in_generator(
        "from generator.falc.worker import stop_worker; from generator.warm_start import stop_warm_process; "
        "stop_worker(); stop_warm_process()",
        cache,
    )


def start_warm_process(cache: Path) -> None:
    """A warm process for the commands measured warm, ready before they start."""
    _in_generator(
        "from generator.warm_start import start_in_background, wait_until_warm; "
        "start_in_background(); assert wait_until_warm()",
        cache,
    )


def _in_generator(code: str, cache: Path) -> None:
    environment = {**os.environ, "GENERATOR_CACHE": str(cache), "GENERATOR_BUILD_WORKER": "oui"}
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, check=True)


@contextmanager
def edited_record(record: Path, change: str = "modifiée pour la mesure") -> Iterator[str]:
    """The record with a new first sentence (a real edit, read back as YAML); restored after."""
    original = record.read_text(encoding="utf-8")
    data = yaml.safe_load(original)
    lines = data["description"].splitlines()
    sentence = f"{lines[0].removesuffix('.')}, {change}."
    data["description"] = "\n".join([sentence, *lines[1:]])
    _dump(record, data)
    try:
        yield sentence
    finally:
        record.write_text(original, encoding="utf-8")


def plain_docs(content: Path, work: Path) -> Path:
    """The Markdown pages the generator writes for MkDocs, in a folder of the benchmark's."""
    from datetime import date

    from generator.pipeline import check, docs_files, plan

    # The language analyses of the region go to the benchmark's folder, not to the project's cache.
    os.environ["GENERATOR_CACHE"] = str(work / "cache-plain")
    os.environ["GENERATOR_ANALYSES_WORKER"] = "non"  # not measured: no worker left behind
    checked = check(content, date.max)  # no record is ever in the future of date.max
    docs = work / "plain-docs"
    shutil.rmtree(docs, ignore_errors=True)
    docs_files(plan(checked, None, date.max)).write(docs)
    return docs


def plain_mkdocs(docs: Path, work: Path) -> Measure:
    """The same Markdown pages, built by mkdocs-material with its defaults (every page in the navigation)."""
    (work / "plain-mkdocs.yml").write_text(
        f"site_name: Référence\ndocs_dir: {docs}\nsite_dir: {work / 'plain-site'}\n"
        "theme:\n  name: material\n  language: fr\nplugins:\n  - search\n"
        "markdown_extensions: [attr_list, md_in_html, nl2br, tables, toc]\n"
    )
    return run(
        ["mkdocs", "build", "--quiet", "--config-file", str(work / "plain-mkdocs.yml")], work / "cache-plain"
    )


def _size(folder: Path) -> str:
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return f"{total / 1024 / 1024:.1f} Mo"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossier", type=Path, default=ROOT / "build" / "benchmark")
    parser.add_argument(
        "--sans-reference-region",
        action="store_true",
        help="sans mkdocs-material simple sur la région (plus de 15 minutes)",
    )
    arguments = parser.parse_args()
    work = arguments.dossier.resolve()
    work.mkdir(parents=True, exist_ok=True)
    region = work / "contenu-region"
    make_region(region)
    services = len(list((region / "services").glob("*.yml")))
    communes = sum(
        len(yaml.safe_load(p.read_text())["communes"]) for p in (region / "territoires").glob("*.yml")
    )
    print(
        f"Région générée : {services} services, {REGION.territories} territoires, {communes} communes, "
        "5 publics.\n"
    )
    basin_copy = work / "contenu-bassin"
    shutil.rmtree(basin_copy, ignore_errors=True)
    shutil.copytree(REAL_CONTENT, basin_copy)
    for label, content in (("bassin", basin_copy), ("région", region)):
        results = measure(content, work, label)
        print(f"== {label} ==")
        for name, value in results.items():
            if isinstance(value, Measure) and value.peak_megabytes is None:
                print(f"  {name:<40} {value.seconds:>7.1f} s  (forké du processus chaud)")
            elif isinstance(value, Measure):
                print(
                    f"  {name:<40} {value.seconds:>7.1f} s {value.peak_megabytes:>8.0f} Mo de mémoire au plus"
                )
            else:
                print(f"  {name:<40} {value}")
        ours = results["pages, sans flyers"]
        assert isinstance(ours, Measure)
        docs = plain_docs(content, work)
        if HUGO.is_file():
            hugo_seconds, _ = hugo_build(hugo_site(docs, work / f"hugo-{label}"))
            print(
                f"  {'Hugo, mêmes pages, sans thème':<40} {hugo_seconds:>7.1f} s"
                f"  → rapport : {ours.seconds / hugo_seconds:.1f} fois le temps de Hugo"
            )
        else:
            print("  (Hugo, la référence de vitesse, n'est pas installé : make benchmark-tools)")
        if label == "région" and arguments.sans_reference_region:
            print("  (mkdocs-material simple sur la région : non mesuré, --sans-reference-region)\n")
            continue
        plain = plain_mkdocs(docs, work)
        print(
            f"  {'mkdocs-material simple, mêmes pages':<40} "
            f"{plain.seconds:>7.1f} s {plain.peak_megabytes:>8.0f} Mo"
            f"  → rapport : {ours.seconds / plain.seconds:.2f} en temps, "
            f"{ours.peak_megabytes / plain.peak_megabytes:.2f} en mémoire\n"
        )


if __name__ == "__main__":
    main()
