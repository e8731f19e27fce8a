"""How tall a flyer will be on paper, read from its HTML before it is printed.

Printing a flyer (WeasyPrint's layout) is the slow part of a build, and a
wrong guess of the layout that fits one sheet costs a second print. So the
guess lays the flyer out as flyer.css does, in a much simpler model:

- each paragraph is wrapped into lines with the widths of the font's own
  letters, read by fontTools from the WOFF2 files the printer uses;
- paragraphs and rows are stacked with the spacing of flyer.css;
- pages are cut where the printer cuts them: a service's row or a help desk
  never breaks across pages, and a heading goes with what follows it.

It stays an estimate (no kerning, no ligatures, flyer.css restated by hand):
the printer checks every guess. On the documents a cold build printed before
it (`_fit`), it tells the printer's page count, and whether the last page is
nearly empty, right for 189 of the basin's 190 and for 265 of 274 on an eighth
of a generated region's flyers. (The estimate it replaced, by characters per
line, was right for 196 of the basin's 219 and 350 of the region's 477.)
`tests/test_flyers.py` holds it to the real flyers.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import pairwise

from fontTools.ttLib import TTFont

from ..locations import FONT_FILES, FONT_NAMES

PAGE_HEIGHT = 263.0  # mm: A4 less the top and bottom margins of flyer.css
PAGE_WIDTH = 176.0  # mm: A4 less the side margins
POINT = 0.3528  # mm

# flyer.css, restated: what this model needs of it. Sizes in points, lengths in millimetres.
_SIZE = 14.0
_LINE_HEIGHT = 1.35
_TAG_SIZES = {"h1": 22.0, "h2": 17.0, "h3": 15.0}
_CLASS_SIZES = {"telephone": 20.0, "telephone-moyen": 17.0, "nom": 15.0, "site": 13.0, "adresse-lieu": 13.0,
                "horaires": 13.0, "peut-changer": 15.0}  # fmt: skip
_SHORT_PHONE_SIZE = 17.0  # `.court .telephone`
_BOLD_TAGS = {"h1", "h2", "h3", "strong", "b"}
_BOLD_CLASSES = {"nom", "telephone", "telephone-moyen", "appeler-accueil", "adresse", "peut-changer",
                 "ailleurs"}  # fmt: skip
_TIGHT_LINES = 1.2  # line height of `h1` and of a phone number's paragraph
_MARGINS = {"h1": (0.0, 3.0), "h2": (5.0, 1.0), "h3": (0.0, 1.0)}  # (top, bottom)
_PARAGRAPH_MARGINS = {"corps": 0.8, "lieu": 0.5}  # `.corps p`, `.lieu p`: other paragraphs have none
_INTRO_MARGIN = 1.0
_ICON = 10.0  # an icon before a heading's text: 8 mm, and 2 mm beside it
# The icon before a number (`.telephone .icone` 7 mm, the others 6 mm), and the 2 mm beside it.
_ICON_WIDTHS = {"telephone": 9.0, "telephone-moyen": 8.0, "appeler-accueil": 8.0}
_NOWRAP = {"telephone", "telephone-moyen", "appeler-accueil"}  # a number after a name: never cut
_HEADER_TEXT_WIDTH = PAGE_WIDTH - 36 - 5  # beside the QR code's column, and the gap
_QR_HEIGHT = 34.0
_HEADER_BELOW = 3.0 + 0.53  # padding and rule under the header
_HEADER_MARGIN = 1.0
_FOOTER_MARGIN = 5.0
_ROW_PADDING = {"complet": 2.5, "moyen": 2.0, "court": 1.5}  # above and below a service's row
_ROW_TEXT_WIDTH = {"complet": 158.0, "moyen": 158.0, "court": 162.0}  # `.corps`
_ROW_PICTURE = {"complet": 13.0, "moyen": 13.0, "court": 9.0}  # `.picto .icone`
_THIN_RULE = 0.26  # 0.75 pt: under a row, above a help desk
_DESKS_WIDTH = PAGE_WIDTH - 1.06 - 4  # `.pres-de-chez-vous`: its rule and padding on the left
_DESKS_FIRST_HEADING_TOP = 2.0
_DESKS_BELOW = 1.0 + 2.0  # padding and margin
_DESK_PADDING = 1.5 * 2
_NOTE_PADDING = (2.0 * 2 + 0.53 * 2, 3.0 * 2 + 0.53 * 2)  # `.ailleurs`: padding and border (height, width)
_NOTE_MARGIN = 4.0
_OTHER_LANGUAGE_ABOVE = 2.0 + 0.18  # `.langue + .langue`: padding and dashed rule, after a 2 mm margin
_OTHER_LANGUAGE_MARGIN = 2.0


@lru_cache(maxsize=256)  # a split flyer's parts are estimated to choose their size, then to guess
def estimated_pages(document: str) -> float:
    """The pages the flyer's HTML will fill once printed, as a fraction: 1.5 is two pages,
    the second half full."""
    body = _parsed(document).find("body")
    if body is None:
        return 0.0
    layout = next((name for name in _ROW_PADDING if body.has(name)), "complet")
    pages, used = _paginate(_blocks(body, layout))
    return pages - 1 + used / PAGE_HEIGHT


# --- The document, as elements ---------------------------------------------------------


@dataclass
class _Element:
    tag: str
    classes: frozenset[str]
    children: list[_Element | str] = field(default_factory=list)

    def has(self, name: str) -> bool:
        return name in self.classes

    def elements(self) -> list[_Element]:
        return [child for child in self.children if isinstance(child, _Element)]

    def find(self, tag: str) -> _Element | None:
        for child in self.elements():
            if child.tag == tag:
                return child
            if found := child.find(tag):
                return found
        return None

    def child(self, name: str) -> _Element | None:
        """The first child element of class `name`."""
        return next((child for child in self.elements() if child.has(name)), None)


_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)")  # a tag, or text
_CLASS = re.compile(r'\bclass="([^"]*)"')
_EMPTY = {"br", "img", "meta", "link"}


def _parsed(document: str) -> _Element:
    """The elements and text of the flyer's body, which our own template wrote: tags that close
    in order, no comments. (Python's `HTMLParser` took three quarters of the estimate's time.)"""
    body = document[max(0, document.find("<body")) :]
    root = _Element("", frozenset())
    open_elements = [root]
    for closing, tag, attributes, text in _TOKEN.findall(body):
        if text:
            open_elements[-1].children.append(html.unescape(text))
        elif closing:
            while len(open_elements) > 1 and open_elements.pop().tag != tag:
                pass
        else:
            classes = _CLASS.search(attributes)
            element = _Element(tag, frozenset(classes.group(1).split()) if classes else frozenset())
            open_elements[-1].children.append(element)
            if tag not in _EMPTY and not attributes.endswith("/"):
                open_elements.append(element)
    return root


# --- Text --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Style:
    size: float = _SIZE
    bold: bool = False
    line_height: float = _LINE_HEIGHT
    icon: float = _ICON  # the width an icon takes in this element's text, with its margin

    def of(self, element: _Element, layout: str) -> _Style:
        """The style of `element`, inside an element of this style."""
        size = _TAG_SIZES.get(element.tag, self.size)
        for name in element.classes:
            size = _CLASS_SIZES.get(name, size)
        if element.has("telephone") and layout == "court":
            size = _SHORT_PHONE_SIZE
        tight = element.tag == "h1" or (element.tag == "p" and element.has("telephone"))
        bold = self.bold or element.tag in _BOLD_TAGS or bool(element.classes & _BOLD_CLASSES)
        icon = next((_ICON_WIDTHS[name] for name in element.classes if name in _ICON_WIDTHS), self.icon)
        return _Style(size, bold, _TIGHT_LINES if tight else self.line_height, icon)

    @property
    def line(self) -> float:
        return self.size * POINT * self.line_height


@cache
def _letter_widths(bold: bool) -> tuple[dict[int, float], float]:
    """Each character's width in em, from the printer's font; and the average, for the others."""
    font = TTFont(str(FONT_FILES / FONT_NAMES[1 if bold else 0]))
    per_em = font["head"].unitsPerEm
    advances = font["hmtx"].metrics
    widths = {code: advances[glyph][0] / per_em for code, glyph in font.getBestCmap().items()}
    return widths, sum(widths.values()) / len(widths)


def _width(text: str, style: _Style) -> float:
    return _width_in_em(text, style.bold) * style.size * POINT


@lru_cache(maxsize=50_000)
def _width_in_em(text: str, bold: bool) -> float:
    """A word's width: flyers repeat the same words, in three layouts and in many parts."""
    widths, average = _letter_widths(bold)
    return sum(widths.get(ord(character), average) for character in text)


