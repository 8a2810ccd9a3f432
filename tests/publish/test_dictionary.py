"""The data dictionary is complete and the committed copy is current."""

from __future__ import annotations

import duckdb

from unreports.publish.dictionary import DICTIONARY_PATH, render_data_dictionary
from unreports.publish.tables import ALL_TABLES, sql_files

VIEWS = ("indicator_values", "paragraph_text", "documents_overview")


def test_committed_dictionary_is_current() -> None:
    # On failure: python -m unreports.publish.dictionary
    assert DICTIONARY_PATH.read_text(encoding="utf-8") == render_data_dictionary()


def test_every_table_view_and_column_is_described() -> None:
    con = duckdb.connect()
    for script in sql_files():
        con.execute(script.read_text(encoding="utf-8"))
    undescribed = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal AND coalesce(trim(comment), '') = ''"
    ).fetchall()
    assert undescribed == []
    objects = con.execute(
        "SELECT table_name, comment FROM duckdb_tables() WHERE NOT internal "
        "UNION ALL SELECT view_name, comment FROM duckdb_views() WHERE NOT internal"
    ).fetchall()
    assert {name for name, _ in objects} == {spec.name for spec in ALL_TABLES} | set(VIEWS)
    assert all(comment for _, comment in objects)


def test_dictionary_lists_every_column() -> None:
    text = render_data_dictionary()
    for spec in ALL_TABLES:
        assert f"### `{spec.name}`" in text
        for column in spec.columns:
            assert f"| `{column}` |" in text
    for view in VIEWS:
        assert f"### `{view}`" in text
    assert "Primary key: `document_id`, `number`." in text
