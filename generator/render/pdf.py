"""Print flyers to PDF with WeasyPrint: fitted to one sheet, cached, in parallel.

A flyer fits on one sheet, recto or recto-verso. When the full texts do not
fit, the text is never made smaller than the print rules allow: the flyer is
printed shorter (one sentence per service, then name and phone), and if that
is still too long, split by need. Every decision is noted for the build report.

The result of each planned flyer (its parts, layouts and PDFs) is kept in the
cache under a digest of what it shows, its HTML in each layout: a build after
a one-record change prints only the flyers that show what changed, and
`diff` names the same flyers (`flyer_keys`) without printing anything.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
from collections import defaultdict
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, replace
from importlib.metadata import version
from pathlib import Path

from .. import locations
from ..content.records import Content, group_by_need
from ..locations import FONT_NAMES, PACKAGE
from ..structure.flyers import LAYOUTS, Flyer, FlyerReport, PrintedFlyer
from .assets import check_fonts
from .flyer_html import flyer_html

MAX_PAGES = 2  # one sheet, recto-verso
CACHE_VERSION = 1


def print_flyers(
    flyers: list[Flyer], content: Content, cache_dir: Path | None, workers: int = 2
) -> FlyerReport:
    """Every planned flyer printed, from the cache when what it shows has not changed."""
    check_fonts()
    cache = _FlyerCache(cache_dir, flyer_salt())
    keys = {flyer.path: cache.key(flyer, content) for flyer in flyers}
    done = {flyer.path: cache.load(keys[flyer.path], flyer, content) for flyer in flyers}
    missing = [flyer for flyer in flyers if done[flyer.path] is None]
    fitted = _fit(missing, content, workers)
    for flyer in missing:
        done[flyer.path] = fitted[flyer.path]
        cache.store(keys[flyer.path], flyer, fitted[flyer.path])
    printed = [item for flyer in flyers for item in done[flyer.path].printed]  # type: ignore[union-attr]
    notes = sorted(note for flyer in flyers for note in done[flyer.path].notes)  # type: ignore[union-attr]
    return FlyerReport(
        printed,
        notes,
        rendered=[f.path for f in missing],
        reused=[f.path for f in flyers if f not in missing],
    )


def flyer_keys(flyers: list[Flyer], content: Content) -> dict[str, str]:
    """The cache key of each planned flyer: `diff` compares them between two revisions."""
    salt = flyer_salt()
    return {flyer.path: _FlyerCache(None, salt).key(flyer, content) for flyer in flyers}


@dataclass
class _Fitted:
    """One planned flyer once printed: its parts (itself when not split) and the notes."""

    printed: list[PrintedFlyer]
    notes: list[str]


def _fit(flyers: list[Flyer], content: Content, workers: int) -> dict[str, _Fitted]:
    """Print each flyer in the first layout that fits, retrying shorter or split when it does not."""
    accepted: list[PrintedFlyer] = []
    notes: list[tuple[str, str]] = []  # (planned flyer, note)
    pending = _guesses(flyers, notes)
    with _Printer(workers) as printer:
        while pending:
            results = printer.print_many(
                [flyer_html(f, content, layout, numbered) for f, layout, numbered in pending]
            )
            retry = []
            for (flyer, layout, numbered), (pdf, pages) in zip(pending, results, strict=True):
                if pages <= MAX_PAGES and numbered == (pages > 1):
                    accepted.append(PrintedFlyer(flyer, layout, pdf, pages))
                elif pages <= MAX_PAGES:  # page numbers only when there are two pages
                    retry.append((flyer, layout, pages > 1))
                elif layout != LAYOUTS[-1]:
                    retry.append((flyer, LAYOUTS[LAYOUTS.index(layout) + 1], True))
                elif flyer.part is None or len(flyer.services) > _per_part(flyer):
                    retry += _guesses(_split(flyer, notes), notes)
                else:  # a single service, or a part that cannot be made shorter
                    accepted.append(PrintedFlyer(flyer, layout, pdf, pages))
                    notes.append(
                        (flyer.whole_path, f"{flyer.path} : {pages} pages malgré la version courte.")
                    )
            pending = retry
    shortened = {"moyen": "une phrase par service", "court": "nom et téléphone seulement"}
    notes += [
        (p.flyer.whole_path, f"{p.flyer.path} : version raccourcie ({shortened[p.layout]}), "
         f"{len(p.flyer.services)} services.")
        for p in accepted
        if p.layout in shortened
    ]  # fmt: skip
    return _by_planned_flyer(flyers, accepted, notes)


def _by_planned_flyer(
    flyers: list[Flyer], accepted: list[PrintedFlyer], notes: list[tuple[str, str]]
) -> dict[str, _Fitted]:
    parts: dict[str, list[PrintedFlyer]] = defaultdict(list)
    for printed in sorted(accepted, key=lambda p: p.flyer.path):
        parts[printed.flyer.whole_path].append(printed)
    fitted = {flyer.path: _Fitted(parts[flyer.path], []) for flyer in flyers}
    for owner, note in notes:
        fitted[owner].notes.append(note)
    return fitted


# Heights measured on printed flyers (millimetres): the first guess of the
# layout and of page numbers, checked by printing; a wrong guess costs one print.
_PAGE_HEIGHT = 263
_HEADER_AND_FOOTER = 75
_NEED_HEADING = 14
_SERVICE_HEIGHT = {"complet": 38, "moyen": 30, "court": 12}
# Services of one need that a short flyer holds on two pages.
_PER_PART = (MAX_PAGES * _PAGE_HEIGHT - _HEADER_AND_FOOTER - _NEED_HEADING) // _SERVICE_HEIGHT["court"]


def _guesses(flyers: list[Flyer], notes: list[tuple[str, str]]) -> list[tuple[Flyer, str, bool]]:
    """For each flyer, the layout likely to fit one sheet and whether it needs two pages.

    A flyer far too long for any layout is split at once, without printing it.
    """
    guessed = []
    for flyer in flyers:
        groups = len(group_by_need(list(flyer.services)))
        for layout in LAYOUTS:
            height = _HEADER_AND_FOOTER + groups * _NEED_HEADING
            height += len(flyer.services) * _SERVICE_HEIGHT[layout] * len(flyer.languages)
            pages = height / _PAGE_HEIGHT
            if pages <= MAX_PAGES:
                guessed.append((flyer, layout, pages > 1))
                break
        else:
            can_split = flyer.part is None or len(flyer.services) > _per_part(flyer)
            if pages > MAX_PAGES * 1.2 and can_split:
                guessed += _guesses(_split(flyer, notes), notes)
            else:
                guessed.append((flyer, LAYOUTS[-1], True))
    return guessed


def _per_part(flyer: Flyer) -> int:
    return max(1, _PER_PART // len(flyer.languages))


def _split(flyer: Flyer, notes: list[tuple[str, str]]) -> list[Flyer]:
    parts = flyer.split(_per_part(flyer))
    notes.append(
        (flyer.whole_path, f"{flyer.path} : trop long pour une feuille, partagé en {len(parts)} flyers.")
    )
    return parts


class _Printer:
    """Prints HTML documents to PDF in parallel processes (a pool started only when needed)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: Executor | None = None

    def __enter__(self) -> _Printer:
        return self

    def __exit__(self, *_: object) -> None:
        if self._pool is not None:
            self._pool.shutdown()

    def print_many(self, documents: list[str]) -> list[tuple[bytes, int]]:
        identifiers = [hashlib.sha256(html.encode()).digest()[:16] for html in documents]
        if len(documents) < 2 or self.workers < 2:
            return [
                render_pdf(html, identifier) for html, identifier in zip(documents, identifiers, strict=True)
            ]
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"))
        return list(self._pool.map(render_pdf, documents, identifiers))


