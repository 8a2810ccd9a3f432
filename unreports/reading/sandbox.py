"""Read untrusted documents: the readers' limits, and reading one document in a limited child.

PDFs come from outside: decompression bombs, reference loops, pathological fonts. The
pipeline reads each document, with its other stages, in a forked child of
`unreports.pool` (address-space, CPU-time and wall-clock limits); `read_isolated` does the
same for reading alone. A child that dies or overruns becomes a recorded rejection and
never takes the run down. Reasons are short and stable, for grouping; what is particular
to one file (a byte offset, a page count) goes in the rejection's detail.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from unreports.pool import Failure, Limits, run_isolated
from unreports.reading.ocr_text import read_text
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

    def child(self) -> Limits:
        """The limits of the child process that reads (and processes) a document."""
        return Limits(self.memory_mb, self.cpu_seconds, self.wall_seconds)


def read_document(source: SourceDocument, data: bytes, limits: ReadLimits) -> ReadDocument:
    """Read in this process (no isolation); raises PdfReadError / TextInputError."""
    if source.media_type == "application/pdf":
        return read_pdf(source, data, max_pages=limits.max_pages)
    return read_text(source, data)


def size_rejection(source: SourceDocument, limits: ReadLimits) -> Rejection | None:
    """Checked before a child is started: nothing to read, or more than may be read."""
    if source.size_bytes == 0:
        return Rejection(source.source_name, source.source_sha256, "empty file", "0 bytes")
    if source.size_bytes > limits.max_bytes:
        return Rejection(source.source_name, source.source_sha256, "limit: input bytes",
                         f"{source.size_bytes} bytes > {limits.max_bytes}")
    return None


def _read_file(source: SourceDocument, limits: ReadLimits) -> ReadDocument:
    return read_document(source, Path(source.source_path).read_bytes(), limits)


def read_isolated(source: SourceDocument, limits: ReadLimits) -> ReadDocument | Rejection:
    """Read one document in a limited child process; a Rejection with a short reason on failure."""
    early = size_rejection(source, limits)
    if early is not None:
        return early
    [(_, outcome)] = run_isolated([source], functools.partial(_read_file, limits=limits), limits.child())
    if isinstance(outcome, Failure):
        return Rejection(source.source_name, source.source_sha256, outcome.reason, outcome.detail)
    return outcome
