"""French typography on the pages: a question mark is never alone at the start of a line.

French puts a space before « ? ! : ; » and inside quotation marks. A plain
space there lets the browser break the line before the mark, and a reader
finds « ? » alone at the start of a line. A non-breaking space keeps the mark
with its word. Dutch and English put no space there, so the rule changes
nothing in their texts. It applies to what templates say and to what records
say (`generator/render/environment.py`).
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
# A space before a mark that ends a sentence or announces what follows; "!=" is Jinja's, not a mark.
_BEFORE_MARK = re.compile(r" (?=[?!:;](?:\s|$|<|\*|\)|»)|»)", re.MULTILINE)
_AFTER_QUOTE = re.compile(r"« ")


def french_spaces(text: str) -> str:
    """« C'est pour qui ? » with non-breaking spaces where French puts its spaces."""
    return _AFTER_QUOTE.sub("«" + NBSP, _BEFORE_MARK.sub(NBSP, text))