def render_pdf(html: str, identifier: bytes) -> tuple[bytes, int]:
    """One PDF, tagged for screen readers, with fonts embedded; the same HTML gives the same bytes."""
    import weasyprint

    document = weasyprint.HTML(string=html, base_url=str(locations.FONT_FILES) + "/").render(pdf_tags=True)
    pdf = document.write_pdf(pdf_identifier=identifier, pdf_tags=True)
    return pdf, len(document.pages)


# --- The cache ------------------------------------------------------------------------


def flyer_salt() -> str:
    """What changes a PDF besides its HTML: the printer, the fonts, and how flyers are fitted."""
    check_fonts()
    digest = hashlib.sha256(f"v{CACHE_VERSION} weasyprint {version('weasyprint')}".encode())
    for name in FONT_NAMES:
        digest.update((locations.FONT_FILES / name).read_bytes())
    digest.update((PACKAGE / "render" / "pdf.py").read_bytes())  # the fitting rules and the layouts
    return digest.hexdigest()


class _FlyerCache:
    """`<key>.json` (parts, layouts, notes) and `<key>-<n>.pdf` per planned flyer."""

    def __init__(self, folder: Path | None, salt: str) -> None:
        self.folder = folder
        self.salt = salt

    def key(self, flyer: Flyer, content: Content) -> str:
        """A digest of what the flyer shows: its HTML in every layout (a field not printed does not count)."""
        digest = hashlib.sha256(self.salt.encode())
        for layout in LAYOUTS:
            digest.update(flyer_html(flyer, content, layout).encode())
        return digest.hexdigest()

    def load(self, key: str, flyer: Flyer, content: Content) -> _Fitted | None:
        index = self.folder / f"{key}.json" if self.folder else None
        if index is None or not index.is_file():
            return None
        entry = json.loads(index.read_text(encoding="utf-8"))
        printed = []
        for number, part in enumerate(entry["parts"]):
            pdf = index.with_name(f"{key}-{number}.pdf")
            if not pdf.is_file():
                return None
            shown = replace(
                flyer, path=part["path"], title=part["title"], part=part["part"],
                origin=flyer.path if part["part"] else "",
                services=tuple(flyer.services[i] for i in part["services"]),
            )  # fmt: skip
            printed.append(PrintedFlyer(shown, part["layout"], pdf.read_bytes(), part["pages"]))
        return _Fitted(printed, entry["notes"])

    def store(self, key: str, planned: Flyer, fitted: _Fitted) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        parts = []
        for number, printed in enumerate(fitted.printed):
            (self.folder / f"{key}-{number}.pdf").write_bytes(printed.pdf)
            flyer = printed.flyer
            # Services by their place in the planned flyer: the same HTML may come from renamed records.
            shown = [planned.services.index(service) for service in flyer.services]
            parts.append({
                "path": flyer.path, "title": flyer.title, "part": flyer.part, "layout": printed.layout,
                "pages": printed.pages, "services": shown,
            })  # fmt: skip
        entry = {"parts": parts, "notes": fitted.notes}
        (self.folder / f"{key}.json").write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
