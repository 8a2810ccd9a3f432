"""The evidence report: one self-contained HTML page from a published warehouse.

Per indicator a plot (inline SVG) and a table of values, each value linked to its
paragraph with the number highlighted, its footnote and cited source; then rejected files
and document warnings. No Dagster here: `build_report` is a pure function of a read-only
DuckDB connection; `write_report` opens the warehouse and replaces the output atomically.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import duckdb

from unreports.report.data import read_report_data
from unreports.report.page import render_page

__all__ = ["build_report", "write_report"]


def build_report(con: duckdb.DuckDBPyConnection) -> str:
    """The report's HTML for the warehouse `con` is connected to."""
    return render_page(read_report_data(con))


def write_report(warehouse: Path, out: Path) -> int:
    """Render the report of `warehouse` (opened read-only) to `out`, replacing it at once
    (a reader never sees half a file); returns the number of values reported."""
    if not warehouse.is_file():
        raise FileNotFoundError(f"no warehouse at {warehouse}")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        data = read_report_data(con)
    html = render_page(data)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(html)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(data.values)
