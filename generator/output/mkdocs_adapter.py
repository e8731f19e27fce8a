"""The one place that knows MkDocs: turn the generated Markdown folder into HTML.

The generator's own output is plain (Markdown pages, CSS, icons, data files);
replacing MkDocs (for example by Zensical, which reads mkdocs.yml) means
rewriting this module only. What MkDocs needs that it cannot know is handled
here too: the date of the output (`SOURCE_DATE_EPOCH`, from the content), the
large HTML blocks it need not parse (put back by `finish_pages`), and the pages
it need not render again (`KeptBuild`).
"""

from __future__ import annotations

import errno
import fcntl
import functools
import hashlib
import html
import json
import logging
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from datetime import time as day_start
from importlib.metadata import version
from pathlib import Path
from typing import Any
from unittest.mock import patch

from ..locations import (
    MKDOCS_CONFIG,
    OVERRIDES,
    code_digest,
    file_state,
    files_under,
    link_or_copy,
    remove_files_but,
    write_whole,
)
from ..render.environment import CompiledTemplates
from ..structure.languages import INTERFACE
from ..structure.navigation import Navigation
from .csp import with_policy
from .theme_assets import slim_theme_assets, tag_words


class SiteBuildFailed(Exception):
    """MkDocs refused the generated pages (a broken link, a template error)."""


