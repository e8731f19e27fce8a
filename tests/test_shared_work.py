"""A loop shared between two forked processes gives the results in order; a short one is done
alone."""

from __future__ import annotations

import os
import time

from generator.render.shared_work import shared_map


def _with_process(number: int) -> tuple[int, int]:
    time.sleep(0.1)  # long enough that one copy cannot take both shares
    return number * number, os.getpid()


def test_the_results_come_back_in_order_from_two_processes() -> None:
    results = shared_map(_with_process, range(10), from_size=2)
    assert [square for square, _ in results] == [n * n for n in range(10)]
    processes = {process for _, process in results}
    assert len(processes) == 2 and os.getpid() not in processes  # two forked copies


def test_below_its_size_the_work_is_done_alone() -> None:
    results = shared_map(_with_process, range(4), from_size=5)
    assert [square for square, _ in results] == [n * n for n in range(4)]
    assert {process for _, process in results} == {os.getpid()}
