"""Progress of `unreports run` on the terminal: one line per document, or a bar.

The document asset reports each finished document to the `unreports.progress` logger (a
plain Python logger: in the daemon nobody listens and it costs nothing). `unreports run`
attaches a handler: on a terminal it redraws one bar line; otherwise (a log file, CI) it
writes one line per document. `--quiet` attaches none.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

LOGGER = "unreports.progress"
BAR_WIDTH = 24


def report(done: int, total: int, document_id: str, status: str, seconds: float) -> None:
    """Called once per finished document (processed or rejected)."""
    logging.getLogger(LOGGER).info("%s", status, extra={
        "done": done, "total": total, "document_id": document_id, "seconds": seconds})


class _Progress(logging.Handler):
    def __init__(self, stream: TextIO, bar: bool) -> None:
        super().__init__(logging.INFO)
        self.stream, self.bar = stream, bar

    def emit(self, record: logging.LogRecord) -> None:
        done, total = getattr(record, "done", 0), getattr(record, "total", 0)
        text = f"{done}/{total} {getattr(record, 'document_id', '')}: {record.getMessage()}"
        if self.bar:
            filled = BAR_WIDTH * done // max(total, 1)
            line = f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {text}"[:120]
            self.stream.write(line.ljust(120) + ("\n" if done >= total else ""))
        else:
            self.stream.write(f"  {text} ({getattr(record, 'seconds', 0.0):.2f} s)\n")
        self.stream.flush()


def attach(stream: TextIO | None = None) -> logging.Handler:
    """Show progress on `stream` (standard error) until `detach`; a bar on a terminal."""
    stream = stream or sys.stderr
    handler = _Progress(stream, bar=stream.isatty())
    logger = logging.getLogger(LOGGER)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return handler


def detach(handler: logging.Handler) -> None:
    logging.getLogger(LOGGER).removeHandler(handler)
