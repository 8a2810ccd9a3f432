"""docs/data-dictionary.md, generated from the comments in sql/*.sql.

The DDL is the one place a column is described; this renders it for readers who do not
open SQL. Regenerate with `python -m unreports.publish.dictionary`.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from unreports.publish.snapshot import PART_FILE
from unreports.publish.tables import LANGUAGE_COLUMN, REPO_ROOT, TABLES_BY_NAME, sql_files

DICTIONARY_PATH = REPO_ROOT / "docs" / "data-dictionary.md"

_HEADER = """\
# Data dictionary

Generated from the comments in `sql/*.sql` by `python -m unreports.publish.dictionary`;
edit the SQL comments, not this file.

Analysts open `data/warehouse.duckdb` read-only or read `data/parquet/<table>/**/*.parquet`
with Hive partitioning (`language=<code>` folders). `data/manifest.json` names the
snapshot, its row counts and file hashes. A DuckDB connection always sees one snapshot;
to read several Parquet files from one snapshot while a publish may run, resolve
`data/current` once (e.g. `os.path.realpath`) and read below that folder.
"""


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def _parquet_layout(table: str) -> str:
    spec = TABLES_BY_NAME[table]
    if spec.name == "snapshot":
        return "DuckDB only (see manifest.json for Parquet readers)."
    if spec.language == "none":
        return f"`parquet/{table}/{PART_FILE}`."
    extra = "" if spec.language == "own" else f"; the `{LANGUAGE_COLUMN}` column is the document's language"
    return f"`parquet/{table}/{LANGUAGE_COLUMN}=<code>/{PART_FILE}`{extra}."


def render_data_dictionary() -> str:
    con = duckdb.connect()
    try:
        for script in sql_files():
            con.execute(script.read_text(encoding="utf-8"))
        objects = con.execute(
            "SELECT 'table', table_name, comment, table_oid FROM duckdb_tables() WHERE NOT internal "
            "UNION ALL SELECT 'view', view_name, comment, view_oid FROM duckdb_views() WHERE NOT internal "
            "ORDER BY 4"
        ).fetchall()
        columns = con.execute(
            "SELECT table_name, column_name, data_type, comment FROM duckdb_columns() "
            "WHERE NOT internal ORDER BY table_oid, column_index"
        ).fetchall()
        keys = dict(
            con.execute(
                "SELECT table_name, constraint_column_names FROM duckdb_constraints() "
                "WHERE constraint_type = 'PRIMARY KEY'"
            ).fetchall()
        )
    finally:
        con.close()
    out = [_HEADER]
    for kind in ("table", "view"):
        out.append(f"## {kind.capitalize()}s\n")
        for _, name, comment, _ in (o for o in objects if o[0] == kind):
            out.append(f"### `{name}`\n\n{_cell(comment)}\n")
            if name in keys:
                out.append("Primary key: " + ", ".join(f"`{c}`" for c in keys[name]) + ".\n")
            if kind == "table":
                out.append(f"Parquet: {_parquet_layout(name)}\n")
            out.append("| Column | Type | Description |\n|---|---|---|")
            out += [f"| `{c}` | `{t}` | {_cell(d)} |" for table, c, t, d in columns if table == name]
            out.append("")
    return "\n".join(out)


def write_data_dictionary(path: Path = DICTIONARY_PATH) -> Path:
    path.write_text(render_data_dictionary(), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write_data_dictionary())
