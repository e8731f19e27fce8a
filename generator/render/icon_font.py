"""The icons of the flyers, as the letters of a font made from `static/icons/*.svg`.

WeasyPrint draws an inline SVG with its own Python code at every use: about
2 ms an icon, a third of a short flyer's print (a picture and a phone per
service). A letter costs it next to nothing, and stays a vector outline: the
font is embedded once in each PDF, with only the letters it uses.

Each icon is the letter of a private-use code point (U+E000 on, in the order
of the icons' names). Its drawing fills one em, all above the baseline: in a
box one em wide and tall (flyer.css), it prints where the SVG picture did, to
the pixel (`tests/test_flyers.py`). The font is made in memory by fontTools
(already used to measure the text, see `flyer_height.py`) and given to the
flyer in its style sheet: a flyer's HTML stays a self-contained document, and
the same icons always give the same bytes.
"""

from __future__ import annotations

import base64
import io
import re
from functools import cache

from markupsafe import Markup

from ..locations import ICONS

FAMILY = "Pictogrammes flyers"
_FIRST_CODE_POINT = 0xE000
_VIEW_BOX = 24  # every icon of static/icons draws in a 24 by 24 view box (Material Design Icons)
_UNITS = 100  # font units per view box unit: one em is the whole view box, above the baseline
_EM = _VIEW_BOX * _UNITS
_PATH = re.compile(r' d="([^"]+)"')
_UNIX_EPOCH = 0x7C259DC0  # 1 January 1970, in the seconds since 1904 that fonts count


@cache
def letter_icon(name: str) -> Markup:
    """An icon on a flyer: one letter of the font (`icon_style`). The text beside it says the
    same (`aria-hidden`)."""
    return Markup(f'<span class="icone" aria-hidden="true">{_letter(name)}</span>')


@cache
def icon_style() -> str:
    """The font, inside its @font-face rule, and the icons written with it."""
    data = base64.b64encode(_font()).decode("ascii")
    return (
        f'@font-face {{ font-family: "{FAMILY}"; src: url(data:font/ttf;base64,{data}); }}\n'
        f'.icone {{ font-family: "{FAMILY}"; font-weight: normal; font-style: normal; }}\n'
    )


def _letter(name: str) -> str:
    return chr(_FIRST_CODE_POINT + _names().index(name))


@cache
def _names() -> list[str]:
    return sorted(path.stem for path in ICONS.glob("*.svg"))


def _font() -> bytes:
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    glyphs = {".notdef": TTGlyphPen(None).glyph()} | {name: _glyph(name) for name in _names()}
    builder = FontBuilder(_EM, isTTF=True)
    # Not the time it is made, so that the same icons give the same bytes; and not 0, which
    # fontTools warns about each time the printer reads the font.
    builder.updateHead(created=_UNIX_EPOCH, modified=_UNIX_EPOCH)
    builder.setupGlyphOrder(list(glyphs))
    builder.setupCharacterMap({ord(_letter(name)): name for name in _names()})
    builder.setupGlyf(glyphs)
    outlines = builder.font["glyf"]  # a glyph starts where its outline does: its left side bearing
    builder.setupHorizontalMetrics(
        {name: (0 if name == ".notdef" else _EM, outlines[name].xMin) for name in glyphs}
    )
    # The whole em above the baseline: where the printer puts an SVG picture of the same size.
    builder.setupHorizontalHeader(ascent=_EM, descent=0)
    builder.setupNameTable({"familyName": FAMILY, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=_EM, sTypoDescender=0, usWinAscent=_EM, usWinDescent=0)
    builder.setupPost()
    output = io.BytesIO()
    builder.save(output)
    return output.getvalue()


def _glyph(name: str):  # type: ignore[no-untyped-def]  # fontTools has no type hints
    """The icon's SVG path as a TrueType outline: y upwards from the baseline, quadratic curves."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.transformPen import TransformPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.svgLib.path import parse_path

    svg = (ICONS / f"{name}.svg").read_text(encoding="utf-8")
    paths = _PATH.findall(svg)
    if len(paths) != 1 or f'viewBox="0 0 {_VIEW_BOX} {_VIEW_BOX}"' not in svg:
        raise ValueError(f"{name}.svg: one path in a {_VIEW_BOX} x {_VIEW_BOX} view box is expected")
    pen = TTGlyphPen(None)
    upwards = (_UNITS, 0, 0, -_UNITS, 0, _EM)
    parse_path(paths[0], TransformPen(Cu2QuPen(pen, max_err=1.0, reverse_direction=True), upwards))
    return pen.glyph()
