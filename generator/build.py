"""The build, top to bottom: check (load, validate, FALC) → plan (flyers, data, pages,
addresses) → publish (Markdown, MkDocs, deferred blocks) → swap.

Everything is checked before anything is written, and the site is built in a
temporary folder beside the output: the published folder is replaced only
when the whole build succeeded, so a failed build leaves the last good site
untouched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from datetime import time as day_start
from pathlib import Path

from .addresses import read_address_list, redirect_page, removed_addresses, write_address_list
from .assets import MissingAsset, site_assets
from .content import Content, last_checked
from .coverage import compute as compute_coverage
from .exports import data_files
from .falc.lint import FalcReport, lint_content
from .flyers import moved_notice_html, plan_flyers
from .pages import Page, plan_pages
from .pdf import FlyerReport, PrintedFlyer, print_flyers, render_pdf
from .problems import Problem, errors
from .render import SiteRenderer, insert_blocks
from .site import SiteBuildFailed, build_html, navigation
from .validate import load_content

OUTPUT_MARKER = ".genere-par-generator"  # proves a folder is ours before we replace it


class BuildFailed(Exception):
    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass
class BuildReport:
    out: Path
    pages: int
    services: int
    seconds: float
    problems: list[Problem] = field(default_factory=list)
    flyers: FlyerReport | None = None

    def lines(self) -> list[str]:
        return [
            *(self.flyers.lines() if self.flyers else []),
            f"Site construit dans {self.out} : {self.pages} pages, {self.services} services, "
            f"en {self.seconds:.1f} s.",
        ]


@dataclass
class CheckedContent:
    """The content once validated and linted, with every problem found."""

    content: Content | None
    problems: list[Problem]
    falc: FalcReport | None = None

    @property
    def valid(self) -> bool:
        return self.content is not None and not errors(self.problems)


def check_content(content_dir: Path, today: date) -> CheckedContent:
    """Validate, then check the FALC rules on valid content."""
    content, problems = load_content(content_dir, today)
    if content is None:
        return CheckedContent(None, problems)
    falc = lint_content(content)
    return CheckedContent(content, sorted(problems + falc.problems()), falc)


def build_site(content_dir: Path, out_dir: Path, *, today: date, flyers: bool = True) -> BuildReport:
    started = time.perf_counter()
    checked = check_content(content_dir, today)
    if checked.content is None or not checked.valid:
        raise BuildFailed("le contenu contient des erreurs.", checked.problems)
    out_dir = out_dir.resolve()
    _refuse_foreign_folder(out_dir)
    planned = _plan(content_dir, checked, today, flyers)
    _publish(checked.content, planned, out_dir, checked.problems)
    if planned.published is not None:
        write_address_list(content_dir, set(planned.published) | planned.addresses)
    seconds = time.perf_counter() - started
    return BuildReport(
        out_dir, len(planned.pages), len(checked.content.services), seconds, checked.problems, planned.flyers
    )


@dataclass
class _Planned:
    """Everything the site will hold, checked, before anything is written."""

    pages: list[Page]
    flyers: FlyerReport | None
    files: dict[str, bytes]  # data files, redirections: path in the site → bytes
    addresses: set[str]
    published: dict[str, int] | None  # the address list of the basin, if it keeps one


def _plan(content_dir: Path, checked: CheckedContent, today: date, with_flyers: bool) -> _Planned:
    content, problems = checked.content, checked.problems
    assert content is not None
    try:
        flyer_report = print_flyers(plan_flyers(content), content) if with_flyers else None
    except MissingAsset as missing:
        raise BuildFailed(str(missing), problems) from None
    printed = flyer_report.printed if flyer_report else None
    coverage = compute_coverage(content, today)
    data, data_problems = data_files(content, coverage)
    if data_problems:
        raise BuildFailed("l'export des données ouvertes est refusé.", problems + data_problems)
    pages = plan_pages(content, checked.falc, printed, (data, coverage))
    addresses = _site_addresses(content, pages, printed)
    published = read_address_list(content_dir)
    address_problems = _check_redirections(content, addresses)
    if published is not None:
        address_problems += removed_addresses(content_dir, published, addresses, pdfs_built=with_flyers)
    if address_problems:
        raise BuildFailed("des adresses publiées ne mèneraient plus nulle part.", problems + address_problems)
    files = _redirection_files(content) | {file.path: file.data for file in data}
    return _Planned(pages, flyer_report, files, addresses, published)


def _publish(content: Content, planned: _Planned, out_dir: Path, problems: list[Problem]) -> None:
    """Write the site in a temporary folder beside `out_dir`, then put it in place."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    printed = planned.flyers.printed if planned.flyers else None
    with tempfile.TemporaryDirectory(prefix=".construction-", dir=out_dir.parent) as work:
        docs, html = Path(work) / "docs", Path(work) / "site"
        blocks: dict[str, list[str]] = {}
        try:
            write_docs(content, planned.pages, docs, printed, planned.files, blocks)
            with _source_date_epoch(content):
                build_html(
                    docs, html, site_name=content.basin.titre_site, site_url=content.basin.adresse_site,
                    nav=navigation(planned.pages),
                )  # fmt: skip
            insert_blocks(html, blocks)
        except MissingAsset as missing:
            raise BuildFailed(str(missing), problems) from None
        except SiteBuildFailed as failure:
            raise BuildFailed(f"MkDocs a refusé les pages générées :\n{failure}", problems) from None
        (html / OUTPUT_MARKER).write_text("Dossier écrit par python -m generator build.\n")
        _swap(html, out_dir, Path(work) / "ancien-site")


