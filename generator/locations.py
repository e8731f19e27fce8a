"""Where the generator finds its own files, and where it keeps what it computed.

The one place for file-system paths, so that no stage has to know another's
folders. (Public web addresses are another matter: `structure/urls.py`.)
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE.parent
MKDOCS_CONFIG = PROJECT_ROOT / "mkdocs.yml"

# Files the site serves as they are: style sheet, script, icons.
STATIC = PACKAGE / "render" / "static"
ICONS = STATIC / "icons"

# The self-hosted font, installed by `make` from the npm package @fontsource/atkinson-hyperlegible.
FONT_FILES = PROJECT_ROOT / "node_modules" / "@fontsource" / "atkinson-hyperlegible" / "files"
FONT_WEIGHTS = (400, 700)
FONT_NAMES = tuple(f"atkinson-hyperlegible-latin-{weight}-normal.woff2" for weight in FONT_WEIGHTS)


def cache_root() -> Path:
    """Expensive results kept between builds: language analyses, PDFs, fonts.

    `GENERATOR_CACHE` points elsewhere (the tests and benchmarks use a folder
    of their own). Read at each call, so that a caller can set it at any time.
    """
    return Path(os.environ.get("GENERATOR_CACHE", PROJECT_ROOT / ".cache"))


def falc_cache() -> Path:
    return cache_root() / "falc" / "analyses.json"


def flyer_cache() -> Path:
    return cache_root() / "flyers"


def font_cache() -> Path:
    return cache_root() / "fonts"


def icon_names() -> set[str]:
    """The icons a record may name (files of `render/static/icons/`, without `.svg`)."""
    return {path.stem for path in ICONS.glob("*.svg")}
