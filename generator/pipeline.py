"""The pipeline every command runs, in four stages, top to bottom:

    check    read and validate the content (content/), lint its texts (falc/)
    print    print the flyers (render/pdf.py), from the cache when what they show is unchanged
    plan     every page, data file and address of the site (structure/, export/), checked
    publish  write the pages (render/), build the HTML, put the site in place (output/)

`build` runs the four; `serve` runs the first three and writes its preview;
`diff` runs check and plan on two revisions. Everything is checked before
anything is written, and the site is built beside the output folder: a
failed build leaves the last good site untouched.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .content.loader import load_content
from .content.model import Redirection
from .content.problems import Problem, errors
from .content.records import Content, last_checked
from .export.coverage import Coverage, coverage_figures
from .export.open_data import DataFile, data_files, open_data_pages
from .falc.lint import FalcReport, lint_content
from .locations import (
    falc_cache,
    flyer_cache,
    markdown_cache,
    notice_cache,
    offline_pages_cache,
    search_copies_cache,
    site_builder_cache,
    tracked_cache_files,
)
from .output.csp import UnexpectedScript
from .output.mkdocs_adapter import SiteBuildFailed, build_html, kept_build, serve_html
from .output.offline_copy import OfflineArchive, announce_archive, write_offline_archive
from .output.search_index import SearchIndexFailed, indexing_for_search
from .output.site_folder import ForeignFolder, building_beside, refuse_foreign_folder
from .output.theme_assets import ThemeAssetsFailed
from .output.writer import SiteFiles
from .render.assets import MissingAsset, site_assets
from .render.kept_markdown import KeptMarkdown
from .render.markdown import SiteRenderer
from .render.pdf import print_flyers as print_pdfs
from .render.redirects import redirection_files
from .structure import urls
from .structure.addresses import (
    AddressListRefused,
    read_address_list,
    redirection_problems,
    removed_addresses,
    vanished_flyer_parts,
    write_address_list,
)
from .structure.flyers import FlyerReport, is_proof, plan_flyers
from .structure.navigation import navigation
from .structure.pages import Page, plan_pages, refuse_duplicates

FALLBACK_EDITION = date(2025, 1, 1)  # the date of a site without any record


class BuildFailed(Exception):
    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


# --- 1. Check ----------------------------------------------------------------------------


@dataclass
class Checked:
    """The content once validated and linted, with every problem found."""

    content_dir: Path
    content: Content | None
    problems: list[Problem]
    falc: FalcReport | None = None

    @property
    def valid(self) -> bool:
        return self.content is not None and not errors(self.problems)


def check(content_dir: Path, today: date) -> Checked:
    """Validate, then check the FALC rules of every record that could be read, even when others
    have errors: a contributor fixes everything in one round."""
    readable, problems = load_content(content_dir, today, readable=True)
    problems += [_planted_cache(name) for name in tracked_cache_files()]
    if readable is None:
        return Checked(content_dir, None, problems)
    falc = lint_content(readable, falc_cache())
    content = None if errors(problems) else readable  # nothing is built from invalid content
    return Checked(content_dir, content, sorted(problems + falc.problems()), falc)


def _planted_cache(name: str) -> Problem:
    return Problem(
        name, 0, "", "fichier/cache-suivi",
        "Ce fichier de cache est enregistré dans le dépôt : une construction pourrait le reprendre.",
        "supprimez-le du dépôt (« git rm -r --cached .cache ») ; le cache est hors du dépôt.",
    )  # fmt: skip


def valid_content(checked: Checked) -> Content:
    if checked.content is None or not checked.valid:
        raise BuildFailed("le contenu contient des erreurs.", checked.problems)
    return checked.content


# --- 2. Print the flyers -----------------------------------------------------------------


def print_flyers(checked: Checked) -> FlyerReport:
    content = valid_content(checked)
    try:
        return print_pdfs(plan_flyers(content), content, flyer_cache())
    except MissingAsset as missing:
        raise BuildFailed(str(missing), checked.problems) from None


# --- 3. Plan -----------------------------------------------------------------------------


@dataclass
class SitePlan:
    """Everything the site will hold, checked, before anything is written."""

    checked: Checked
    content: Content
    pages: list[Page]
    flyers: FlyerReport | None
    data: list[DataFile]
    coverage: Coverage
    addresses: set[str]  # every address the site serves: "/services/x/", "/flyers/publics/jeunes.pdf"
    published: dict[str, int] | None  # the basin's list of published addresses, if it keeps one
    moved_parts: list[Redirection]  # parts of split flyers no longer printed, sent to their page
    problems: list[Problem] = field(default_factory=list)  # warnings and notices, for the report

    @property
    def redirections(self) -> list[Redirection]:
        """Every address that leads elsewhere: the basin's redirections and the vanished flyer parts."""
        return [*self.content.redirections, *self.moved_parts]


