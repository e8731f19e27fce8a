"""Where the generator finds its own files, and where it keeps what it computed.

The one place for file-system paths, so that no stage has to know another's
folders. (Public web addresses are another matter: `structure/urls.py`.)
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Collection
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE.parent
MKDOCS_CONFIG = PROJECT_ROOT / "mkdocs.yml"
OVERRIDES = PROJECT_ROOT / "overrides"  # the theme's templates we replace (mkdocs.yml: custom_dir)

# Files the site serves as they are: style sheet, script, icons.
STATIC = PACKAGE / "render" / "static"
ICONS = STATIC / "icons"

# The self-hosted font, installed by `make` from the npm package @fontsource/atkinson-hyperlegible.
FONT_FILES = PROJECT_ROOT / "node_modules" / "@fontsource" / "atkinson-hyperlegible" / "files"
FONT_WEIGHTS = (400, 700)
FONT_NAMES = tuple(f"atkinson-hyperlegible-latin-{weight}-normal.woff2" for weight in FONT_WEIGHTS)

# Cuts the theme's style sheet to the rules the pages use (output/theme_assets.py); npm package purgecss.
PURGECSS = PROJECT_ROOT / "node_modules" / "purgecss" / "bin" / "purgecss.js"


def cache_root() -> Path:
    """Expensive results kept between builds: language analyses, PDFs, fonts.

    Outside the checkout (the user's cache folder, as XDG says), so that a
    pull request can never plant a PDF or an analysis the build would reuse.
    `GENERATOR_CACHE` points elsewhere (the tests and benchmarks use a folder
    of their own). Read at each call, so that a caller can set it at any time.
    """
    if "GENERATOR_CACHE" in os.environ:
        return Path(os.environ["GENERATOR_CACHE"])
    user_cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return user_cache / "mobilite-solidaire"


def code_digest(*patterns: str) -> str:
    """A digest of the generator's own files that match `patterns` ("falc/*.py", relative to
    the package): a cache keyed with it starts again when the code that fills it changes."""
    digest = hashlib.sha256()
    for pattern in patterns:
        for source in sorted(path for path in PACKAGE.glob(pattern) if path.is_file()):
            digest.update(source.relative_to(PACKAGE).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def write_whole(path: Path, data: bytes) -> None:
    """Write a file beside its place, then rename it: a build stopped midway, or running beside
    this one, never finds it half written, and a file shared by a hard link keeps its old text."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def file_state(path: Path) -> list[int] | None:
    """What tells a file from its next version: a file written whole is a new inode, and a file
    written in place (a published page, shared by a hard link) gets a new time."""
    try:
        state = path.stat()
    except FileNotFoundError:
        return None
    return [state.st_ino, state.st_mtime_ns, state.st_size]


def link_or_copy(source: str, destination: str) -> None:
    """A hard link to a file no one writes into (it is only ever replaced whole), or a copy."""
    try:
        os.link(source, destination)
    except OSError:  # another file system, or one without links
        shutil.copy2(source, destination)


def files_under(folder: Path, ending: str = "") -> list[str]:
    """The files of `folder` whose names end with `ending`, as sorted paths relative to it
    ("services/x/index.html"); none when it does not exist. A large site has 6 000 folders:
    `os.walk` lists them three times faster than `Path.rglob`, and every build lists them."""
    found = []
    top = os.path.join(folder, "")  # "site/": how the path of every folder in it starts
    for parent, _, names in os.walk(folder):
        prefix = os.path.join(parent, "")[len(top) :].replace(os.sep, "/")  # "services/x/"
        found += [prefix + name for name in names if name.endswith(ending)]
    return sorted(found)


def remove_files_but(folder: Path, kept: Collection[str]) -> None:
    """Remove the files of `folder` whose path in it is not `kept`, and the folders that leaves
    empty."""
    for name in files_under(folder):
        if name not in kept:
            path = folder / name
            path.unlink()
            while (path := path.parent) != folder and not any(path.iterdir()):
                path.rmdir()


def tracked_cache_files() -> list[str]:
    """Files committed under `.cache/` (the old cache folder): the build refuses them."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--", ".cache"], cwd=PROJECT_ROOT, capture_output=True, check=False
        )
    except OSError:  # no git on this machine: no repository to check
        return []
    return sorted(name for name in listed.stdout.decode(errors="replace").split("\0") if name)


def falc_cache() -> Path:
    return cache_root() / "falc" / "analyses.sqlite"


def falc_worker_folder() -> Path:
    """The socket of the language-analysis worker that outlives a build (falc/worker.py)."""
    return cache_root() / "falc-worker"


def flyer_cache() -> Path:
    return cache_root() / "flyers"


def site_builder_cache() -> Path:
    """MkDocs' input and output, kept so that a build renders only the pages that changed."""
    return cache_root() / "mkdocs"


def markdown_cache(deferred_blocks: bool) -> Path:
    """The pages' Markdown, kept by what they are made of (render/kept_markdown.py); the live
    preview's pages hold their blocks, the build's do not: each kind has its folder."""
    return cache_root() / "markdown" / ("deferred-blocks" if deferred_blocks else "whole")


def notice_cache() -> Path:
    """The one-page notices left at the address of a flyer no longer printed."""
    return cache_root() / "notices"


def offline_pages_cache() -> Path:
    """The pages of the USB key's archive, compressed, kept from one build to the next."""
    return cache_root() / "offline-pages"


def search_copies_cache() -> Path:
    """The pages as the search reads them, kept from one build to the next (output/search_index.py)."""
    return cache_root() / "search-copies"


def template_cache() -> Path:
    """The templates compiled by Jinja, kept so that a build does not compile them again."""
    return cache_root() / "templates"


def font_cache() -> Path:
    return cache_root() / "fonts"


def theme_css_cache() -> Path:
    return cache_root() / "theme-css"


def icon_names() -> set[str]:
    """The icons a record may name (files of `render/static/icons/`, without `.svg`)."""
    return {path.stem for path in ICONS.glob("*.svg")}
