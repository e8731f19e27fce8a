"""How tall a flyer will be on paper, read from its HTML before it is printed.

Printing a flyer (WeasyPrint's layout) is the slow part of a build, and a
wrong guess of the layout that fits one sheet costs a second print. So the
guess lays the flyer out as flyer.css does, in a much simpler model:

- each paragraph is wrapped into lines where the printer wraps them (spaces,
  hyphens and slashes before a letter), each word measured by HarfBuzz with
  the font the printer uses, kerning included;
- a line is as tall as what it holds reaches above and below the baseline:
  the font's ascent and descent, a larger word, an icon set in the middle;
- paragraphs and rows are stacked with the spacing of flyer.css;
- pages are cut where WeasyPrint cuts them: a service's row or a help desk
  never breaks across pages, a heading goes with what follows it, a block
  keeps its top margin at the top of a page, and a row needs its own padding
  and rule free below it once more.

flyer.css is restated here by hand, so the printer still checks every guess.
On every fourth real flyer, in each layout, the estimate tells how far the
printer fills its last page to half a millimetre (`tests/test_flyers.py`);
a cold build of an eighth of a generated region printed each of its 243
documents once.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import pairwise

import uharfbuzz as hb
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
_TIGHT_LINES = 1.2  # line height of `h1` and of a phone number (`.telephone`)
_MARGINS = {"h1": (0.0, 3.0), "h2": (5.0, 1.0), "h3": (0.0, 1.0)}  # (top, bottom)
_PARAGRAPH_MARGINS = {"corps": 0.8, "lieu": 0.5}  # `.corps p`, `.lieu p`: other paragraphs have none
_INTRO_MARGIN = 1.0
_ICON = 10.0  # an icon before a heading's text: 8 mm, and 2 mm beside it
_ICON_MARGIN = 2.0
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
_DESKS_PADDING_BELOW = 1.0  # under the last help desk, then a margin
_DESKS_MARGIN_BELOW = 2.0
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


@dataclass(frozen=True)
class _Element:
    """An element, equal to any other of the same content: a service's row, the same in many
    flyers and parts, is measured once (`_row`)."""

    tag: str
    classes: frozenset[str]
    children: tuple[_Element | str, ...] = ()

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
    open_elements: list[tuple[str, frozenset[str], list[_Element | str]]] = [("", frozenset(), [])]

    def close() -> str:
        tag, classes, children = open_elements.pop()
        open_elements[-1][2].append(_Element(tag, classes, tuple(children)))
        return tag

    for closing, tag, attributes, text in _TOKEN.findall(body):
        if text:
            open_elements[-1][2].append(html.unescape(text))
        elif closing:
            while len(open_elements) > 1 and close() != tag:
                pass
        else:
            found = _CLASS.search(attributes)
            classes = frozenset(found.group(1).split()) if found else frozenset()
            if tag in _EMPTY or attributes.endswith("/"):
                open_elements[-1][2].append(_Element(tag, classes))
            else:
                open_elements.append((tag, classes, []))
    while len(open_elements) > 1:
        close()
    return _Element("", frozenset(), tuple(open_elements[0][2]))


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
        tight = element.tag == "h1" or element.has("telephone")
        bold = self.bold or element.tag in _BOLD_TAGS or bool(element.classes & _BOLD_CLASSES)
        icon = next((_ICON_WIDTHS[name] for name in element.classes if name in _ICON_WIDTHS), self.icon)
        return _Style(size, bold, _TIGHT_LINES if tight else self.line_height, icon)

    @property
    def line(self) -> float:
        return self.size * POINT * self.line_height


@cache
def _printer_font(bold: bool) -> TTFont:
    """The printer's font in one weight, decoded from its WOFF2 file once per process."""
    font = TTFont(str(FONT_FILES / FONT_NAMES[1 if bold else 0]))
    font.flavor = None  # saved as TrueType, which HarfBuzz reads
    return font


@cache
def _shaper(bold: bool) -> tuple[hb.Font, float]:
    """The printer's font, to shape words with HarfBuzz as the printer does (kerning included);
    and its average letter width in em, for a letter it does not have (the printer takes it
    from another font)."""
    font = _printer_font(bold)
    data = io.BytesIO()
    font.save(data)
    advances = [width for width, _ in font["hmtx"].metrics.values()]
    return hb.Font(hb.Face(data.getvalue())), sum(advances) / len(advances) / font["head"].unitsPerEm


@cache
def _vertical_metrics() -> tuple[float, float, float]:
    """The font's ascent, descent and x-height, in em (the same in both weights)."""
    font = _printer_font(bold=False)
    per_em = font["head"].unitsPerEm
    return font["hhea"].ascent / per_em, -font["hhea"].descent / per_em, font["OS/2"].sxHeight / per_em


