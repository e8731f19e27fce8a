"""Print flyers to PDF with WeasyPrint: fitted to one sheet, cached, in parallel.

A flyer fits on one sheet, recto or recto-verso. When the full texts do not
fit, the text is never made smaller than the print rules allow: the flyer is
printed shorter (one sentence per service, then name and phone), and if that
is still too long, split by need. Every decision is noted for the build report.

The result of each planned flyer (its parts and layouts) is kept in the cache
under a digest of what it shows, its HTML in each layout: a build after a
one-record change fits again only the flyers that show what changed, and
`diff` names the same flyers (`flyer_keys`) without printing anything. Every
document printed is kept too, by its own HTML (`PrintedDocuments`): fitting a
split flyer again prints only the parts whose text changed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import hashlib
import json
import math
import multiprocessing
import os
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, replace
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .. import locations
from ..content.records import Content
from ..locations import FONT_NAMES, code_digest, write_whole
from ..structure.flyers import LAYOUTS, Flyer, FlyerReport, PrintedFlyer
from .assets import check_fonts
from .digests import Digests, apart_from_services, code
from .flyer_height import estimated_pages
from .flyer_html import encode_qr_codes, flyer_html, print_style
from .shared_work import shared_map

MAX_PAGES = 2  # one sheet, recto-verso
NEARLY_EMPTY = 0.25  # a verso this little used is not worth it: a shorter layout is tried
CACHE_VERSION = 3
KEEP_UNUSED_DAYS = 30  # a cached PDF no build has used for this long is removed
KEYS_SHARED_FROM = 60  # flyers whose keys two processes compute (`shared_map`)
GUESSES_SHARED_FROM = 20  # flyers whose layouts two processes guess: 35 ms each on a region
# A flyer estimated this little (in pages) beyond one sheet, however short, is printed to check
# before it is split: the estimate is that close, and then often only the footer spills over.
CHECKED_BEYOND_A_SHEET = 0.15


def print_flyers(
    flyers: list[Flyer], content: Content, cache_dir: Path | None, workers: int = 2
) -> FlyerReport:
    """Every planned flyer printed, from the cache when what it shows has not changed."""
    check_fonts()
    salt = flyer_salt()
    documents = PrintedDocuments(cache_dir / "documents" if cache_dir else None, salt)
    cache = _FlyerCache(cache_dir, documents)
    known = cache_dir / "keys-by-inputs" / "last-build.json" if cache_dir else None
    keys = flyer_keys(flyers, content, salt, known)
    done = {flyer.path: cache.load(keys[flyer.path], flyer) for flyer in flyers}
    missing = [flyer for flyer in flyers if done[flyer.path] is None]
    fitted = _fit(missing, content, _Printer(workers, documents))
    for flyer in missing:
        done[flyer.path] = fitted[flyer.path]
        cache.store(keys[flyer.path], flyer, fitted[flyer.path])
    cache.forget_unused(set(keys.values()))
    documents.forget_unused()
    printed = [item for flyer in flyers for item in done[flyer.path].printed]  # type: ignore[union-attr]
    notes = sorted(note for flyer in flyers for note in done[flyer.path].notes)  # type: ignore[union-attr]
    return FlyerReport(
        printed,
        notes,
        rendered=[f.path for f in missing],
        reused=[f.path for f in flyers if f not in missing],
        documents_printed=documents.printed,
    )


def flyer_keys(
    flyers: list[Flyer], content: Content, salt: str | None = None, known: Path | None = None
) -> dict[str, str]:
    """The cache key of each planned flyer, a digest of what it shows: its HTML in every layout
    (a field not printed does not count), with the address its QR code encodes in place of the
    image (the salt has segno). `diff` compares them between two revisions.

    With `known`, the keys of the last build are kept there by a digest of what each flyer's
    HTML is made of (`digests.py`): a flyer made of the same things keeps its key without
    being rendered three times (a region's 561 flyers took 0.9 s)."""
    salt = salt or flyer_salt()

    def key(flyer: Flyer) -> str:
        digest = hashlib.sha256(salt.encode())
        for layout in LAYOUTS:
            digest.update(flyer_html(flyer, content, layout, qr=False).encode())
        return digest.hexdigest()

    made_of = _made_of(flyers, content, salt) if known else {}
    before = _json_or_empty(known) if known else {}
    keys = {f.path: before[made_of[f.path]] for f in flyers if made_of.get(f.path) in before}
    missing = [flyer for flyer in flyers if flyer.path not in keys]
    new_keys = shared_map(key, missing, from_size=KEYS_SHARED_FROM)
    keys.update(zip([flyer.path for flyer in missing], new_keys, strict=True))
    if known:
        this_build = {made_of[flyer.path]: keys[flyer.path] for flyer in flyers}
        write_whole(known, json.dumps(this_build, sort_keys=True).encode())
    return {flyer.path: keys[flyer.path] for flyer in flyers}


def _made_of(flyers: list[Flyer], content: Content, salt: str) -> dict[str, str]:
    """A digest of what each flyer's HTML is made of: the flyer (its services and help desks),
    what it may read of the content besides, and the code."""
    digests = Digests()
    shared = digests.of([salt, code(), *apart_from_services(content)])
    return {flyer.path: digests.of([shared, flyer]) for flyer in flyers}


def _json_or_empty(path: Path) -> dict[str, Any]:
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except (FileNotFoundError, ValueError):
        return {}


@dataclass
class _Fitted:
    """One planned flyer once printed: its parts (itself when not split) and the notes."""

    printed: list[PrintedFlyer]
    notes: list[str]
    documents: list[str]  # the `PrintedDocuments` key of each part's PDF


def _fit(flyers: list[Flyer], content: Content, printer: _Printer) -> dict[str, _Fitted]:
    """Print each flyer in the first layout that fits, retrying shorter or split when it does not.

    A part that still spills onto a third page makes its whole flyer split again, in smaller parts.
    """
    planned = {flyer.path: flyer for flyer in flyers}
    per_part: dict[str, int] = {}  # whole path -> services per part, for split flyers
    accepted: list[PrintedFlyer] = []
    document_of: dict[str, str] = {}  # part path -> key of its accepted PDF
    notes: list[tuple[str, str]] = []  # (planned flyer, note)
    pending = _guesses(flyers, content, per_part)
    encode_qr_codes(flyer.page_address for flyer in flyers)
    with printer:
        while pending:
            results = printer.print_many(
                [flyer_html(f, content, layout, numbered) for f, layout, numbered in pending]
            )
            retry, resplit = [], set()
            split_as = dict(per_part)  # the parts of this round: all that overflow shrink them once
            for (flyer, layout, numbered), (key, result) in zip(pending, results, strict=True):
                pdf, pages = result.data, result.pages
                if pages == 2 and result.last_page_fill < NEARLY_EMPTY and layout != LAYOUTS[-1]:
                    retry.append((flyer, LAYOUTS[LAYOUTS.index(layout) + 1], False))  # one side may do
                elif pages <= MAX_PAGES and numbered == (pages > 1):
                    accepted.append(PrintedFlyer(flyer, layout, pdf, pages))
                    document_of[flyer.path] = key
                elif pages <= MAX_PAGES:  # page numbers only when there are two pages
                    retry.append((flyer, layout, pages > 1))
                elif layout != LAYOUTS[-1]:
                    retry.append((flyer, LAYOUTS[LAYOUTS.index(layout) + 1], True))
                elif len(flyer.services) > 1:
                    resplit.add(flyer.whole_path)
                    smaller = _smaller_parts(flyer, split_as, pages)
                    per_part[flyer.whole_path] = min(smaller, per_part.get(flyer.whole_path, smaller))
                else:  # a single service that does not fit even in short
                    accepted.append(PrintedFlyer(flyer, layout, pdf, pages))
                    document_of[flyer.path] = key
                    notes.append(
                        (flyer.whole_path, f"{flyer.path} : {pages} pages malgré la version courte.")
                    )
            accepted = [p for p in accepted if p.flyer.whole_path not in resplit]
            retry = [r for r in retry if r[0].whole_path not in resplit]
            pending = retry + _guesses([planned[path] for path in sorted(resplit)], content, per_part)
    return _by_planned_flyer(flyers, accepted, document_of, notes)


def _by_planned_flyer(
    flyers: list[Flyer],
    accepted: list[PrintedFlyer],
    document_of: dict[str, str],
    notes: list[tuple[str, str]],
) -> dict[str, _Fitted]:
    """The parts of each planned flyer, with what was shortened or split, for the build report."""
    parts: dict[str, list[PrintedFlyer]] = defaultdict(list)
    for item in sorted(accepted, key=lambda p: p.flyer.path):
        parts[item.flyer.whole_path].append(item)
    shortened = {"moyen": "une phrase par service", "court": "nom, téléphone et une phrase"}
    for whole, printed in parts.items():
        if len(printed) > 1:
            split = f"{whole} : trop long pour une feuille, partagé en {len(printed)} flyers."
            notes.append((whole, split))
        notes += [
            (whole, f"{p.flyer.path} : version raccourcie ({shortened[p.layout]}), "
             f"{len(p.flyer.services)} services.")
            for p in printed
            if p.layout in shortened
        ]  # fmt: skip
    fitted = {
        flyer.path: _Fitted(parts[flyer.path], [], [document_of[p.flyer.path] for p in parts[flyer.path]])
        for flyer in flyers
    }
    for owner, note in notes:
        fitted[owner].notes.append(note)
    return fitted


def _guesses(
    flyers: list[Flyer], content: Content, per_part: dict[str, int]
) -> list[tuple[Flyer, str, bool]]:
    """For each flyer, the layout likely to fit one sheet and whether it needs two pages,
    from the height of its text in each layout (`flyer_height`); the printer checks the guess.

    A flyer too long for any layout is split at once, without printing it (its size is noted
    in `per_part`); a flyer in `per_part` is split in parts of that many services. Two
    processes share the flyers of a cold build (`shared_map`): a region's took 20 s on one.
    """
    decisions = shared_map(
        functools.partial(_guess, content=content, per_part=per_part), flyers, from_size=GUESSES_SHARED_FROM
    )
    guessed = []
    for flyer, decision in zip(flyers, decisions, strict=True):
        if isinstance(decision, _Split):
            per_part[flyer.path] = decision.size
        guessed += _guessed(flyer, decision)
    return guessed


@dataclass(frozen=True)
class _Layout:
    """A flyer printed whole, in `layout`, with page numbers or not."""

    layout: str
    numbered: bool


@dataclass(frozen=True)
class _Split:
    """A flyer split in parts of `size` services, each guessed in turn."""

    size: int
    parts: list[_Layout | _Split]


def _guess(flyer: Flyer, content: Content, per_part: dict[str, int]) -> _Layout | _Split:
    """The guess for one flyer (the HTML is estimated without its QR code, which it ignores)."""
    if flyer.path in per_part:
        return _split_guess(flyer, content, per_part[flyer.path])
    pages: dict[str, float] = {}
    for layout in LAYOUTS:  # the first that fits: the shorter ones need no estimate
        pages[layout] = estimated_pages(flyer_html(flyer, content, layout, qr=False))
        if _accepted(layout, pages[layout]):
            return _Layout(layout, pages[layout] > 1)
    if pages[LAYOUTS[-1]] > MAX_PAGES + CHECKED_BEYOND_A_SHEET and len(flyer.services) > 1:
        return _split_guess(flyer, content, _first_split(flyer, content, pages[LAYOUTS[-1]]))
    return _Layout(LAYOUTS[-1], True)


def _split_guess(flyer: Flyer, content: Content, size: int) -> _Split:
    return _Split(size, [_guess(part, content, {}) for part in flyer.split(size)])


def _guessed(flyer: Flyer, decision: _Layout | _Split) -> list[tuple[Flyer, str, bool]]:
    """The documents to print first for `flyer`, as guessed."""
    if isinstance(decision, _Layout):
        return [(flyer, decision.layout, decision.numbered)]
    parts = flyer.split(decision.size)
    return [guess for part, each in zip(parts, decision.parts, strict=True) for guess in _guessed(part, each)]


def _accepted(layout: str, pages: float) -> bool:
    """Whether the printer would keep a print of `layout` on `pages` (`_fit`): one sheet, and a
    verso worth printing unless no shorter layout is left."""
    nearly_empty_verso = 1 < pages < 1 + NEARLY_EMPTY and layout != LAYOUTS[-1]
    return pages <= MAX_PAGES and not nearly_empty_verso


def _first_split(flyer: Flyer, content: Content, pages: float) -> int:
    """The services per part for which every part of the short version is estimated to fit one
    sheet, in as few parts as can be, then the largest: chosen without printing.

    A part keeps a need's services together, so the size does not tell the number of parts
    (10 out of 30 services may make four parts, 13 make three): each size is tried, by the
    parts it makes. Each part repeats the header, the help desks and the footer (`overhead`,
    in pages): no fewer parts are tried than the sheets the whole flyer's services need
    beside them.
    """
    short = LAYOUTS[-1]
    overhead = min(0.9, estimated_pages(flyer_html(replace(flyer, services=()), content, short, qr=False)))
    sheets = max(2, math.ceil((pages - overhead) / (MAX_PAGES - overhead)))
    splits = {size: flyer.split(size) for size in range(len(flyer.services) - 1, 0, -1)}
    tried = set()
    for size in sorted(splits, key=lambda size: (len(splits[size]), -size)):
        parts = splits[size]
        made = tuple(len(part.services) for part in parts)
        if len(parts) < sheets or made in tried:
            continue
        tried.add(made)
        largest_first = sorted(parts, key=lambda part: -len(part.services))  # the likeliest not to fit
        if all(
            _accepted(short, estimated_pages(flyer_html(part, content, short, qr=False)))
            for part in largest_first
        ):
            return size
    return 1


def _smaller_parts(flyer: Flyer, per_part: dict[str, int], pages: int) -> int:
    """Services per part after `flyer` (the whole or one of its parts) printed on `pages` pages."""
    current = per_part.get(flyer.whole_path, len(flyer.services))
    return max(1, min(current - 1, current * MAX_PAGES // pages))


class _Printer:
    """Prints HTML documents to PDF in parallel processes (a pool started only when needed),
    each document once: those printed before are taken from `documents`."""

    def __init__(self, workers: int, documents: PrintedDocuments) -> None:
        self.workers = workers
        self.documents = documents
        self._pool: Executor | None = None

    def __enter__(self) -> _Printer:
        return self

    def __exit__(self, *_: object) -> None:
        if self._pool is not None:
            self._pool.shutdown()

    def print_many(self, documents: list[str]) -> list[tuple[str, Pdf]]:
        """Each document's key in `PrintedDocuments` and its PDF."""
        identifiers = [document_identifier(html) for html in documents]
        keys = [self.documents.key(html, i) for html, i in zip(documents, identifiers, strict=True)]
        found = {key: pdf for key in set(keys) if (pdf := self.documents.load(key)) is not None}
        wanted = {
            key: (html, i)
            for key, html, i in zip(keys, documents, identifiers, strict=True)
            if key not in found
        }
        for key, pdf in zip(wanted, self._print([*wanted.values()]), strict=True):
            self.documents.store(key, pdf)
            found[key] = pdf
        return [(key, found[key]) for key in keys]

    def _print(self, documents: list[tuple[str, bytes]]) -> list[Pdf]:
        if len(documents) < 2 or self.workers < 2:
            return [render_pdf(html, identifier) for html, identifier in documents]
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"))
        return list(self._pool.map(render_pdf, *zip(*documents, strict=True)))


def document_identifier(html: str) -> bytes:
    """The PDF's identifier (its /ID): from its HTML, so that the same HTML gives the same bytes."""
    return hashlib.sha256(html.encode()).digest()[:16]


@dataclass(frozen=True)
class Pdf:
    data: bytes
    pages: int
    last_page_fill: float  # how much of the last page's height is used, from 0 to 1


def render_pdf(html: str, identifier: bytes) -> Pdf:
    """One PDF in our print style (`print_style`), tagged for screen readers, with fonts
    embedded; the same HTML gives the same bytes."""
    import weasyprint

    fonts, style = _printer_tools(os.getpid())
    document = weasyprint.HTML(string=html, base_url=_font_folder_url()).render(
        pdf_tags=True, font_config=fonts, stylesheets=[style]
    )
    pdf = document.write_pdf(pdf_identifier=identifier, pdf_tags=True)
    return Pdf(pdf, len(document.pages), _fill(document.pages[-1]))


@functools.cache
def _printer_tools(process: int) -> tuple[Any, Any]:
    """The fonts, decoded once per process (WeasyPrint otherwise decompresses both WOFF2 files
    for every print, a sixth of its time), and the print style sheet, parsed once (7 % of a
    print). One pair per process id, as the printers are forked."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    return fonts, CSS(string=print_style(), base_url=_font_folder_url(), font_config=fonts)


def _font_folder_url() -> str:
    """Where the style sheet's font files are found (`flyer.css` names them alone)."""
    return str(locations.FONT_FILES) + "/"


def _fill(page: Any) -> float:
    """The share of the page's text area that its content takes (WeasyPrint's layout boxes)."""
    box = page._page_box
    root = box.children[0]  # the <html> box; the margin boxes (page numbers) come after it
    used = root.position_y + root.margin_height() - box.content_box_y()
    return float(min(1.0, max(0.0, used / box.height)))


# --- The cache ------------------------------------------------------------------------


class PrintedDocuments:
    """Documents printed once and kept in `folder` by their HTML, with their page count: the
    parts of a split flyer whose text did not change, and the notices left at the address of
    a flyer that no longer exists, are the same from one build to the next.
    Like flyers, a document no build has used for `KEEP_UNUSED_DAYS` is removed."""

    def __init__(self, folder: Path | None, salt: str | None = None) -> None:
        self.folder = folder
        self._salt = salt
        self.used: set[Path] = set()
        self.printed = 0  # documents this build had to print

    @functools.cached_property
    def salt(self) -> str:
        return self._salt or flyer_salt()

    def key(self, html: str, identifier: bytes) -> str:
        digest = hashlib.sha256(self.salt.encode())
        digest.update(identifier)
        digest.update(html.encode())
        return digest.hexdigest()

    def pdf(self, html: str, identifier: bytes) -> bytes:
        """One document, printed unless it is kept already (the notices)."""
        key = self.key(html, identifier)
        if (kept := self.load(key)) is not None:
            return kept.data
        printed = render_pdf(html, identifier)
        self.store(key, printed)
        return printed.data

    def load(self, key: str) -> Pdf | None:
        if self.folder is None:
            return None
        pdf, about = self.folder / f"{key}.pdf", self.folder / f"{key}.json"
        if not (pdf.is_file() and about.is_file()):
            return None
        for path in (pdf, about):
            os.utime(path)  # used: kept
            self.used.add(path)
        layout = json.loads(about.read_text(encoding="utf-8"))
        return Pdf(pdf.read_bytes(), layout["pages"], layout["last_page_fill"])

    def store(self, key: str, printed: Pdf) -> None:
        self.printed += 1
        if self.folder is None:
            return
        pdf, about = self.folder / f"{key}.pdf", self.folder / f"{key}.json"
        # The PDF first, each file whole (a build running beside this one may read them): a
        # document is kept once its `.json` is there.
        write_whole(pdf, printed.data)
        write_whole(
            about, json.dumps({"pages": printed.pages, "last_page_fill": printed.last_page_fill}).encode()
        )
        self.used |= {pdf, about}

    def forget_unused(self) -> None:
        too_old = _unused_since(self.used)
        if self.folder is None or too_old is None:
            return
        for document in [*self.folder.glob("*.pdf"), *self.folder.glob("*.json")]:
            if document not in self.used and document.stat().st_mtime < too_old:
                document.unlink()


def _unused_since(used: Iterable[Path]) -> float | None:
    """The time before which a cache entry is unused for `KEEP_UNUSED_DAYS`, counted back from
    this build's own entries, just touched: the generator never reads the clock itself
    (tests/test_architecture.py). None when the build used no entry."""
    touched = [path.stat().st_mtime for path in used if path.is_file()]
    return max(touched) - KEEP_UNUSED_DAYS * 24 * 3600 if touched else None


def flyer_salt() -> str:
    """What changes a PDF besides its HTML: the printer and its font subsetter, the QR encoder,
    the fonts, how flyers are fitted (with HarfBuzz's measures of words), and the print style
    sheet."""
    check_fonts()
    printer = f"weasyprint {version('weasyprint')} {_font_subsetter()} segno {version('segno')}"
    tools = f"v{CACHE_VERSION} {printer} uharfbuzz {version('uharfbuzz')}"
    digest = hashlib.sha256(tools.encode())
    for name in FONT_NAMES:
        digest.update((locations.FONT_FILES / name).read_bytes())
    digest.update(code_digest("render/pdf.py", "render/flyer_height.py").encode())  # how flyers are fitted
    digest.update(print_style().encode())  # not in the documents' HTML
    return digest.hexdigest()


def _font_subsetter() -> str:
    """What cuts each PDF's fonts down to the letters it shows, as WeasyPrint chooses: Debian's
    HarfBuzz subsetter when the system has it (`make site` installs it), else fontTools, which
    is slower. The two write other bytes."""
    if ctypes.util.find_library("harfbuzz-subset") is None:
        return f"fonttools {version('fonttools')}"
    harfbuzz = ctypes.CDLL(ctypes.util.find_library("harfbuzz"))
    harfbuzz.hb_version_string.restype = ctypes.c_char_p
    return f"harfbuzz-subset {harfbuzz.hb_version_string().decode()}"


class _FlyerCache:
    """`<key>.json` per planned flyer (its key: `flyer_keys`): its parts, their layouts and the
    keys of their PDFs in `documents`, and the notes.

    Each build touches the entries it uses; an entry no build has used for `KEEP_UNUSED_DAYS`
    is removed, so that the cache does not grow with every edit. (The other branches a
    contributor builds keep theirs meanwhile.)
    """

    def __init__(self, folder: Path | None, documents: PrintedDocuments) -> None:
        self.folder = folder
        self.documents = documents

    def load(self, key: str, flyer: Flyer) -> _Fitted | None:
        index = self.folder / f"{key}.json" if self.folder else None
        if index is None or not index.is_file():
            return None
        entry = json.loads(index.read_text(encoding="utf-8"))
        os.utime(index)  # used: kept
        printed = []
        for part in entry["parts"]:
            pdf = self.documents.load(part["document"])
            if pdf is None:
                return None
            shown = replace(
                flyer, path=part["path"], title=part["title"], part=part["part"],
                origin=flyer.path if part["part"] else "",
                services=tuple(flyer.services[i] for i in part["services"]),
            )  # fmt: skip
            printed.append(PrintedFlyer(shown, part["layout"], pdf.data, part["pages"]))
        return _Fitted(printed, entry["notes"], [part["document"] for part in entry["parts"]])

    def store(self, key: str, planned: Flyer, fitted: _Fitted) -> None:
        if self.folder is None:
            return
        parts = []
        for printed, document in zip(fitted.printed, fitted.documents, strict=True):
            flyer = printed.flyer
            # Services by their place in the planned flyer: the same HTML may come from renamed records.
            shown = [planned.services.index(service) for service in flyer.services]
            parts.append({
                "path": flyer.path, "title": flyer.title, "part": flyer.part, "layout": printed.layout,
                "pages": printed.pages, "services": shown, "document": document,
            })  # fmt: skip
        entry = {"parts": parts, "notes": fitted.notes}
        write_whole(self.folder / f"{key}.json", json.dumps(entry, ensure_ascii=False).encode())

    def forget_unused(self, used: set[str]) -> None:
        """Remove the entries that no build has used for `KEEP_UNUSED_DAYS` (their PDFs too)."""
        if self.folder is None:
            return
        too_old = _unused_since(self.folder / f"{key}.json" for key in used)
        if too_old is None:
            return
        for index in self.folder.glob("*.json"):
            if index.stem not in used and index.stat().st_mtime < too_old:
                for pdf in self.folder.glob(f"{index.stem}-*.pdf"):  # the PDFs of version 2 entries
                    pdf.unlink()
                index.unlink()
