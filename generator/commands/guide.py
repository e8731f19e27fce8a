"""`guide`: CONTRIBUTING.md, written from the model."""

from __future__ import annotations

import argparse

from ..export.guide import guide_markdown


def run(arguments: argparse.Namespace) -> int:
    arguments.out.write_text(guide_markdown(), encoding="utf-8")
    print(f"Écrit : {arguments.out}")
    return 0
