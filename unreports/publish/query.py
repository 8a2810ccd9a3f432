"""Run one analyst query against a published warehouse, read-only, and format the result.

The query is untrusted: the connection is read-only, with DuckDB's external access off
(no file, URL, glob, COPY, EXPORT, ATTACH, extension install or load) and its
configuration locked before the query runs, so the query cannot switch either back on.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
import warnings
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

FORMATS = ("table", "csv", "json", "parquet")
TEXT_FORMATS = ("table", "csv", "json")
# Applied when the connection opens, before any SQL; lock_configuration keeps them.
LOCKED_DOWN = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "lock_configuration": True,
}


class QueryError(Exception):
    """The query could not run (missing warehouse, empty or bad SQL, a forbidden
    operation): one line for the user."""


def connect_locked_down(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection on `warehouse` with external access off and the
    configuration locked (see the module docstring)."""
    warehouse = Path(warehouse)
    if not warehouse.is_file():
        raise QueryError(f"no warehouse at {warehouse} (run `unreports run` first)")
    try:
        return duckdb.connect(str(warehouse), read_only=True, config=dict(LOCKED_DOWN))
    except duckdb.Error as error:
        raise QueryError(f"cannot open {warehouse}: {_first_line(error)}") from None


def _first_line(error: BaseException) -> str:
    return next((line.strip() for line in str(error).splitlines() if line.strip()), type(error).__name__)


def _results(warehouse: Path, sql: str, fetch: Callable[[duckdb.DuckDBPyConnection], T]) -> T | None:
    """`fetch(cursor)` on the last statement's result, on a locked-down read-only connection;
    None for a statement without a result (e.g. SET). Every failure is one QueryError line."""
    if not sql.strip():
        raise QueryError("empty query: no SQL given")
    con = connect_locked_down(warehouse)
    try:
        cursor = con.execute(sql)
        if cursor is None:
            raise QueryError("empty query: no SQL statement (only comments?)")
        if cursor.description is None:
            return None
        return fetch(cursor)
    except duckdb.Error as error:
        raise QueryError(f"query failed: {_first_line(error)}") from None
    finally:
        con.close()


def _arrow(cursor: duckdb.DuckDBPyConnection) -> pa.Table:
    with warnings.catch_warnings():  # "an extra copy": one result, written once
        warnings.simplefilter("ignore", UserWarning)
        return cursor.to_arrow_table()


def _rows(cursor: duckdb.DuckDBPyConnection) -> tuple[list[str], list[tuple]]:
    return [d[0] for d in cursor.description or ()], cursor.fetchall()


def query_arrow(warehouse: Path, sql: str) -> pa.Table | None:
    """The last statement's result as an Arrow table (None for a statement without one)."""
    return _results(warehouse, sql, _arrow)


def write_query(warehouse: Path, sql: str, fmt: str, output: Path | None) -> str:
    """Run the query and write its result to `output` (returns "") or return it as text.
    Parquet is written to a file only."""
    if fmt == "parquet":
        if output is None:
            raise QueryError("--format parquet needs --output FILE")
        table = query_arrow(warehouse, sql)
        if table is None:
            raise QueryError("the query returns no result to write")
        pq.write_table(table, output, compression="zstd")
        return ""
    text = run_query(warehouse, sql, fmt)
    if output is not None:
        output.write_text(text, encoding="utf-8")
        return ""
    return text
T = TypeVar("T")
NULL_TEXT = "NULL"  # table format only: tells a missing value from an empty string
COLUMN_GAP = "  "


def run_query(warehouse: Path, sql: str, fmt: str = "table") -> str:
    """Result of the last statement in `sql` as an aligned text table, CSV or JSON."""
    if fmt not in TEXT_FORMATS:
        raise ValueError(f"format must be one of {TEXT_FORMATS}, not {fmt!r}")
    # read_only: a query can never change a published snapshot, and readers share the file.
    result = _results(warehouse, sql, _rows)
    if result is None:
        return ""
    columns, rows = result
    if fmt == "csv":
        return _csv(columns, rows)
    if fmt == "json":
        return (
            json.dumps(
                [dict(zip(columns, row, strict=True)) for row in rows],
                ensure_ascii=False,
                default=_json_value,
                indent=2,
            )
            + "\n"
        )
    return _table(columns, rows)


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)  # exact: a JSON float would round DECIMAL(18,4)
    if isinstance(value, date):  # also datetime
        return value.isoformat()
    return str(value)


def _text(value: Any) -> str:
    if value is None:
        return NULL_TEXT
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_text(v) for v in value) + "]"
    return str(value)  # dates print as ISO 8601, timestamps with a space


def _csv(columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else _text(v) for v in row])
    return out.getvalue()


def _width(text: str) -> int:
    """Terminal columns: combining marks (Arabic harakat) take none, wide CJK take two."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * (width - _width(text))
    return fill + text if right else text + fill


def _table(columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> str:
    # Numbers align right so digits line up; everything else aligns left.
    numeric = [
        all(
            isinstance(row[i], (int, float, Decimal)) and not isinstance(row[i], bool)
            for row in rows
            if row[i] is not None
        )
        and any(row[i] is not None for row in rows)
        for i in range(len(columns))
    ]
    cells = [[_text(v).replace("\n", " ") for v in row] for row in rows]
    widths = [max([_width(c), *(_width(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    lines = [
        COLUMN_GAP.join(_pad(c, widths[i], numeric[i]) for i, c in enumerate(columns)).rstrip(),
        COLUMN_GAP.join("-" * w for w in widths),
    ]
    lines += [
        COLUMN_GAP.join(_pad(v, widths[i], numeric[i]) for i, v in enumerate(r)).rstrip() for r in cells
    ]
    lines.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(lines) + "\n"
