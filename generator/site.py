"""The one place that knows MkDocs: turn the generated Markdown folder into HTML.

The generator's own output is plain (Markdown pages, CSS, icons, data files);
replacing MkDocs (for example by Zensical, which reads mkdocs.yml) means
rewriting this module only.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .pages import Page

MKDOCS_CONFIG = Path(__file__).resolve().parent.parent / "mkdocs.yml"


class SiteBuildFailed(Exception):
    """MkDocs refused the generated pages (a broken link, a template error)."""


def navigation(pages: list[Page]) -> list[Any]:
    """The navigation: home, then one section per kind of page, in plan order."""
    nav: list[Any] = [{"Accueil": "index.md"}]
    sections: dict[str, list[dict[str, str]]] = {}
    for page in pages:
        if page.nav_section:
            if page.nav_section not in sections:
                sections[page.nav_section] = []
                nav.append({page.nav_section: sections[page.nav_section]})
            sections[page.nav_section].append({page.title: page.source})
    return nav


def build_html(docs_dir: Path, site_dir: Path, *, site_name: str, site_url: str, nav: list[Any]) -> None:
    """Build the static site; MkDocs warnings (strict mode) fail the build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    with _warnings_collected() as warnings:
        try:
            config = load_config(
                str(MKDOCS_CONFIG),
                docs_dir=str(docs_dir.resolve()),  # MkDocs reads relative paths from its config folder
                site_dir=str(site_dir),
                site_name=site_name,
                site_url=site_url,
                nav=nav,
            )
            build(config)
        except MkDocsException as error:
            raise SiteBuildFailed(_first(warnings) + str(error)) from None
        except SystemExit:  # MkDocs aborts a strict build this way
            raise SiteBuildFailed(_first(warnings) or "MkDocs a échoué.") from None


def _first(warnings: list[str], shown: int = 10) -> str:
    text = "".join(f"{warning}\n" for warning in warnings[:shown])
    if len(warnings) > shown:
        text += f"… et {len(warnings) - shown} autres avertissements.\n"
    return text


def serve_html(docs_dir: Path, *, site_name: str, nav: list[Any], port: int) -> None:
    """Serve the site locally; MkDocs rebuilds and reloads the browser when a page changes."""
    from mkdocs.commands.serve import serve

    serve(
        str(MKDOCS_CONFIG),
        docs_dir=str(docs_dir.resolve()),  # MkDocs reads relative paths from its config folder
        site_name=site_name,
        nav=nav,
        dev_addr=f"127.0.0.1:{port}",
        strict=False,
    )


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
