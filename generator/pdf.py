"""Print flyers to PDF with WeasyPrint: fitted to one sheet, cached, in parallel.

A flyer fits on one sheet, recto or recto-verso. When the full texts do not
fit, the text is never made smaller than the print rules allow: the flyer is
printed short (name, phone, site), and if that is still too long, split by
need. Every decision is noted for the build report.

Each PDF is kept in `.cache/flyers/` under a digest of its HTML (content,
templates, QR code) and of the fonts: a build after a one-record change
prints only the flyers that show that record.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
from collections.abc import Iterable
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from .assets import CACHE_ROOT, FONT_FILES, FONT_NAMES
from .content import Content, group_by_need
from .flyers import LAYOUTS, Flyer, flyer_html

MAX_PAGES = 2  # one sheet, recto-verso
DEFAULT_CACHE = CACHE_ROOT / "flyers"


@dataclass(frozen=True)
class PrintedFlyer:
    flyer: Flyer
    layout: str
    pdf: bytes
    pages: int


@dataclass
class FlyerReport:
    printed: list[PrintedFlyer]
    notes: list[str]  # what was shortened or split, in French
    rendered: int  # PDFs printed by WeasyPrint in this build
    reused: int  # PDFs taken from the cache

    def lines(self) -> list[str]:
        pages = sum(p.pages for p in self.printed)
        return [
            f"Flyers : {len(self.printed)} PDF, {pages} pages ; "
            f"{self.rendered} imprimés, {self.reused} repris du cache.",
            *self.notes,
        ]


def print_flyers(
    flyers: Iterable[Flyer], content: Content, cache_dir: Path | None = DEFAULT_CACHE, workers: int = 2
) -> FlyerReport:
    printer = _Printer(cache_dir, workers)
    try:
        return _fit(list(flyers), content, printer)
    finally:
        printer.close()


def _fit(flyers: list[Flyer], content: Content, printer: _Printer) -> FlyerReport:
    accepted: list[tuple[Flyer, str, bytes, int]] = []
    notes: list[str] = []
    pending = _guesses(flyers, notes)
    while pending:
        results = printer.print_many(
            [flyer_html(f, content, layout, numbered) for f, layout, numbered in pending]
        )
        retry = []
        for (flyer, layout, numbered), (pdf, pages) in zip(pending, results, strict=True):
            if pages <= MAX_PAGES and numbered == (pages > 1):
                accepted.append((flyer, layout, pdf, pages))
            elif pages <= MAX_PAGES:  # page numbers only when there are two pages
                retry.append((flyer, layout, pages > 1))
            elif layout != LAYOUTS[-1]:
                retry.append((flyer, LAYOUTS[LAYOUTS.index(layout) + 1], True))
            elif flyer.part is None or len(flyer.services) > _per_part(flyer):
                retry += _guesses(_split(flyer, notes), notes)
            else:  # a single service, or a part that cannot be made shorter
                accepted.append((flyer, layout, pdf, pages))
                notes.append(f"{flyer.path} : {pages} pages malgré la version courte.")
        pending = retry
    shortened = {"moyen": "une phrase par service", "court": "nom et téléphone seulement"}
    for flyer, layout, _, _ in accepted:
        if layout in shortened:
            notes.append(
                f"{flyer.path} : version raccourcie ({shortened[layout]}), {len(flyer.services)} services."
            )
    planned = {flyer.path: index for index, flyer in enumerate(flyers)}  # keep the plan's order
    printed = sorted(
        (PrintedFlyer(*item) for item in accepted), key=lambda p: (planned[p.flyer.whole_path], p.flyer.path)
    )
    return FlyerReport(printed, sorted(notes), printer.rendered, printer.reused)


# Heights measured on printed flyers (millimetres): the first guess of the
# layout and of page numbers, checked by printing; a wrong guess costs one print.
_PAGE_HEIGHT = 263
_HEADER_AND_FOOTER = 75
_NEED_HEADING = 14
_SERVICE_HEIGHT = {"complet": 38, "moyen": 30, "court": 12}
# Services of one need that a short flyer holds on two pages.
_PER_PART = (MAX_PAGES * _PAGE_HEIGHT - _HEADER_AND_FOOTER - _NEED_HEADING) // _SERVICE_HEIGHT["court"]


def _guesses(flyers: list[Flyer], notes: list[str]) -> list[tuple[Flyer, str, bool]]:
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


def _split(flyer: Flyer, notes: list[str]) -> list[Flyer]:
    parts = flyer.split(_per_part(flyer))
    notes.append(f"{flyer.path} : trop long pour une feuille, partagé en {len(parts)} flyers.")
    return parts


class _Printer:
    """Prints HTML documents to PDF, reusing cached ones, in parallel processes."""

    def __init__(self, cache_dir: Path | None, workers: int) -> None:
        self.cache_dir = cache_dir
        self.workers = workers
        self.rendered = 0
        self.reused = 0
        self._pool: Executor | None = None
        self._salt = _salt()

    def print_many(self, documents: list[str]) -> list[tuple[bytes, int]]:
        keys = [hashlib.sha256((self._salt + html).encode()).hexdigest() for html in documents]
        results: dict[str, tuple[bytes, int]] = {}
        missing: dict[str, str] = {}
        for key, html in zip(keys, documents, strict=True):
            cached = self._cached(key)
            if cached:
                results[key] = cached
            else:
                missing[key] = html
        self.reused += len(documents) - len(missing)
        self.rendered += len(missing)
        jobs = [(html, bytes.fromhex(key[:32])) for key, html in missing.items()]
        for key, result in zip(missing, self._map(jobs), strict=True):
            results[key] = result
            self._store(key, *result)
        return [results[key] for key in keys]

    def _map(self, jobs: list[tuple[str, bytes]]) -> list[tuple[bytes, int]]:
        if len(jobs) < 2 or self.workers < 2:
            return [render_pdf(*job) for job in jobs]
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"))
        return list(self._pool.map(render_pdf, *zip(*jobs, strict=True)))

    def _cached(self, key: str) -> tuple[bytes, int] | None:
        if not self.cache_dir:
            return None
        pdf, meta = self.cache_dir / f"{key}.pdf", self.cache_dir / f"{key}.json"
        if pdf.is_file() and meta.is_file():
            return pdf.read_bytes(), int(json.loads(meta.read_text())["pages"])
        return None

    def _store(self, key: str, pdf: bytes, pages: int) -> None:
        if not self.cache_dir:
            return
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        (self.cache_dir / f"{key}.pdf").write_bytes(pdf)
        (self.cache_dir / f"{key}.json").write_text(json.dumps({"pages": pages}))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()


def _salt() -> str:
    """What else changes a PDF besides its HTML: the printer's version and the fonts."""
    fonts = hashlib.sha256(b"".join((FONT_FILES / name).read_bytes() for name in FONT_NAMES)).hexdigest()
    return f"weasyprint {version('weasyprint')} fonts {fonts}\n"


def render_pdf(html: str, identifier: bytes) -> tuple[bytes, int]:
    """One PDF, tagged for screen readers, with fonts embedded; the same HTML gives the same bytes."""
    import weasyprint

    document = weasyprint.HTML(string=html, base_url=str(FONT_FILES) + "/").render(pdf_tags=True)
    pdf = document.write_pdf(pdf_identifier=identifier, pdf_tags=True)
    return pdf, len(document.pages)
