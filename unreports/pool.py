"""Run untrusted work in forked children, several at once, each under the same limits.

Every document goes through all of its stages (reading, structure, statistics, table rows)
in one forked child with an address-space limit (RLIMIT_AS), a CPU-time limit (RLIMIT_CPU)
and a wall-clock deadline. Up to `workers` children run at once: one parent process feeds
them, so N cores read N documents without N Dagster runs or N interpreters (a fork costs a
few milliseconds; a spawned worker importing Dagster costs seconds).

A child that raises, overruns or dies becomes a `Failure` with a short stable reason and
a detail; it never takes the parent down. Children die with their parent
(PR_SET_PDEATHSIG): a killed run leaves no reader behind.

The address-space limit is counted from the fork: a child may add `memory_mb` to what it
inherits, however large its parent (threads and DuckDB reserve much address space that is
never touched).
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import resource
import signal
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar, cast

MEGABYTE = 1024 * 1024
_PR_SET_PDEATHSIG = 1
# Work that learns it needs longer (a scanned document: OCR per page) may ask for up to this
# much more wall-clock and CPU time, once the parent knows why (`ask_for_time`).
MAX_EXTRA_SECONDS = 600
_channel: Connection | None = None  # in a child: the pipe to the parent
RESULT_LOST = 86  # a child's exit code: it could not even send its failure (memory exhausted)

Task = TypeVar("Task")
Result = TypeVar("Result")


@dataclass(frozen=True)
class Limits:
    """What one document may use in its child."""

    memory_mb: int = 1024  # added to the address space the child inherits at the fork
    cpu_seconds: int = 60
    wall_seconds: float = 120.0


@dataclass(frozen=True)
class Failure:
    reason: str  # short and stable, for grouping: "limit: time", "encrypted", ...
    detail: str  # what was particular to this input


class RejectedInput(Exception):
    """Raised by work that finds its input unusable; becomes a Failure with these words."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def failure_of(error: BaseException, limits: Limits) -> Failure:
    """The recorded form of an exception raised by work on one input."""
    reason = getattr(error, "reason", None)
    if isinstance(reason, str):
        return Failure(_short(reason), str(getattr(error, "detail", "") or ""))
    if isinstance(error, MemoryError):
        return Failure("limit: memory", f"more than {limits.memory_mb} MB needed")
    if isinstance(error, SystemError) and "without exception set" in str(error):
        # An allocation in C code failed under RLIMIT_AS without raising MemoryError.
        return Failure("limit: memory", f"an allocation failed under a {limits.memory_mb} MB limit")
    if isinstance(error, RecursionError):
        return Failure("truncated or damaged PDF (reference loop)", "recursion too deep")
    detail = traceback.format_exception_only(type(error), error)[-1].strip()
    return Failure(f"unreadable ({type(error).__name__})", detail[:300])