_ICON_WORD = "\0"  # an icon among the words of a line
_SPACES = re.compile(r"[ \t\r\n]+")  # where a line may break: not at a no-break space


def _lines_of_words(element: _Element, style: _Style, layout: str) -> list[list[tuple[str, _Style]]]:
    """The element's words with their style, in the lines its <br> force. A number after a name
    (`_NOWRAP`) is one word, icon included."""
    lines: list[list[tuple[str, _Style]]] = [[]]
    for child in element.children:
        if isinstance(child, str):
            lines[-1] += [(word, style) for word in _SPACES.split(child) if word]
        elif child.tag == "br":
            lines.append([])
        elif child.has("icone"):
            lines[-1].append((_ICON_WORD, style))
        elif child.tag == "span" and child.classes & _NOWRAP:
            child_style = style.of(child, layout)
            words = [word for line in _lines_of_words(child, child_style, layout) for word, _ in line]
            lines[-1].append((" ".join(words).replace(_ICON_WORD + " ", _ICON_WORD), child_style))
        else:
            inner = _lines_of_words(child, style.of(child, layout), layout)
            lines[-1] += inner[0]
            lines += inner[1:]
    return lines


def _advance(word: str, style: _Style) -> float:
    """A word's width, its icons included."""
    icons = word.count(_ICON_WORD)
    return icons * style.icon + _width(word.replace(_ICON_WORD, ""), style) if icons else _width(word, style)


