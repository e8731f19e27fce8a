"""Pages rendered by an earlier build, found again by what they are made of.

A page's Markdown is made of its `Page` (the services it shows, its context), the flyers it
offers, what every page may read of the content apart from its services, and the code
(`digests.py`). The digest of all of that is the page's key (`PageKeys`); a page whose key was
rendered before is taken from `KeptMarkdown` instead of being rendered again. After a
one-record change, only the pages that show that record are rendered: at the scale of a
region, a few hundred of 5 800.

A template gets its services from its `Page` (`page.services`, `page.context`); of `content`,
it reads only what `digests.apart_from_services` lists. tests/test_kept_build.py checks that a
build from kept pages is the same as a full build.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..content.records import Content
from ..locations import files_under, write_whole
from ..structure.flyers import PrintedFlyer
from ..structure.pages import Page
from .digests import Digests, apart_from_services, code

Rendered = tuple[str, list[str] | None]  # a page's Markdown, and its deferred blocks if any


class PageKeys:
    """The key of each page of one build (`key`)."""

    def __init__(self, content: Content, defer_blocks: bool) -> None:
        self._digests = Digests()
        self.shared = self._digests.of([code(), defer_blocks, *apart_from_services(content)])

    def key(self, page: Page, printable: list[PrintedFlyer]) -> str:
        return self._digests.of([self.shared, page, printable])


class KeptMarkdown:
    """The pages rendered by earlier builds, one file per key in `folder`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def load(self, key: str) -> Rendered | None:
        try:
            text, blocks = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return None
        return text, blocks

    def store(self, key: str, rendered: Rendered) -> None:
        write_whole(self.folder / f"{key}.json", json.dumps(rendered, ensure_ascii=False).encode())

    def forget_all_but(self, used: set[str]) -> None:
        """Remove the pages this build did not use: they show what is no longer."""
        for name in files_under(self.folder, ".json"):
            if name.removesuffix(".json") not in used:
                (self.folder / name).unlink(missing_ok=True)
