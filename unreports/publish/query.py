"""Run one analyst query against a published warehouse, read-only, and format the result."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

FORMATS = ("table", "csv", "json")
NULL_TEXT = "NULL"  # table format only: tells a missing value from an empty string
COLUMN_GAP = "  "


def run_query(warehouse: Path, sql: str, fmt: str = "table") -> str:
    """Result of the last statement in `sql` as an aligned text table, CSV or JSON."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
    # read_only: a query can never change a published snapshot, and readers share the file.
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        cursor = con.execute(sql)
        if cursor.description is None:  # a statement without a result, e.g. SET
            return ""
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    finally:
        con.close()
    if fmt == "csv":
        return _csv(columns, rows)
    if fmt == "json":
        return (
            json.dumps(
                [dict(zip(columns, row)) for row in rows], ensure_ascii=False, default=_json_value, indent=2
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