@cache
def _extent(style: _Style) -> tuple[float, float]:
    """How far text in `style` reaches above and below the baseline: the font's ascent and
    descent, and half the leading each. A line is as tall as its highest and lowest reach."""
    ascent, descent, _ = _vertical_metrics()
    size = style.size * POINT
    half_leading = (style.line - (ascent + descent) * size) / 2
    return ascent * size + half_leading, descent * size + half_leading


@cache
def _icon_extent(style: _Style) -> tuple[float, float]:
    """The same for an icon in text of `style` (`vertical-align: middle`): its middle is half an
    x-height above the baseline. A heading's icon reaches lower than its text."""
    middle = _vertical_metrics()[2] * style.size * POINT / 2
    half = (style.icon - _ICON_MARGIN) / 2
    return middle + half, half - middle


def _width(text: str, style: _Style) -> float:
    return _width_in_em(text, style.bold) * style.size * POINT


@lru_cache(maxsize=50_000)
def _width_in_em(text: str, bold: bool) -> float:
    """A word's width: flyers repeat the same words, in three layouts and in many parts."""
    if not text:
        return 0.0
    font, average = _shaper(bold)
    letters = hb.Buffer()
    letters.add_str(text)
    letters.guess_segment_properties()
    hb.shape(font, letters)
    per_em = font.face.upem
    glyphs = zip(letters.glyph_infos, letters.glyph_positions, strict=True)
    return sum(average if info.codepoint == 0 else place.x_advance / per_em for info, place in glyphs)


_ICON_WORD = "\0"  # an icon among the words of a line
_SPACES = re.compile(r"[ \t\r\n]+")  # where a line may break: not at a no-break space


# A word, its style, and the style of the space before it: the space between two elements is
# in their parent's text (`<span class="nom">…</span> <span class="appeler-accueil">`).
_Word = tuple[str, _Style, _Style]


def _lines_of_words(element: _Element, style: _Style, layout: str) -> list[list[_Word]]:
    """The element's words with their style, in the lines its <br> force. A number after a name
    (`_NOWRAP`) is one word, icon included."""
    lines: list[list[_Word]] = [[]]
    for child in element.children:
        if isinstance(child, str):
            lines[-1] += [(word, style, style) for word in _SPACES.split(child) if word]
        elif child.tag == "br":
            lines.append([])
        elif child.has("icone"):
            lines[-1].append((_ICON_WORD, style, style))
        elif child.tag == "span" and child.classes & _NOWRAP:
            child_style = style.of(child, layout)
            words = [word for line in _lines_of_words(child, child_style, layout) for word, _, _ in line]
            lines[-1].append((" ".join(words).replace(_ICON_WORD + " ", _ICON_WORD), child_style, style))
        else:
            inner = _lines_of_words(child, style.of(child, layout), layout)
            if inner[0]:  # the space before the element is its parent's
                word, word_style, _ = inner[0][0]
                inner[0][0] = (word, word_style, style)
            lines[-1] += inner[0]
            lines += inner[1:]
    return lines


def _advance(word: str, style: _Style) -> float:
    """A word's width, its icons included."""
    icons = word.count(_ICON_WORD)
    return icons * style.icon + _width(word.replace(_ICON_WORD, ""), style) if icons else _width(word, style)


def _text_height(element: _Element, style: _Style, width: float, layout: str) -> float:
    """A paragraph's height: its words wrapped at `width`, as the printer wraps them, each line
    as tall as what it holds reaches above and below the baseline (`_reach`)."""
    strut = _extent(style)  # the paragraph's own line, empty or not
    height = 0.0
    for words in _lines_of_words(element, style, layout):
        used, (above, below) = 0.0, strut
        for word, word_style, space_style in words:
            space = _width(" ", space_style) if used else 0.0
            while used + space + _advance(word, word_style) > width:  # the line ends in or before it
                head = _head_at_break(word, word_style, width - used - space)
                if not head and not used:  # longer than a line, nowhere to break: cut anywhere
                    head = _longest_head(word, word_style, width)
                above, below = _reach(head, word_style, above, below) if head else (above, below)
                word = word[len(head) :]
                height += above + below
                used, space, (above, below) = 0.0, 0.0, strut
            above, below = _reach(word, word_style, above, below)
            used += space + _advance(word, word_style)
        height += above + below
    return height


# Where the printer may end a line inside a word (Unicode line breaking): after a hyphen or a
# slash before a letter, « Saint-|Omer », « example/|territoires », not « -|1 ».
_BREAK_INSIDE = re.compile(r"(?<=\w[-/])(?=[^\W\d])")