def _text_height(element: _Element, style: _Style, width: float, layout: str) -> float:
    """A paragraph's height: its words wrapped at `width`, as the printer wraps them."""
    height = 0.0
    for words in _lines_of_words(element, style, layout):
        count, used, line = 1, 0.0, style.line
        for word, word_style in words:
            space = _width(" ", word_style)
            advance = _advance(word, word_style)
            if used and used + space + advance > width:
                count, used = count + 1, 0.0
            while advance > width:  # longer than a line: an address, cut anywhere (`word-break`)
                count, advance = count + 1, advance - width
            used += (space if used else 0.0) + advance
            line = max(line, word_style.line)
        height += count * line
    return height


# --- Boxes -------------------------------------------------------------------------------


def _height(element: _Element, style: _Style, width: float, layout: str, container: str = "") -> float:
    """An element's height with its padding and borders; `container`: the class that sets the
    margins of its paragraphs (`_PARAGRAPH_MARGINS`)."""
    style = style.of(element, layout)
    if element.has("ailleurs"):  # a framed paragraph
        return _text_height(element, style, width - _NOTE_PADDING[1], layout) + _NOTE_PADDING[0]
    if element.tag == "h2":  # an icon, then the text, centred on each other
        return max(_ICON - 2, _text_height(element, style, width - _ICON, layout))
    if element.tag in ("p", "h1", "h3"):
        return _text_height(element, style, width, layout)
    if element.has("lieu"):
        return _stacked(element, style, width, layout, "lieu") + _DESK_PADDING + _THIN_RULE
    own = next((name for name in _PARAGRAPH_MARGINS if element.has(name)), container)
    return _stacked(element, style, width, layout, own)