def write_docs(
    content: Content,
    pages: list[Page],
    docs: Path,
    flyers: list[PrintedFlyer] | None = None,
    extra_files: dict[str, bytes] | None = None,
    blocks: dict[str, list[str]] | None = None,
) -> int:
    """Write the Markdown pages, assets and flyers; return how many files changed.

    Unchanged files are not rewritten and files of pages that no longer exist
    are removed, so that the live preview reloads exactly what changed.
    """
    renderer = SiteRenderer(content, flyers or [], defer_blocks=blocks is not None)
    outputs: dict[Path, bytes] = {docs / page.source: renderer.render(page).encode() for page in pages}
    outputs |= {docs / path: data for path, data in site_assets().items()}
    outputs |= {docs / printed.flyer.path: printed.pdf for printed in flyers or []}
    outputs |= {docs / path: data for path, data in (extra_files or {}).items()}
    if blocks is not None:
        blocks |= renderer.blocks
    changed = sum(_write_if_changed(path, data) for path, data in outputs.items())
    if docs.is_dir():
        for stale in [p for p in docs.rglob("*") if p.is_file() and p not in outputs]:
            stale.unlink()
            changed += 1
    return changed


def _site_addresses(content: Content, pages: list[Page], flyers: list[PrintedFlyer] | None) -> set[str]:
    """Every address the new site serves: its pages, its PDFs and its redirections."""
    return (
        {"/" + page.url for page in pages}
        | {"/" + printed.flyer.path for printed in flyers or []}
        | {redirection.de for redirection in content.redirections}
    )


def _check_redirections(content: Content, addresses: set[str]) -> list[Problem]:
    document = content.origins.get("redirections")
    problems = []
    redirected = {r.de for r in content.redirections}
    for index, redirection in enumerate(content.redirections):
        if redirection.vers not in addresses or redirection.vers in redirected:
            problems.append(
                Problem(
                    document.display if document else "content/redirections.yml",
                    document.line_of(("redirections", index, "vers")) if document else 0,
                    f"redirections[{index + 1}].vers",
                    "adresse/redirection-vers-rien",
                    f"La redirection mène à {redirection.vers}, qui n'est pas une page du site.",
                    "indiquez l'adresse d'une page qui existe, par exemple « /services/nouveau-nom/ ».",
                )
            )
    return problems


def _redirection_files(content: Content) -> dict[str, bytes]:
    """At each old address: a page that sends readers on, or for a PDF, a notice with a QR code."""
    files = {}
    for redirection in content.redirections:
        old = redirection.de.lstrip("/")
        if old.endswith(".pdf"):
            address = content.basin.adresse_site.rstrip("/") + redirection.vers
            files[old] = render_pdf(moved_notice_html(address, content), b"redirection-pdf0")[0]
        else:
            files[old + "index.html"] = redirect_page(redirection)
    return files


def _write_if_changed(path: Path, data: bytes) -> int:
    if path.is_file() and path.read_bytes() == data:
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return 1


def _refuse_foreign_folder(out_dir: Path) -> None:
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / OUTPUT_MARKER).exists():
        raise BuildFailed(
            f"le dossier {out_dir} existe et ne vient pas du générateur : il ne sera pas remplacé. "
            "Choisissez un autre dossier avec --out, ou videz celui-ci."
        )


def _swap(new: Path, out_dir: Path, trash: Path) -> None:
    """Put the new site in place with two renames in the same folder."""
    if out_dir.exists():
        out_dir.rename(trash)
    new.rename(out_dir)
    shutil.rmtree(trash, ignore_errors=True)


@contextmanager
def _source_date_epoch(content: Content) -> Iterator[None]:
    """Dates in the output (sitemap, archives) come from the content, never from the clock."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    newest = last_checked(list(content.services.values())) or date(2025, 1, 1)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(datetime.combine(newest, day_start(), UTC).timestamp()))
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
