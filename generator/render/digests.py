"""Digests of what a page or a flyer is made of: the same digest, the same output.

A page's Markdown and a flyer's HTML are made of their records (the services they show, the
help desks), of what every page and flyer may read from the content apart from its services
(`apart_from_services`), and of the code. A digest of all of that tells whether an output made
before can be taken again (render/kept_markdown.py, render/pdf.py); computing it is a hundred
times cheaper than rendering. The services are left out of `apart_from_services` on purpose:
they change with nearly every edit, and each page or flyer names those it shows.
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
from ..locations import code_digest


class Digests:
    """The digests of one build. What cannot change during it (a record, a frozen dataclass: a
    service on a hundred pages), or a list of records (a territory's services, on each of its
    communes' pages), is digested once."""

    def __init__(self) -> None:
        # By the id of what they digest, which they keep: an id stays its object's.
        self._once: dict[int, tuple[object, str]] = {}
        self._lists: dict[tuple[int, ...], tuple[object, str]] = {}  # by their items' ids

    def of(self, value: Any) -> str:
        return _hash(self._canonical(value))

    def _canonical(self, value: Any) -> Any:
        """`value` as JSON that changes whenever it does."""
        if value is None or isinstance(value, bool | int | float | str):
            return value
        if isinstance(value, BaseModel | enum.Enum) or dataclasses.is_dataclass(value):
            return self._digest_once(value) if _frozen(value) else _sha256(_parts(value, self._canonical))
        if isinstance(value, list | tuple):
            if not all(isinstance(item, BaseModel) for item in value):
                return [self._canonical(item) for item in value]
            kept = self._lists.get(items := tuple(map(id, value)))
            if kept is None:
                kept = self._lists[items] = (value, _hash([self._canonical(item) for item in value]))
            return kept[1]
        if isinstance(value, dict):
            return ["dict", [[self._canonical(k), self._canonical(v)] for k, v in value.items()]]
        if isinstance(value, set | frozenset):
            return ["set", sorted(json.dumps(self._canonical(item)) for item in value)]
        if isinstance(value, bytes):
            return ["bytes", hashlib.sha256(value).hexdigest()]
        if isinstance(value, date | Path):
            return [type(value).__name__, str(value)]
        raise TypeError(
            f"{type(value).__name__} : une sortie ne peut pas en dépendre sans que son empreinte le sache"
        )

    def _digest_once(self, value: Any) -> str:
        kept = self._once.get(id(value))
        if kept is None:
            kept = self._once[id(value)] = (value, _sha256(_parts(value, self._canonical)))
        return kept[1]


def apart_from_services(content: Content) -> list[Any]:
    """What any page or flyer may read from `content` besides the services it names; of the
    services, only which (territory, audience) pairs have some (the buttons of a territory's
    page)."""
    return [
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


def code() -> str:
    """The code outputs are made with: the generator's files (templates, icons, texts) and Jinja."""
    return code_digest("**/*.py", "render/templates/**/*", "render/static/**/*") + version("jinja2")


def _frozen(value: Any) -> bool:
    if isinstance(value, BaseModel):
        return bool(value.model_config.get("frozen"))
    return isinstance(value, enum.Enum) or value.__dataclass_params__.frozen


def _hash(canonical: Any) -> str:
    return _sha256(json.dumps(canonical, ensure_ascii=False, separators=(",", ":")))


def _sha256(text: str) -> str:
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
