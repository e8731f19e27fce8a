"""Files the pages need besides themselves: style sheet, script, self-hosted font, icons.

Nothing is fetched from another host when a page is read: the font comes from
the npm package @fontsource/atkinson-hyperlegible (SIL Open Font Licence),
installed by `make`. For the site it is cut down to the characters of French,
Dutch and English, without hinting instructions, which halves what a phone
downloads; the flyers embed it whole.
"""

from __future__ import annotations

import hashlib
import io

from markupsafe import Markup

from .. import locations
from ..locations import FONT_NAMES, FONT_WEIGHTS, ICONS, STATIC, font_cache, write_whole


class MissingAsset(Exception):
    """A file installed by `make` is absent."""


def check_fonts() -> None:
    """The font files the site and the flyers need, installed by `make` with npm."""
    for name in FONT_NAMES:
        if not (locations.FONT_FILES / name).is_file():
            raise MissingAsset(
                f"la police {name} manque ; lancez « make site » : il installe les paquets npm."
            )


def site_assets() -> dict[str, bytes]:
    """Files to publish, by their path in the site: "assets/falc.css", "assets/fonts/…"."""
    files = {
        f"assets/{item.name}": item.read_bytes()
        for folder in ("css", "js")
        for item in sorted((STATIC / folder).iterdir())
    }
    icons = sorted(item.name for item in ICONS.glob("*.svg"))
    files |= {f"assets/icons/{name}": (ICONS / name).read_bytes() for name in icons}
    files["assets/icones.css"] = "".join(
        f".icone-{name.removesuffix('.svg')}{{--icone:url(icons/{name})}}\n" for name in icons
    ).encode()
    check_fonts()
    for name in FONT_NAMES:
        files[f"assets/fonts/{name}"] = _web_font((locations.FONT_FILES / name).read_bytes())
    files["assets/falc.css"] = _font_faces().encode() + files["assets/falc.css"]
    return files


# The characters kept in the site's fonts; browsers read them in the @font-face rules.
WEB_FONT_CHARACTERS = [
    *range(0x20, 0x7F), *range(0xA0, 0x100), 0x152, 0x153, 0x178, 0x2013, 0x2014, 0x2018, 0x2019,
    0x201C, 0x201D, 0x2022, 0x2026, 0x202F, 0x20AC,
]  # fmt: skip


def _font_faces() -> str:
    """The @font-face rules of the site's fonts, written from the same list as the fonts."""
    ranges = ", ".join(
        f"U+{first:04X}" if first == last else f"U+{first:04X}-{last:04X}"
        for first, last in _runs(WEB_FONT_CHARACTERS)
    )
    return "".join(
        f'@font-face {{ font-family: "Atkinson Hyperlegible"; font-style: normal; font-display: swap; '
        f'font-weight: {weight}; src: url(fonts/{name}) format("woff2"); unicode-range: {ranges}; }}\n'
        for weight, name in zip(FONT_WEIGHTS, FONT_NAMES, strict=True)
    )


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """[1, 2, 3, 7] → [(1, 3), (7, 7)]."""
    runs: list[tuple[int, int]] = []
    for number in sorted(numbers):
        if runs and runs[-1][1] == number - 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


def _web_font(original: bytes) -> bytes:
    key = hashlib.sha256(original + repr(WEB_FONT_CHARACTERS).encode()).hexdigest()[:32]
    cached = font_cache() / f"{key}.woff2"
    if cached.is_file():
        return cached.read_bytes()
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(original), recalcTimestamp=False)  # the same bytes at every build
    options = subset.Options()
    options.layout_features = ["kern"]
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=WEB_FONT_CHARACTERS)
    subsetter.subset(font)
    output = io.BytesIO()
    font.flavor = "woff2"
    font.save(output)
    write_whole(cached, output.getvalue())
    return output.getvalue()


def icon(name: str) -> Markup:
    """An icon on a web page, hidden from screen readers: the text beside it says the same.

    The picture comes from `assets/icons/<name>.svg` through the style sheet
    (`icones.css`), so that a page listing a hundred services does not repeat it.
    """
    return Markup(f'<span class="icone icone-{name}" aria-hidden="true"></span>')
