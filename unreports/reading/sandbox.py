"""Read untrusted documents in a child process with limits.

PDFs come from outside: decompression bombs, reference loops, pathological fonts. Each
document is parsed in a forked child with an address-space limit (RLIMIT_AS), a CPU-time
limit (RLIMIT_CPU) and a wall-clock timeout; a child that dies or overruns becomes a
recorded rejection and never takes the run down.

The address-space limit is counted from the fork: the child may add `memory_mb` to what it
inherits, however large its parent (threads and DuckDB reserve much address space that is
never touched). Reasons are short and stable, for grouping; what is particular to one file
(a byte offset, a page count) goes in the rejection's detail.
"""

from __future__ import annotations

import multiprocessing
import resource
import signal
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from unreports.reading.ocr_text import TextInputError, read_text
from unreports.reading.pdf import PdfReadError
from unreports.reading.pdf_document import read_pdf
from unreports.records import ReadDocument, Rejection, SourceDocument

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    # Memory the child may add to the address space it inherits at the fork (RLIMIT_AS is
    # set to inherited + this): the parent's own size (a Dagster worker with DuckDB loaded
    # reserves about 1 GB of address space) must not eat into what a document may use.
    memory_mb: int = 1024
    cpu_seconds: int = 60
    wall_seconds: float = 120.0
    max_pages: int = 2000
    max_bytes: int = 200 * MEGABYTE


def read_document(source: SourceDocument, data: bytes, limits: ReadLimits) -> ReadDocument:
    """Read in this process (no isolation); raises PdfReadError / TextInputError."""
    if source.media_type == "application/pdf":
        return read_pdf(source, data, max_pages=limits.max_pages)
    return read_text(source, data)


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


def _child(source: SourceDocument, limits: ReadLimits, sender: Connection) -> None:
    try:
        address_space = _address_space() + limits.memory_mb * MEGABYTE
        _set_limit(resource.RLIMIT_AS, address_space, address_space)
        # SIGXCPU at the soft limit ends the child; SIGKILL one second later if it is caught.
        _set_limit(resource.RLIMIT_CPU, limits.cpu_seconds, limits.cpu_seconds + 1)
        data = Path(source.source_path).read_bytes()
        sender.send(("ok", read_document(source, data, limits)))
    except (PdfReadError, TextInputError) as error:
        sender.send(("rejected", (error.reason, error.detail)))
    except MemoryError:
        sender.send(("rejected", ("limit: memory", f"more than {limits.memory_mb} MB needed")))
    except RecursionError:
        sender.send(("rejected", ("truncated or damaged PDF (reference loop)",
                                  "recursion too deep: objects refer to each other without end")))
    except Exception as error:  # noqa: BLE001 - any parser failure is a recorded rejection
        detail = traceback.format_exception_only(type(error), error)[-1].strip()
        sender.send(("rejected", (f"unreadable ({type(error).__name__})", detail[:300])))
    finally:
        sender.close()


def read_isolated(source: SourceDocument, limits: ReadLimits) -> ReadDocument | Rejection:
    """Read one document in a child process; a Rejection with a short reason on failure."""
    if source.size_bytes == 0:
        return Rejection(source.source_name, source.source_sha256, "empty file", "0 bytes")
    if source.size_bytes > limits.max_bytes:
        return Rejection(source.source_name, source.source_sha256, "limit: input bytes",
                         f"{source.size_bytes} > {limits.max_bytes}")
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(source, limits, sender), daemon=True)
    child.start()
    sender.close()
    try:
        if receiver.poll(limits.wall_seconds):
            try:
                status, payload = receiver.recv()
            except (EOFError, OSError):
                status, payload = "died", None
        else:
            status, payload = "timeout", None
    finally:
        if child.is_alive():
            child.kill()  # SIGKILL
        child.join()
        receiver.close()
    if status == "ok":
        return payload
    if status == "rejected":
        reason, detail = payload
    elif status == "timeout":
        reason, detail = "limit: time", f"no result within {limits.wall_seconds:g} s (wall clock)"
    else:
        reason, detail = _death_reason(child.exitcode, limits)
    return Rejection(source.source_name, source.source_sha256, _short(reason), detail)


def _death_reason(exitcode: int | None, limits: ReadLimits) -> tuple[str, str]:
    if exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
        return "limit: time", f"more than {limits.cpu_seconds} s of CPU time"
    if exitcode == -signal.SIGSEGV:  # the stack cannot grow within the address-space limit
        return "limit: memory", f"killed by SIGSEGV under a {limits.memory_mb} MB limit"
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name if -exitcode in signal.valid_signals() else str(-exitcode)
        return f"reader crashed ({name})", f"the reading process was killed by {name} before it sent a result"
    return (
        f"reader crashed (exit code {exitcode})",
        f"the reading process exited ({exitcode}) without a result",
    )


def _short(reason: str) -> str:
    return reason.split("\n")[0][:200]
