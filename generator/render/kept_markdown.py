"""Pages rendered by an earlier build, found again by what they are made of.

A page's Markdown is made of its `Page` (the services it shows, its context), the flyers it
offers, and what every page may read: the content without its services (territories, help
desks, audiences, glossary…), which (territory, audience) pairs have services, and the code.
The digest of all of that is the page's key (`PageKeys`); a page whose key was rendered before
is taken from `KeptMarkdown` instead of being rendered again. After a one-record change, only
the pages that show that record are rendered: at the scale of a region, a few hundred of 5 800.

What a template reads from `content` must be in `PageKeys.shared`. The services are left out
of it on purpose: a page gets them from its `Page` (`page.services`, `page.context`); a template
that asks `content` for services (`content.services_for`) may only ask which pairs have some.
tests/test_kept_build.py checks that a build from kept pages is the same as a full build.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..content.records import Content
from ..locations import code_digest, files_under, write_whole
from ..structure.flyers import PrintedFlyer
from ..structure.pages import Page

Rendered = tuple[str, list[str] | None]  # a page's Markdown, and its deferred blocks if any


class PageKeys:
    """The key of each page of one build (`key`)."""

    def __init__(self, content: Content, defer_blocks: bool) -> None:
        # Digests by the id of what they digest, which they keep: an id stays its object's.
        self._digests: dict[int, tuple[object, str]] = {}
        self._sequences: dict[tuple[int, ...], tuple[object, str]] = {}  # by their items' ids
        self.shared = self._digest(
            [
                _code(),
                defer_blocks,
                content.basin,
                content.glossary,
                content.audiences,
                content.territories,
                content.help_desks,
                content.retired,
                content.redirections,
                content.advice,
                content.pairs_with_services(),
            ]
        )

    def key(self, page: Page, printable: list[PrintedFlyer]) -> str:
        return self._digest([self.shared, self._canonical(page), self._canonical(printable)])

    def _digest(self, value: Any) -> str:
        return _hash(self._canonical(value))

    def _canonical(self, value: Any) -> Any:
        """`value` as JSON that changes whenever it does. What cannot change (a record, a frozen
        dataclass: a service on a hundred pages), or a list of records (a territory's services
        on each of its communes' pages), is digested once per build."""
        if value is None or isinstance(value, bool | int | float | str):
            return value
        if isinstance(value, BaseModel | enum.Enum) or dataclasses.is_dataclass(value):
            return self._digest_once(value) if _frozen(value) else _hash(_parts(value, self._canonical))
        if isinstance(value, list | tuple):
            if not all(isinstance(item, BaseModel) for item in value):
                return [self._canonical(item) for item in value]
            kept = self._sequences.get(items := tuple(map(id, value)))
            if kept is None:
                kept = self._sequences[items] = (value, _hash([self._canonical(item) for item in value]))
            return kept[1]
        if isinstance(value, dict):
            return ["dict", [[self._canonical(k), self._canonical(v)] for k, v in value.items()]]
        if isinstance(value, set | frozenset):
            return ["set", sorted(json.dumps(self._canonical(item)) for item in value)]
        if isinstance(value, bytes):
            return ["bytes", hashlib.sha256(value).hexdigest()]
        if isinstance(value, date | Path):
            return [type(value).__name__, str(value)]
        raise TypeError(f"{type(value).__name__} : une page ne peut pas en dépendre sans que sa clé le sache")

    def _digest_once(self, value: Any) -> str:
        kept = self._digests.get(id(value))
        if kept is None:
            kept = (value, hashlib.sha256(_parts(value, self._canonical).encode()).hexdigest())
            self._digests[id(value)] = kept
        return kept[1]


def _frozen(value: Any) -> bool:
    if isinstance(value, BaseModel):
        return bool(value.model_config.get("frozen"))
    return isinstance(value, enum.Enum) or value.__dataclass_params__.frozen


def _hash(canonical: Any) -> str:
    text = json.dumps(canonical, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _parts(value: Any, canonical: Any) -> str:
    kind = f"{type(value).__module__}.{type(value).__qualname__}"
    if isinstance(value, BaseModel):
        return kind + value.model_dump_json()
    if isinstance(value, enum.Enum):
        return kind + json.dumps(canonical(value.value))
    # A field left out of equality (an index built on demand) is not part of the value.
    fields = [(f.name, canonical(getattr(value, f.name))) for f in dataclasses.fields(value) if f.compare]
    return kind + json.dumps(fields, ensure_ascii=False)


def _code() -> str:
    """The code pages are rendered with: the generator's files (templates, icons, texts) and Jinja."""
    return code_digest("**/*.py", "render/templates/**/*", "render/static/**/*") + version("jinja2")


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
