"""The HTML of a flyer, and the style sheet the PDF printer adds to it (`print_style`)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import segno

from ..content.records import Content, group_by_need
from ..structure.flyers import Flyer
from ..structure.languages import STRINGS
from .environment import document_environment, template_source
from .icon_font import icon_style
from .shared_work import shared_map


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


_QR_CODES: dict[str, str] = {}  # address -> its QR code, made once per process
QR_CODES_SHARED_FROM = 20  # addresses whose QR codes two processes encode: 6 ms each


def qr_code(address: str) -> str:
    """The QR code of an address, as an SVG data URI; made once per address (encoding is slow)."""
    if address not in _QR_CODES:
        _QR_CODES[address] = _encoded(address)
    return _QR_CODES[address]


def encode_qr_codes(addresses: Iterable[str]) -> None:
    """Make the QR codes of these addresses beforehand, two processes sharing them
    (`shared_map`): a region's 561 took 3.3 s on one."""
    missing = sorted(set(addresses) - _QR_CODES.keys())
    _QR_CODES.update(zip(missing, shared_map(_encoded, missing, from_size=QR_CODES_SHARED_FROM), strict=True))


def _encoded(address: str) -> str:
    return str(segno.make(address, error="m").svg_data_uri(scale=1, border=2, dark="#000"))
