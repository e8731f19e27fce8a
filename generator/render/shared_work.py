"""Work shared between two processes forked from this one: the machine has two cores, and a
build's longest loops (the pages' Markdown, the flyers' keys) do one independent job per item.

Only the share's number crosses to a forked process: it finds the function and the items in
its copy of this module, so a closure will do; its results come back pickled. The live
preview forks from its watcher thread, as it already did for its printers: the copies only
render our own templates, which no other thread uses, so no lock is left held in them.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_WORK: tuple[Callable[[Any], Any], Sequence[Any], int] | None = None


def shared_map(
    function: Callable[[Item], Result], items: Sequence[Item], *, from_size: int, workers: int = 2
) -> list[Result]:
    """`function` of each item, in their order. From `from_size` items on (below, forking costs
    more than it saves), `workers` forked processes share them, each every `workers`-th item."""
    if workers < 2 or len(items) < from_size:
        return [function(item) for item in items]
    global _WORK
    _WORK = (function, items, workers)
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            shares = list(pool.map(_share, range(workers)))
    finally:
        _WORK = None
    results: list[Any] = [None] * len(items)
    for share, done in enumerate(shares):
        results[share::workers] = done
    return results


def _share(share: int) -> list[Any]:
    """In a forked process: every `workers`-th item from `share` on."""
    assert _WORK is not None
    function, items, workers = _WORK
    return [function(item) for item in items[share::workers]]