def _stacked(element: _Element, style: _Style, width: float, layout: str, container: str) -> float:
    """The children one below the other, adjacent margins collapsed into the larger one."""
    height, margin, previous = 0.0, 0.0, None
    for child in element.elements():
        top, bottom = _margins(child, container)
        if previous is not None and child.has("langue") and previous.has("langue"):
            top = _OTHER_LANGUAGE_MARGIN
            height += _OTHER_LANGUAGE_ABOVE
        height += max(margin, top) + _height(child, style, width, layout, container)
        margin, previous = bottom, child
    return height + margin


def _margins(element: _Element, container: str) -> tuple[float, float]:
    if element.tag in _MARGINS:
        return _MARGINS[element.tag]
    if element.tag != "p":
        return (0.0, 0.0)
    if element.has("intro"):
        return (0.0, _INTRO_MARGIN)
    if element.has("ailleurs"):
        return (0.0, _NOTE_MARGIN)
    return (0.0, _PARAGRAPH_MARGINS.get(container, 0.0))


# --- Pages -------------------------------------------------------------------------------


@dataclass
class _Block:
    """A piece of the flyer the printer never cuts; a heading goes with the block after it."""

    height: float
    top: float = 0.0
    bottom: float = 0.0
    keep_with_next: bool = False


def _blocks(body: _Element, layout: str) -> list[_Block]:
    style = _Style()
    blocks = []
    header = body.find("header")
    text = header.find("div") if header else None
    if text is not None and (column := text.child("texte")) is not None:
        height = max(_height(column, style, _HEADER_TEXT_WIDTH, layout), _QR_HEIGHT) + _HEADER_BELOW
        blocks.append(_Block(height, bottom=_HEADER_MARGIN))
    main = body.find("main")
    for element in main.elements() if main else []:
        if element.has("pres-de-chez-vous"):
            blocks += _desk_blocks(element, style, layout)
        elif element.has("ligne"):
            blocks.append(_row(element, style, layout))
        else:
            top, bottom = _margins(element, "")
            height = _height(element, style, PAGE_WIDTH, layout)
            blocks.append(_Block(height, top, bottom, keep_with_next=element.tag == "h2"))
    footer = body.find("footer")
    if footer is not None:
        blocks.append(_Block(_height(footer, style, PAGE_WIDTH, layout), top=_FOOTER_MARGIN))
    return blocks


def _row(row: _Element, style: _Style, layout: str) -> _Block:
    """A service: its picture beside its text (two inline blocks), padded, with a rule below."""
    text = row.child("corps") or row
    height = max(_height(text, style, _ROW_TEXT_WIDTH[layout], layout), _ROW_PICTURE[layout], style.line)
    return _Block(height + 2 * _ROW_PADDING[layout] + _THIN_RULE)


def _desk_blocks(section: _Element, style: _Style, layout: str) -> list[_Block]:
    """« Près de chez vous »: its heading and sentence go with the first help desk."""
    blocks: list[_Block] = []
    for element in section.elements():
        top, bottom = _margins(element, "")
        if not blocks and element.tag == "h2":
            top = _DESKS_FIRST_HEADING_TOP
        height = _height(element, style, _DESKS_WIDTH, layout)
        blocks.append(_Block(height, top, bottom, keep_with_next=not element.has("lieu")))
    if blocks:
        blocks[-1].bottom = max(blocks[-1].bottom, _DESKS_BELOW)
    return blocks


def _paginate(blocks: list[_Block]) -> tuple[int, float]:
    """The pages used, and the height used on the last one."""
    pages, used, margin, index = 1, 0.0, 0.0, 0
    while index < len(blocks):
        group = [blocks[index]]
        while group[-1].keep_with_next and index + len(group) < len(blocks):
            group.append(blocks[index + len(group)])
        between = sum(max(above.bottom, below.top) for above, below in pairwise(group))
        height = sum(block.height for block in group) + between
        gap = max(margin, group[0].top) if used else 0.0
        if used and used + gap + height > PAGE_HEIGHT:  # to the next page, its margin dropped
            pages, used, gap = pages + 1, 0.0, 0.0
        used += gap + height
        margin = group[-1].bottom
        index += len(group)
    return pages, used