def plan(checked: Checked, flyers: FlyerReport | None, today: date) -> SitePlan:
    content = valid_content(checked)
    coverage = coverage_figures(content, today)
    data, data_problems = data_files(content, coverage, today)
    if data_problems:
        raise BuildFailed("l'export des données ouvertes est refusé.", checked.problems + data_problems)
    printed = flyers.printed if flyers else None
    pages = plan_pages(content, checked.falc, printed) + open_data_pages(content, data, coverage)
    refuse_duplicates(pages)
    addresses = {urls.rooted(page.url) for page in pages}
    addresses |= {urls.rooted(p.flyer.path) for p in printed or []}
    try:
        published = read_address_list(checked.content_dir)
    except AddressListRefused as refused:
        raise BuildFailed("la liste des adresses publiées est refusée.", [refused.problem]) from None
    problems = redirection_problems(content, addresses)
    moved_parts = []
    if published is not None:
        served = addresses | {redirection.de for redirection in content.redirections}
        moved_parts = vanished_flyer_parts(published, served, printed or [])
        served |= {redirection.de for redirection in moved_parts}
        problems += removed_addresses(checked.content_dir, published, served, pdfs_built=flyers is not None)
    if problems:
        raise BuildFailed("des adresses publiées ne mèneraient plus nulle part.", checked.problems + problems)
    return SitePlan(
        checked, content, pages, flyers, data, coverage, addresses, published, moved_parts, checked.problems
    )


# --- 4. Publish --------------------------------------------------------------------------


def docs_files(site: SitePlan, blocks: dict[str, list[str]] | None = None) -> SiteFiles:
    """The site builder's input: Markdown pages, assets, flyers, data files, redirections.

    With `blocks`, the large HTML blocks are kept out of the Markdown (see `SiteRenderer`).
    """
    renderer = SiteRenderer(site.content, site.flyers.printed if site.flyers else [], blocks is not None)
    kept = KeptMarkdown(markdown_cache(deferred_blocks=blocks is not None))
    files = SiteFiles()
    for page, text in zip(site.pages, renderer.render_all(site.pages, kept), strict=True):
        files.add(page.source, text.encode())
    files.add(urls.COMMUNE_FINDER_DATA, renderer.commune_finder_script())
    try:
        files.add_all(site_assets())
        files.add_all(redirection_files(site.content, site.redirections, notice_cache()))
    except MissingAsset as missing:
        raise BuildFailed(str(missing), site.problems) from None
    files.add_all(
        {printed.flyer.path: printed.pdf for printed in (site.flyers.printed if site.flyers else [])}
    )
    files.add_all({data.path: data.data for data in site.data})
    if blocks is not None:
        blocks |= renderer.blocks
    return files


