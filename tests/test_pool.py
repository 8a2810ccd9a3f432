"""The pool of limited children: results, recorded failures, parallelism, extra time."""

from __future__ import annotations

import time

from unreports.pool import Failure, Limits, RejectedInput, ask_for_time, run_isolated

QUICK = Limits(memory_mb=256, cpu_seconds=5, wall_seconds=5.0)


def _square(n: int) -> int:
    return n * n


def _reject(n: int) -> int:
    raise RejectedInput("not a PDF", f"input {n} starts with HTML")


def _hog(n: int) -> int:
    blocks = []
    while True:
        blocks.append(bytearray(64 * 1024 * 1024))


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def _sleep_after_asking(seconds: float) -> float:
    ask_for_time(seconds, "a test that needs longer")
    time.sleep(seconds)
    return seconds


def test_every_task_gets_its_result() -> None:
    results = dict(run_isolated(range(6), _square, QUICK, workers=2))
    assert results == {n: n * n for n in range(6)}


def test_failures_are_recorded_with_reason_and_detail() -> None:
    [(_, failure)] = list(run_isolated([7], _reject, QUICK))
    assert failure == Failure("not a PDF", "input 7 starts with HTML")
    [(_, memory)] = list(run_isolated([1], _hog, QUICK))
    assert isinstance(memory, Failure) and memory.reason == "limit: memory" and memory.detail


def test_a_child_over_its_wall_clock_is_stopped() -> None:
    started = time.monotonic()
    [(_, failure)] = list(run_isolated([10.0], _sleep, Limits(256, 5, 0.5)))
    assert isinstance(failure, Failure) and failure.reason == "limit: time"
    assert time.monotonic() - started < 5


def test_a_child_may_ask_for_more_time() -> None:
    [(_, result)] = list(run_isolated([1.0], _sleep_after_asking, Limits(256, 5, 0.5)))
    assert result == 1.0
    assert ask_for_time(10, "outside a child") == 0.0  # nothing to extend in the parent


def test_children_run_at_once() -> None:
    started = time.monotonic()
    results = list(run_isolated([0.8, 0.8], _sleep, QUICK, workers=2))
    assert len(results) == 2
    assert time.monotonic() - started < 1.5  # one after the other would take 1.6 s
