"""The HTML of a flyer, and the style sheet the PDF printer adds to it (`print_style`)."""

from __future__ import annotations

from functools import cache

import segno

from ..content.records import Content, group_by_need
from ..structure.flyers import Flyer
from ..structure.languages import STRINGS
from .environment import document_environment, template_source
from .icon_font import icon_style


def flyer_html(flyer: Flyer, content: Content, layout: str, numbered: bool = False, qr: bool = True) -> str:
    """The flyer's HTML; without `qr`, the QR code's image is replaced by the address it encodes
    (enough for a cache key: encoding a QR code takes longer than the rest of the page)."""
    template = document_environment().get_template("flyers/flyer.html.j2")
    return template.render(
        flyer=flyer,
        layout=layout,
        numbered=numbered,
        qr=qr_code(flyer.page_address) if qr else flyer.page_address,
        strings=STRINGS[flyer.languages[0]],
        publisher=content.basin.editeur,
        basin_id=content.basin.id,
        zones=content.zones_text,
        groups=group_by_need(list(flyer.services)),
    )


def moved_notice_html(address: str, content: Content) -> str:
    """A one-page PDF left at the address of a flyer that no longer exists."""
    template = document_environment().get_template("flyers/moved.html.j2")
    return template.render(
        address=address,
        qr=qr_code(address),
        publisher=content.basin.editeur,
    )


@cache
def print_style() -> str:
    """The style sheet of every document we print (flyers, notices, questionnaires): the
    printer parses it once per process (`pdf.render_pdf`), not once per document."""
    return icon_style() + template_source("flyers/flyer.css")


@cache
def qr_code(address: str) -> str:
    """The QR code of an address, as an SVG data URI; made once per address (encoding is slow)."""
    return str(segno.make(address, error="m").svg_data_uri(scale=1, border=2, dark="#000"))