class KeptBuild:
    """MkDocs' input and output kept in the cache between builds (`kept_build`).

    MkDocs' « dirty » build renders only the pages whose HTML is missing or older than their
    Markdown; the HTML of every file the writer changed is removed first, so that a change
    never hides behind a coarse file clock. A one-record change renders only the pages that
    show it. Whatever else a page depends on (the menu, the configuration, the theme, the list
    of files, the date) is in `setup`: when it changes, every page is rendered again.

    The finished pages are kept too (`finish`): a page is finished again only when MkDocs
    rendered it again or its deferred blocks changed (or someone wrote into it: the published
    site shares the finished pages by hard links). The output is the same as a full build's
    (tests/test_kept_build.py).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.docs = folder / "docs"
        self.site = folder / "site"
        self.setup_file = folder / "setup.sha256"
        self.finished = folder / "finished"
        self.finished_index = folder / "finished.json"

    def previous_setup(self) -> str | None:
        return self.setup_file.read_text(encoding="utf-8") if self.setup_file.is_file() else None

    def start(self, setup: str, changed: list[str]) -> bool:
        """Whether the kept HTML can be reused; if not, it is emptied. Until `done`, the kept
        HTML counts as unknown: a build that fails (a broken link) renders everything next time."""
        reusable = self.site.is_dir() and self.previous_setup() == setup
        self.setup_file.unlink(missing_ok=True)
        if not reusable:
            shutil.rmtree(self.site, ignore_errors=True)
        for source in changed:
            (self.site / _output_of(source)).unlink(missing_ok=True)
        return reusable

    def done(self, setup: str) -> None:
        self.setup_file.write_text(setup, encoding="utf-8")

    def finish(self, blocks: dict[str, list[str]]) -> set[str]:
        """Finish every page of `site` into `finished` (`finished_page`), reusing those finished
        before from the same HTML and blocks; return the words of all the pages' tags, for
        `slim_theme_assets`. Until it returns, every kept finished page counts as unknown."""
        index = self._finished_before()
        self.finished_index.unlink(missing_ok=True)
        pages: dict[str, dict[str, Any]] = {}
        word_sets: dict[str, list[str]] = {}
        waiting = {url for url, page_blocks in blocks.items() if page_blocks}
        for name in files_under(self.site, ".html"):
            path = self.site / name
            url = name.removesuffix("index.html") if path.name == "index.html" else None
            page_blocks = blocks.get(url, []) if url is not None else []
            waiting.discard(url)
            built = path.stat()  # MkDocs writes a page it renders again as a new file
            made_from = [built.st_ino, built.st_mtime_ns, built.st_size, _digest(page_blocks)]
            before = index["pages"].get(name)
            finished_as = file_state(self.finished / name)
            if before and before["made_from"] == made_from and before["finished_as"] == finished_as:
                words = index["words"][before["words"]]
            else:  # new, or its HTML or blocks changed, or the finished page was touched
                words = self._finish_page(path, name, page_blocks)
                finished_as = file_state(self.finished / name)
            words_key = _digest(words)  # pages share their tags' words: each set is kept once
            word_sets[words_key] = words
            pages[name] = {"made_from": made_from, "finished_as": finished_as, "words": words_key}
        if waiting:
            raise ValueError(f"pages lost by the site builder, with blocks to put back: {sorted(waiting)}")
        remove_files_but(self.finished, pages)  # the pages MkDocs no longer writes
        entry = {"finisher": _finisher(), "pages": pages, "words": word_sets}
        self.finished_index.write_text(json.dumps(entry, sort_keys=True), encoding="utf-8")
        return {word for words in word_sets.values() for word in words}

    def _finish_page(self, path: Path, name: str, blocks: list[str]) -> list[str]:
        page, words = finished_page(path.read_text(encoding="utf-8"), blocks, name)
        write_whole(self.finished / name, page.encode())  # a new file: the published one is a link
        return words

    def _finished_before(self) -> dict[str, Any]:
        empty: dict[str, Any] = {"pages": {}, "words": {}}
        if not self.finished_index.is_file():
            return empty
        index = json.loads(self.finished_index.read_text(encoding="utf-8"))
        return index if index.get("finisher") == _finisher() else empty

    def publish_into(self, site_dir: Path) -> None:
        """Make `site_dir` the site as it is published: MkDocs' files and the finished pages.

        `site_dir` may hold the site published before (`site_folder.building_beside`): a file
        that already is the right one (the same file, by a hard link) stays; any other is made
        again, and what is no longer published goes. A region's 6 000 folders and 9 000 files
        took 0.5 to 2.5 s to make again, depending on the disk.
        """
        site_dir.mkdir(parents=True, exist_ok=True)
        wanted = {name: (self.finished / name, True) for name in files_under(self.finished, ".html")}
        for name in files_under(self.site):
            if not name.endswith(".html"):
                wanted[name] = (self.site / name, name.endswith(_NEVER_WRITTEN))
        remove_files_but(site_dir, wanted)
        for name, (source, linked) in wanted.items():
            published = site_dir / name
            if linked and _same_file(source, published):
                continue
            published.parent.mkdir(parents=True, exist_ok=True)
            published.unlink(missing_ok=True)
            if linked:
                link_or_copy(str(source), str(published))
            else:  # rewritten in place after (`slim_theme_assets`): never shared
                shutil.copy2(source, published)


def _same_file(source: Path, published: Path) -> bool:
    try:
        return os.path.samefile(source, published)
    except FileNotFoundError:
        return False


def _digest(parts: list[str]) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


@functools.cache
def _finisher() -> str:
    """A digest of the code that finishes pages: when it changes, every page is finished again."""
    return code_digest("output/mkdocs_adapter.py", "output/csp.py", "output/theme_assets.py")


# Files the publishing never writes into: the published site shares them with the kept build
# (a hard link, where the file system allows it) instead of copying them at every build. MkDocs
# never writes into them either: `start` removes the output of every changed file first. The
# finished pages are shared too: `finish` writes a page again as a new file, and the one step
# that changes a published page afterwards (`announce_archive`) writes a new file as well.
# The theme's style sheets and scripts are copied: `slim_theme_assets` rewrites them in place.
_NEVER_WRITTEN = (".pdf", ".png", ".jpg", ".jpeg", ".woff2", ".woff", ".ico", ".csv")


@contextmanager
def kept_build(folder: Path) -> Iterator[KeptBuild]:
    """The kept build, for one build at a time (two builds at once take turns)."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "lock", "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield KeptBuild(folder)