def _head_at_break(word: str, style: _Style, room: float) -> str:
    """The longest part of `word` up to a break inside it (`_BREAK_INSIDE`) that fits in `room`;
    "" if none. A number after a name (`_NOWRAP`, spaces kept) is never cut."""
    if " " in word or _ICON_WORD in word:
        return ""
    ends = [match.start() for match in _BREAK_INSIDE.finditer(word)]
    return next((word[:end] for end in reversed(ends) if _advance(word[:end], style) <= room), "")


def _longest_head(word: str, style: _Style, room: float) -> str:
    """The most letters of `word` that fit in `room` (at least one): the printer fills each line
    of a cut word to its end."""
    fitting, too_many = 1, len(word)
    while too_many - fitting > 1:  # _advance(word[:fitting]) <= room < _advance(word[:too_many])
        middle = (fitting + too_many) // 2
        fitting, too_many = (
            (middle, too_many) if _advance(word[:middle], style) <= room else (fitting, middle)
        )
    return word[:fitting]


def _reach(word: str, style: _Style, above: float, below: float) -> tuple[float, float]:
    """How far a line reaches above and below its baseline once it holds `word`."""
    text_above, text_below = _extent(style)
    above, below = max(above, text_above), max(below, text_below)
    if _ICON_WORD in word:
        icon_above, icon_below = _icon_extent(style)
        above, below = max(above, icon_above), max(below, icon_below)
    return above, below


# --- Boxes -------------------------------------------------------------------------------


def _height(element: _Element, style: _Style, width: float, layout: str, container: str = "") -> float:
    """An element's height with its padding and borders; `container`: the class that sets the
    margins of its paragraphs (`_PARAGRAPH_MARGINS`)."""
    style = style.of(element, layout)
    if element.has("ailleurs"):  # a framed paragraph
        return _text_height(element, style, width - _NOTE_PADDING[1], layout) + _NOTE_PADDING[0]
    if element.tag in ("p", "h1", "h2", "h3"):
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
        inside = _height(child, style, width, layout, container)
        if child.has("langue"):  # nothing below its last paragraph: that margin collapses with the next
            last = child.elements()[-1:]
            bottom = _margins(last[0], container)[1] if last else 0.0
            inside -= bottom
        if previous is not None and child.has("langue") and previous.has("langue"):
            top = _OTHER_LANGUAGE_MARGIN
            height += _OTHER_LANGUAGE_ABOVE
        height += max(margin, top) + inside
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


@dataclass(frozen=True)
class _Block:
    """A piece of the flyer the printer never cuts; a heading goes with the block after it."""

    height: float
    top: float = 0.0
    bottom: float = 0.0
    keep_with_next: bool = False
    # Space the printer keeps free below the block on its page: WeasyPrint counts a row's own
    # padding and rule below it twice when it decides whether the row fits (a row ends 2.3 mm
    # above the bottom at most, in `moyen`).
    room: float = 0.0


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


@lru_cache(maxsize=4096)
def _row(row: _Element, style: _Style, layout: str) -> _Block:
    """A service: its picture beside its text (two inline blocks), padded, with a rule below."""
    text = row.child("corps") or row
    height = max(_height(text, style, _ROW_TEXT_WIDTH[layout], layout), _ROW_PICTURE[layout], style.line)
    below = _ROW_PADDING[layout] + _THIN_RULE  # its bottom padding and rule
    return _Block(_ROW_PADDING[layout] + height + below, room=below)


def _desk_blocks(section: _Element, style: _Style, layout: str) -> list[_Block]:
    """« Près de chez vous »: its heading and sentence go with the first help desk."""
    blocks: list[_Block] = []
    for element in section.elements():
        top, bottom = _margins(element, "")
        if not blocks and element.tag == "h2":
            top = _DESKS_FIRST_HEADING_TOP
        height = _height(element, style, _DESKS_WIDTH, layout)
        blocks.append(_Block(height, top, bottom, keep_with_next=not element.has("lieu")))
    if blocks:  # the section's padding goes with its last help desk; a margin does not
        last = blocks[-1]
        blocks[-1] = replace(
            last, height=last.height + _DESKS_PADDING_BELOW, bottom=max(last.bottom, _DESKS_MARGIN_BELOW)
        )
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
        gap = max(margin, group[0].top)  # the first page keeps its first margin too
        if used and used + gap + height + group[-1].room > PAGE_HEIGHT:
            # To the next page. WeasyPrint keeps the block's own top margin there (a heading
            # starts 5 mm below the top); the margin of the block before stays behind.
            pages, used, gap = pages + 1, 0.0, group[0].top
        used += gap + height
        margin = group[-1].bottom
        index += len(group)
    return pages, used