def publish(site: SitePlan, out_dir: Path, preview: bool = False) -> OfflineArchive | None:
    """Write the pages, build the HTML beside `out_dir`, then put it in place.

    With the flyers, the site is also packed for a USB key, announced on the flyers page.
    A `preview` (a proposed change, for its reviewers) says so on every page and asks search
    engines not to index it.
    """
    out_dir = out_dir.resolve()
    try:
        refuse_foreign_folder(out_dir)
    except ForeignFolder as foreign:
        raise BuildFailed(str(foreign)) from None
    with building_beside(out_dir) as work, kept_build(site_builder_cache()) as kept:
        html = work / "site"
        blocks: dict[str, list[str]] = {}
        changed = docs_files(site, blocks).write(kept.docs)
        try:
            build_html(
                kept, changed, html, site_name=site.content.basin.titre_site,
                site_url=site.content.basin.adresse_site, nav=navigation(site.pages),
                dated=edition_date(site.content), blocks=blocks, preview=preview,
            )  # fmt: skip
            with indexing_for_search(html, search_copies_cache()):  # meanwhile, the archive is packed
                archive = _pack_for_usb_key(site, html) if site.flyers else None
            if archive:
                announce_archive(html, urls.FLYERS, archive)  # once the search has read the page
        except SiteBuildFailed as failure:
            raise BuildFailed(f"MkDocs a refusé les pages générées :\n{failure}", site.problems) from None
        except ThemeAssetsFailed as failure:
            raise BuildFailed(str(failure)) from None
        except SearchIndexFailed as failure:
            raise BuildFailed(f"Pagefind n'a pas pu indexer le site pour la recherche :\n{failure}") from None
        except UnexpectedScript as unexpected:
            raise BuildFailed(f"une page contient un script que personne n'a écrit : {unexpected}") from None
    if site.published is not None:
        served = site.addresses | {redirection.de for redirection in site.redirections}
        write_address_list(site.checked.content_dir, set(site.published) | served)
    return archive


def _pack_for_usb_key(site: SitePlan, html: Path) -> OfflineArchive:
    return write_offline_archive(
        html, edition_date(site.content), site.content.basin.adresse_site, offline_pages_cache()
    )


def edition_date(content: Content) -> date:
    """The date the site carries: its newest check, never the clock's."""
    return last_checked(list(content.services.values())) or FALLBACK_EDITION


def preview(site: SitePlan, docs: Path, port: int) -> None:
    """Serve the written preview folder; MkDocs reloads the browser when a file changes."""
    serve_html(docs, site_name=site.content.basin.titre_site, nav=navigation(site.pages), port=port)


# --- The whole build ---------------------------------------------------------------------


@dataclass
class BuildReport:
    out: Path
    pages: int
    services: int
    seconds: float
    problems: list[Problem] = field(default_factory=list)
    flyers: FlyerReport | None = None
    archive: OfflineArchive | None = None

    def lines(self) -> list[str]:
        usb_key = []
        if self.archive:
            usb_key = [f"Site pour clé USB : {urls.OFFLINE_ARCHIVE}, {self.archive.size / 1_000_000:.1f} Mo."]
        return [
            *(self.flyers.lines() if self.flyers else []),
            *usb_key,
            f"Site construit dans {self.out} : {self.pages} pages, {self.services} services, "
            f"en {self.seconds:.1f} s.",
        ]


def build(
    content_dir: Path,
    out_dir: Path,
    *,
    today: date,
    flyers: bool = True,
    publication: bool = False,
    preview: bool = False,
) -> BuildReport:
    """The whole site; for `publication`, only with flyers fit to hand out (no proof mark)."""
    started = time.perf_counter()
    checked = check(content_dir, today)
    content = valid_content(checked)
    if publication and is_proof(content):
        raise BuildFailed(
            "une construction pour publier demande l'adresse définitive du site : "
            "écrivez-la dans « adresse_site » et « adresse_site_confirmee: true » dans bassin.yml.",
            checked.problems,
        )
    if publication and not (content.basin.contact_email or content.basin.depot_github):
        raise BuildFailed(
            "une construction pour publier demande un moyen de signaler une erreur : "
            "écrivez « contact_email » (une adresse du service, pas d'une personne) "
            "ou « depot_github » dans bassin.yml.",
            checked.problems,
        )
    printed = print_flyers(checked) if flyers else None
    site = plan(checked, printed, today)
    archive = publish(site, out_dir, preview)
    seconds = time.perf_counter() - started
    return BuildReport(
        out_dir.resolve(),
        len(site.pages),
        len(site.content.services),
        seconds,
        site.problems,
        printed,
        archive,
    )