def _output_of(source: str) -> str:
    """Where MkDocs writes a file of the docs folder (mkdocs.yml: use_directory_urls)."""
    if not source.endswith(".md"):
        return source
    page = source.removesuffix(".md")
    return f"{page}.html" if page == "index" or page.endswith("/index") else f"{page}/index.html"


def build_html(
    kept: KeptBuild,
    changed: list[str],
    site_dir: Path,
    *,
    site_name: str,
    site_url: str,
    nav: Navigation,
    dated: date,
    blocks: dict[str, list[str]],
    preview: bool = False,
) -> None:
    """Build the static site from `kept.docs` into `site_dir`, its pages finished (`finished_page`)
    with their deferred `blocks`; MkDocs warnings (strict mode) fail the build. `changed`: the
    files of `kept.docs` the writer changed.

    `dated` is the date the output carries (sitemap, archives): the content's, never the clock's.
    A `preview` carries a banner on every page and asks search engines not to index it.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    extra = {"interface": INTERFACE, "apercu": preview}
    setup = _setup(kept.docs, site_name=site_name, site_url=site_url, nav=nav, dated=dated, extra=extra)
    with _warnings_collected() as warnings, _source_date_epoch(dated), _dirty_build_is_expected():
        try:
            config = load_config(
                str(MKDOCS_CONFIG),
                docs_dir=str(kept.docs.resolve()),  # MkDocs reads relative paths from its config folder
                site_dir=str(kept.site.resolve()),
                site_name=site_name,
                site_url=site_url,
                nav=nav,
                extra=extra,
            )
            config.plugins["modeles-gardes"] = _kept_theme_templates()
            build(config, dirty=kept.start(setup, changed))
        except MkDocsException as error:
            raise SiteBuildFailed(_first(warnings) + str(error)) from None
        except SystemExit:  # MkDocs aborts a strict build this way
            raise SiteBuildFailed(_first(warnings) or "MkDocs a échoué.") from None
    kept.done(setup)
    words = kept.finish(blocks)
    kept.publish_into(site_dir)
    slim_theme_assets(site_dir, words)


def _kept_theme_templates() -> Any:
    """A plugin that keeps the theme's templates compiled in the cache (`CompiledTemplates`):
    MkDocs compiled them again at every build."""
    from mkdocs.plugins import BasePlugin

    class KeptThemeTemplates(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
        def on_env(self, env: Any, config: Any, files: Any) -> Any:
            env.bytecode_cache = CompiledTemplates(
                "theme", *(f"{name} {version(name)}" for name in ("mkdocs", "mkdocs-material"))
            )
            return env

    return KeptThemeTemplates()


def _setup(docs: Path, **options: Any) -> str:
    """A digest of everything a page's HTML depends on besides its own Markdown."""
    digest = hashlib.sha256(json.dumps(options, sort_keys=True, default=str, ensure_ascii=False).encode())
    for package in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions"):
        digest.update(f"{package} {version(package)}\n".encode())
    digest.update(MKDOCS_CONFIG.read_bytes())
    for path in sorted(OVERRIDES.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(OVERRIDES).as_posix().encode() + b"\0" + path.read_bytes())
    for name in files_under(docs):  # a page added or removed changes other pages' links
        digest.update(name.encode() + b"\0")
    return digest.hexdigest()


class _DirtyBuildWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave other pages' links stale; `KeptBuild` renders
    every page again whenever they could be, so the warning must not fail the strict build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


@contextmanager
def _dirty_build_is_expected() -> Iterator[None]:
    logger, quiet = logging.getLogger("mkdocs.commands.build"), _DirtyBuildWarning()
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)


def _first(warnings: list[str], shown: int = 10) -> str:
    text = "".join(f"{warning}\n" for warning in warnings[:shown])
    if len(warnings) > shown:
        text += f"… et {len(warnings) - shown} autres avertissements.\n"
    return text


class PortBusy(Exception):
    """The preview's port is taken by another program."""


