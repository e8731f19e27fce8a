"""Live preview for contributors: edit a YAML file, the page in the browser refreshes.

A background thread watches the content folder; on a change it validates
again and rewrites the Markdown that changed, which MkDocs' own server sees
and reloads. While a record has errors, they are printed and the last good
pages stay on screen.
"""

from __future__ import annotations

import threading
import time
from datetime import date
from pathlib import Path

from .build import check_content, write_docs
from .content import Content
from .coverage import compute as compute_coverage
from .exports import data_files
from .falc.analysis import load_model
from .pages import Page, plan_pages
from .problems import summary
from .site import navigation, serve_html

PREVIEW_DOCS = Path("build/docs")
POLL_SECONDS = 0.5


def serve(content_dir: Path, port: int, today: date) -> int:
    generated = _regenerate(content_dir, today)
    if generated is None:
        print("Corrigez les erreurs ci-dessus, puis relancez « make serve ».")
        return 1
    content, pages = generated
    threading.Thread(target=_watch, args=(content_dir, today), daemon=True).start()
    print(f"Aperçu : http://127.0.0.1:{port}/ (Ctrl+C pour arrêter)")
    serve_html(PREVIEW_DOCS, site_name=content.basin.titre_site, nav=navigation(pages), port=port)
    return 0


def _regenerate(content_dir: Path, today: date) -> tuple[Content, list[Page]] | None:
    """Check the content (FALC included) and rewrite the preview; flyers are left to `make site`."""
    checked = check_content(content_dir, today)
    for problem in checked.problems:
        print(problem.format())
    content = checked.content
    if content is None or not checked.valid:
        print(summary(checked.problems))
        return None
    coverage = compute_coverage(content, today)
    files, _ = data_files(content, coverage)
    pages = plan_pages(content, checked.falc, data=(files, coverage))
    changed = write_docs(content, pages, PREVIEW_DOCS, extra_files={file.path: file.data for file in files})
    if changed:
        print(f"{changed} fichier(s) mis à jour.")
    return content, pages


def _watch(content_dir: Path, today: date) -> None:
    last = _fingerprint(content_dir)
    load_model()  # now, while the contributor reads: the first edit would wait for it
    while True:
        time.sleep(POLL_SECONDS)
        current = _fingerprint(content_dir)
        if current != last:
            last = current
            _regenerate(content_dir, today)


def _fingerprint(content_dir: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple(
        (str(p), p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(content_dir.rglob("*"))
        if p.is_file()
    )