def _address_space() -> int:
    """Bytes of address space this process has mapped (0 where /proc is not available)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _set_limit(kind: int, soft: int, hard: int) -> None:
    """Lower a resource limit, never above a hard limit already in force."""
    _, current = resource.getrlimit(kind)
    if current != resource.RLIM_INFINITY:
        soft, hard = min(soft, current), min(hard, current)
    resource.setrlimit(kind, (soft, hard))


def _die_with_parent(parent: int) -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the wall-clock deadline still ends it
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def ask_for_time(seconds: float, why: str) -> float:
    """In a child: raise this child's wall-clock and CPU budget by `seconds` (capped at
    MAX_EXTRA_SECONDS in all), e.g. before OCR of many pages. Returns what was granted; 0
    outside a child (nothing to extend)."""
    global _extra_granted
    granted = max(0.0, min(seconds, MAX_EXTRA_SECONDS - _extra_granted))
    if _channel is None or granted <= 0:
        return 0.0
    _extra_granted += granted
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if soft != resource.RLIM_INFINITY:
        resource.setrlimit(resource.RLIMIT_CPU, (min(hard, soft + int(granted)), hard))
    _channel.send(("time", (granted, why)))
    return granted


_extra_granted = 0.0


def _child(
    work: Callable[[Task], Result], task: Task, limits: Limits, parent: int, sender: Connection
) -> None:
    global _channel
    _die_with_parent(parent)
    _channel = sender
    try:
        address_space = _address_space() + limits.memory_mb * MEGABYTE
        _set_limit(resource.RLIMIT_AS, address_space, address_space)
        # SIGXCPU at the soft limit ends the child; SIGKILL one second later if it is caught.
        # The hard limit leaves room for the extra time a child may ask for.
        _set_limit(resource.RLIMIT_CPU, limits.cpu_seconds, limits.cpu_seconds + MAX_EXTRA_SECONDS + 1)
        sender.send(("ok", work(task)))
    except BaseException as error:  # noqa: BLE001 - any failure of untrusted input is recorded
        failure = failure_of(error, limits)
        try:
            sender.send(("failed", failure))
        except Exception:  # noqa: BLE001 - e.g. still out of memory: the exit code says so
            os._exit(RESULT_LOST)
    finally:
        sender.close()


_NO_TASK: Any = object()  # end of the task iterator


@dataclass
class _Running(Generic[Task]):
    task: Task
    process: multiprocessing.process.BaseProcess
    receiver: Connection
    deadline: float
    message: tuple | None = None  # a result received while looking for a request for time


def run_isolated(
    tasks: Iterable[Task], work: Callable[[Task], Result], limits: Limits, workers: int = 1
) -> Iterator[tuple[Task, Result | Failure]]:
    """`work(task)` for every task, each in its own forked child, `workers` at a time.

    Yields (task, result or Failure) as children finish, in completion order. `work` and
    its result must be picklable (the result crosses a pipe): keep results small and write
    bulky output to files from the child.
    """
    context = multiprocessing.get_context("fork")
    pending = iter(tasks)
    running: list[_Running[Task]] = []
    parent = os.getpid()

    def fill() -> None:
        while len(running) < max(1, workers):
            task = next(pending, _NO_TASK)
            if task is _NO_TASK:
                return
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_child, args=(work, task, limits, parent, sender), daemon=True)
            process.start()
            sender.close()
            running.append(_Running(task, process, receiver, time.monotonic() + limits.wall_seconds))

    # The parent's objects (Dagster, SQLAlchemy: hundreds of thousands) moved out of the
    # garbage collector's reach while children are forked: a child's collections would
    # otherwise walk them all and copy their pages (measured: 2-page letter 0.16 -> 0.11 s).
    gc.freeze()
    try:
        fill()
        while running:
            timeout = max(0.0, min(r.deadline for r in running) - time.monotonic())
            ready = wait([r.receiver for r in running], timeout)
            now = time.monotonic()
            finished: list[tuple[Task, Result | Failure]] = []
            for slot in list(running):
                if slot.receiver in ready and _granted_time(slot):
                    continue
                if slot.receiver in ready or now >= slot.deadline:
                    running.remove(slot)
                    # What a child sent is what its work returned, or a Failure: unpickled, untyped.
                    timed_out = slot.receiver not in ready
                    outcome = cast("Result | Failure", _collect(slot, limits, timed_out=timed_out))
                    finished.append((slot.task, outcome))
            # Free slots are refilled before the consumer sees the results, so its own work on
            # them (Dagster's events) overlaps the next children's instead of idling the cores.
            fill()
            yield from finished
    finally:
        for slot in running:  # the consumer stopped early, or the parent is being torn down
            _kill(slot)
        gc.unfreeze()


def _granted_time(slot: _Running) -> bool:
    """The child asked for more time: its deadline moves; its result is still to come."""
    try:
        status, payload = slot.message or slot.receiver.recv()
    except (EOFError, OSError):
        slot.message = ("died", None)
        return False
    if status != "time":
        slot.message = (status, payload)
        return False
    seconds, _why = payload
    slot.deadline += seconds
    return True


def _collect(slot: _Running, limits: Limits, *, timed_out: bool) -> object:
    status, payload = "timeout", None
    if not timed_out:
        try:
            status, payload = slot.message or slot.receiver.recv()
        except (EOFError, OSError):
            status = "died"
    _kill(slot)
    if status == "ok":
        return payload
    if status == "failed":
        return payload
    if status == "timeout":
        return Failure("limit: time", f"no result within {limits.wall_seconds:g} s (wall clock)")
    return _death(slot.process.exitcode, limits)


def _kill(slot: _Running) -> None:
    if slot.process.is_alive():
        slot.process.kill()  # SIGKILL
    slot.process.join()
    slot.receiver.close()


def _death(exitcode: int | None, limits: Limits) -> Failure:
    if exitcode == RESULT_LOST:
        return Failure("limit: memory",
                       f"out of memory under a {limits.memory_mb} MB limit (no result could be sent)")
    if exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
        return Failure("limit: time", f"more than {limits.cpu_seconds} s of CPU time")
    if exitcode == -signal.SIGSEGV:  # the stack cannot grow within the address-space limit
        return Failure("limit: memory", f"killed by SIGSEGV under a {limits.memory_mb} MB limit")
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name if -exitcode in signal.valid_signals() else str(-exitcode)
        return Failure(f"reader crashed ({name})", f"the child process was killed by {name}")
    return Failure(f"reader crashed (exit code {exitcode})", "the child process ended without a result")


def _short(reason: str) -> str:
    return reason.split("\n")[0][:200]
