"""Files the pages need besides themselves: style sheet, script, self-hosted font, icons.

Nothing is fetched from another host when a page is read: the font comes from
the npm package @fontsource/atkinson-hyperlegible (SIL Open Font Licence),
installed by `make`, and is copied into the site.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from markupsafe import Markup

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FONT_FILES = PROJECT_ROOT / "node_modules" / "@fontsource" / "atkinson-hyperlegible" / "files"
FONT_NAMES = ("atkinson-hyperlegible-latin-400-normal.woff2", "atkinson-hyperlegible-latin-700-normal.woff2")


class MissingAsset(Exception):
    """A file installed by `make` is absent."""


def site_assets() -> dict[str, bytes]:
    """Files to publish, by their path in the site: "assets/falc.css", "assets/fonts/…"."""
    packaged = resources.files("generator").joinpath("assets")
    files = {
        f"assets/{item.name}": item.read_bytes()
        for folder in ("css", "js")
        for item in packaged.joinpath(folder).iterdir()
    }
    for name in FONT_NAMES:
        font = FONT_FILES / name
        if not font.is_file():
            raise MissingAsset(
                f"la police {name} manque ; lancez « make site » : il installe les paquets npm."
            )
        files[f"assets/fonts/{name}"] = font.read_bytes()
    return files


@cache
def icon(name: str) -> Markup:
    """An inline SVG icon, hidden from screen readers: the text beside it says the same."""
    svg = resources.files("generator").joinpath(f"assets/icons/{name}.svg").read_text(encoding="utf-8")
    return Markup(f'<span class="icone" aria-hidden="true">{svg}</span>')


def icon_exists(name: str) -> bool:
    return resources.files("generator").joinpath(f"assets/icons/{name}.svg").is_file()
