"""`serve`: live preview for contributors: edit a YAML file, the page in the browser refreshes.

The preview runs the same stages as `build` (check, print the flyers, plan)
and writes the site builder's folder; MkDocs' own server sees the files that
changed and reloads the browser. A background thread watches the content
folder. While a record has errors, they are printed and the last good pages
stay on screen.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from datetime import date
from pathlib import Path

from ..falc.analysis import load_model
from ..output.mkdocs_adapter import PortBusy
from ..pipeline import BuildFailed, SitePlan, check, docs_files, plan, preview, print_flyers
from .common import report

PREVIEW_DOCS = Path("build/docs")
POLL_SECONDS = 0.5


def run(arguments: argparse.Namespace) -> int:
    site = regenerate(arguments.content, arguments.today, PREVIEW_DOCS)
    if site is None:
        print("Corrigez les erreurs ci-dessus, puis relancez « make serve ».")
        return 1
    watcher = threading.Thread(target=_watch, args=(arguments.content, arguments.today), daemon=True)
    watcher.start()
    print(f"Aperçu : http://127.0.0.1:{arguments.port}/ (Ctrl+C pour arrêter)")
    try:
        preview(site, PREVIEW_DOCS, arguments.port)
    except PortBusy as busy:
        print(
            f"L'aperçu ne peut pas démarrer : {busy} Arrêtez l'autre aperçu, "
            f"ou choisissez un autre port : « python -m generator serve --port {arguments.port + 1} ».",
            file=sys.stderr,
        )
        return 1
    return 0


def regenerate(content_dir: Path, today: date, docs: Path) -> SitePlan | None:
    """Run the build's stages and rewrite the preview folder; None (problems printed) on errors."""
    try:
        checked = check(content_dir, today)
        site = plan(checked, print_flyers(checked), today)
        changed = docs_files(site).write(docs)
    except BuildFailed as failure:
        report(failure.problems)
        print(f"L'aperçu n'est pas mis à jour : {failure}")
        return None
    report(site.problems)
    if changed:
        print(f"{len(changed)} fichier(s) mis à jour.")
    return site


def _watch(content_dir: Path, today: date) -> None:
    last = _fingerprint(content_dir)
    load_model()  # now, while the contributor reads: the first edit would wait for it
    while True:
        time.sleep(POLL_SECONDS)
        current = _fingerprint(content_dir)
        if current != last:
            last = current
            regenerate(content_dir, today, PREVIEW_DOCS)


def _fingerprint(content_dir: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple(
        (str(p), p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(content_dir.rglob("*"))
        if p.is_file()
    )