def serve_html(docs_dir: Path, *, site_name: str, nav: Navigation, port: int) -> None:
    """Serve the site locally; MkDocs rebuilds and reloads the browser when a page changes.

    Only requests addressed to the preview itself are answered: a web page the
    contributor visits cannot reach it through another host name (DNS rebinding).
    """
    from mkdocs.commands import serve as mkdocs_serve

    guarded = _guarded_server({f"127.0.0.1:{port}", f"localhost:{port}"})
    try:
        with patch.object(mkdocs_serve, "LiveReloadServer", guarded):
            mkdocs_serve.serve(
                str(MKDOCS_CONFIG),
                docs_dir=str(docs_dir.resolve()),  # MkDocs reads relative paths from its config folder
                site_name=site_name,
                nav=nav,
                extra={"interface": INTERFACE},
                dev_addr=f"127.0.0.1:{port}",
                strict=False,
            )
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise PortBusy(f"le port {port} est déjà utilisé par un autre programme.") from None
        raise


def _guarded_server(hosts: set[str]) -> type[Any]:
    from mkdocs.livereload import LiveReloadServer

    class GuardedServer(LiveReloadServer):
        def serve_request(self, environ: dict[str, Any], start_response: Any) -> Any:
            if environ.get("HTTP_HOST") not in hosts:
                start_response("421 Misdirected Request", [("Content-Type", "text/plain; charset=utf-8")])
                return ["Cet aperçu ne répond qu'à l'adresse http://127.0.0.1 de cet ordinateur.".encode()]
            return super().serve_request(environ, start_response)

    return GuardedServer


@contextmanager
def _warnings_collected() -> Iterator[list[str]]:
    """Keep MkDocs quiet on success, and keep its warnings to explain a failure."""
    warnings: list[str] = []

    class Collector(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                warnings.append(record.getMessage())

    logger = logging.getLogger("mkdocs")
    handler, previous_level, previous_propagate = Collector(), logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        yield warnings
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)
        logger.propagate = previous_propagate


@contextmanager
def _source_date_epoch(dated: date) -> Iterator[None]:
    """Dates in the output (sitemap, archives) come from the content, never from the clock."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(int(datetime.combine(dated, day_start(), UTC).timestamp()))
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def finished_page(page: str, blocks: list[str], name: str) -> tuple[str, list[str]]:
    """A page as MkDocs wrote it, finished: its deferred blocks put back, what scrolls sideways
    made reachable, and the security policy added (`name` is for messages); with the words of
    its tags, so that the theme's files can be cut to what the pages use."""
    page = with_scrolling_boxes(with_blocks(page, blocks, name))
    return with_policy(page, name), sorted(tag_words(page))


def with_blocks(page: str, blocks: list[str], name: str) -> str:
    """The page with its deferred HTML blocks put back at their markers."""
    for number, block in enumerate(blocks):
        marker = f"<!--bloc {number}-->"
        if marker not in page:
            raise ValueError(f"{name}: marker {marker} lost by the site builder")
        page = page.replace(marker, block, 1)
    return page


_TABLE = re.compile(r"<table[ >].*?</table>", re.DOTALL)
_CAPTION = re.compile(r"<caption>(.*?)</caption>", re.DOTALL)


def with_scrolling_boxes(page: str) -> str:
    """What the theme's JavaScript, which the site does not load, would do: a table gets the
    theme's box that scrolls sideways on a phone, and the box and each code block take the
    keyboard focus, so that they can be scrolled without a mouse (WCAG 2.1.1). A box is named
    by its table's caption."""
    if "<table" not in page and "<pre><code>" not in page:
        return page
    return _TABLE.sub(_scrolling_box, page).replace("<pre><code>", '<pre><code tabindex="0">')


def _scrolling_box(table: re.Match[str]) -> str:
    caption = _CAPTION.search(table.group())
    name = html.unescape(re.sub(r"<[^>]*>", "", caption.group(1))) if caption else "Tableau"
    return (
        f'<div class="md-typeset__scrollwrap" tabindex="0" role="region" aria-label="{html.escape(name)}">'
        f'<div class="md-typeset__table">{table.group()}</div></div>'
    )
