"""Records -> Arrow tables: fixed schemas read from the DDL, sorted, keyed, exact decimals."""

from __future__ import annotations

import dataclasses
import random
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import duckdb
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unreports.publish.tables import (
    ALL_TABLES,
    DDL_TABLES,
    DECIMAL_TYPE,
    LANGUAGE_COLUMN,
    PUBLISHED_TABLES,
    TABLES_BY_NAME,
    UNDETERMINED_LANGUAGE,
    DdlError,
    DocumentTables,
    DuplicateKeyError,
    _spec,
    build_tables,
    content_sha256,
    document_tables,
    language_partition,
    parse_tables_ddl,
    sql_files,
)
from unreports.records import Rejection


def _ddl_connection() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for script in sql_files():
        con.execute(script.read_text(encoding="utf-8"))
    return con


def test_schemas_are_what_duckdb_makes_of_the_ddl() -> None:
    """The DDL reader agrees with DuckDB: same columns, types (as DuckDB reads the Arrow
    types back, and as it returns its tables in Arrow) and primary keys."""
    con = _ddl_connection()
    for spec in ALL_TABLES:
        ddl = con.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
            [spec.name],
        ).fetchall()
        con.register("empty", spec.schema.empty_table())
        arrow = con.execute("SELECT column_name, column_type FROM (DESCRIBE empty)").fetchall()
        con.unregister("empty")
        assert arrow == ddl, spec.name
        assert con.sql(f'SELECT * FROM "{spec.name}" LIMIT 0').to_arrow_table().schema == spec.schema
        keys = con.execute(
            "SELECT constraint_column_names FROM duckdb_constraints() "
            "WHERE table_name = ? AND constraint_type = 'PRIMARY KEY'",
            [spec.name],
        ).fetchall()
        assert keys == [(list(spec.primary_key),)], spec.name


def test_every_ddl_table_has_a_table_spec_and_back() -> None:
    con = _ddl_connection()
    found = con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT internal").fetchall()
    in_sql = {name for (name,) in found}
    assert in_sql == set(TABLES_BY_NAME) == set(DDL_TABLES)
    assert len(ALL_TABLES) == len(TABLES_BY_NAME)  # no table listed twice


def test_every_table_is_keyed_and_partitioned_by_its_own_columns() -> None:
    for spec in ALL_TABLES:
        assert spec.primary_key and set(spec.primary_key) <= set(spec.columns), spec.name
        if spec.language != "none":  # rows of one document: keyed within it
            assert spec.primary_key[0] == "document_id", spec.name
        if spec.language == "own":
            assert LANGUAGE_COLUMN in spec.columns, spec.name
    with pytest.raises(DdlError, match="needs a language column"):
        _spec("ignored_inputs", "own")
    with pytest.raises(DdlError, match="no table 'nothing'"):
        _spec("nothing", "none")


def test_ddl_reader_reads_its_dialect() -> None:
    tables = parse_tables_ddl(
        """-- a comment; with ( and 'quotes'
        /* block; comment ) */
        CREATE TABLE "t 1" (
            id varchar not null,
            "order" Integer NULL, -- the next column's type is a list
            tags VARCHAR[],
            amount DECIMAL( 18 , 4 ),
            at TIMESTAMP, big BIGINT, ok BOOLEAN, ratio DOUBLE, day DATE,
            primary key (id, "order")
        );
        comment on column "t 1".id is 'a ; in a string, a '' and a create table x (y TEXT)';
        create table if not exists u (k VARCHAR PRIMARY KEY);
        create or replace view v as select 1;
        """
    )
    assert list(tables) == ["t 1", "u"]
    assert tables["t 1"].schema == pa.schema(
        [("id", pa.string()), ("order", pa.int32()), ("tags", pa.list_(pa.string())),
         ("amount", DECIMAL_TYPE), ("at", pa.timestamp("us")), ("big", pa.int64()),
         ("ok", pa.bool_()), ("ratio", pa.float64()), ("day", pa.date32())]
    )
    assert tables["t 1"].primary_key == ("id", "order")
    assert tables["u"].primary_key == ("k",)


@pytest.mark.parametrize(
    ("ddl", "message"),
    [
        ("create table t (k VARCHAR PRIMARY KEY, x TEXT);",
         "table t, column x: unsupported column type 'TEXT'"),
        ("create table t (k VARCHAR PRIMARY KEY, x JSON);", "column x: unsupported column type"),
        ("create table t (k VARCHAR PRIMARY KEY, x DECIMAL(10,2));", r"column x: only DECIMAL\(18,4\)"),
        ("create table t (k VARCHAR PRIMARY KEY, x INTEGER[][]);", "column x: .*nested lists"),
        ("create table t (k VARCHAR PRIMARY KEY, x INTEGER[3]);", "column x: unsupported column type"),
        ("create table t (k VARCHAR PRIMARY KEY, x MAP(VARCHAR, VARCHAR));",
         "column x: unsupported column type"),
        ("create table t (k VARCHAR PRIMARY KEY, x VARCHAR DEFAULT 'a');",
         "column x: unsupported column clause"),
        ("create table t (k VARCHAR);", "table t: needs exactly one PRIMARY KEY, found 0"),
        ("create table t (k VARCHAR PRIMARY KEY, PRIMARY KEY (k));", "found 2"),
        ("create table t (k VARCHAR, PRIMARY KEY (j));", r"unknown columns \['j'\]"),
        ("create table t (k VARCHAR PRIMARY KEY, k INTEGER);", "table t: a column is declared twice"),
        ("create table t (k VARCHAR PRIMARY KEY); create table t (k VARCHAR PRIMARY KEY);", "declared twice"),
        ("create table t (k VARCHAR PRIMARY KEY, UNIQUE (k));", "unsupported table constraint"),
        ("create table t as select 1 as k;", "expected '\\('"),
        ("create table t;", "table t: expected '\\('"),
        ("create or replace table t (k VARCHAR PRIMARY KEY);", "unsupported statement"),
        ("create table t (k VARCHAR PRIMARY KEY,);", "empty column definition"),
    ],
)
def test_ddl_reader_refuses_what_it_cannot_map(ddl: str, message: str) -> None:
    with pytest.raises(DdlError, match=message):
        parse_tables_ddl(ddl, "test.sql")


def test_empty_input_gives_every_table_with_its_schema() -> None:
    tables = build_tables([], [])
    assert list(tables) == [spec.name for spec in PUBLISHED_TABLES]
    for spec in PUBLISHED_TABLES:
        assert tables[spec.name].num_rows == 0
        assert tables[spec.name].schema == spec.schema


def test_ignored_entries_are_one_row_per_name_in_name_order() -> None:
    ignored = [("z.docx", "unsupported suffix", ".docx"), (".a", "hidden file", "dot-file"),
               ("z.docx", "unsupported suffix", ".docx")]
    table = build_tables([], [], ignored)["ignored_inputs"]
    assert table.column("source_name").to_pylist() == [".a", "z.docx"]
    assert table.column("reason").to_pylist() == ["hidden file", "unsupported suffix"]


def test_rows_counts_types_and_order(inputs) -> None:
    tables = build_tables(*inputs)
    counts = {name: table.num_rows for name, table in tables.items()}
    assert counts == {
        "documents": 2,
        "paragraphs": 8,
        "annex_units": 6,
        "headings": 10,
        "footnotes": 4,
        "citations": 8,
        "statistics": 8,
        "numeric_mentions": 12,
        "pages": 0,
        "rejected_documents": 1,
        "ignored_inputs": 0,
    }
    for spec in PUBLISHED_TABLES:
        table = tables[spec.name]
        assert table.schema == spec.schema
        keys = [tuple(row[c] for c in spec.primary_key) for row in table.to_pylist()]
        assert keys == sorted(keys) and len(set(keys)) == len(keys), spec.name
    values = tables["statistics"]["value"]
    assert values.type == DECIMAL_TYPE
    assert Decimal("1.5000") in values.to_pylist()
    breakdown = [r for r in tables["statistics"].to_pylist() if r["breakdown_of"]]
    assert {r["breakdown_of"] for r in breakdown} == {"children_recruited:3:29"}
    assert tables["numeric_mentions"]["parent_value"].type == DECIMAL_TYPE
    assert tables["documents"]["warnings"].type == pa.list_(pa.string())


def test_keyless_records_are_indexed_independently_of_input_order(inputs) -> None:
    bundles, rejections = inputs
    shuffled = []
    for bundle in bundles:
        citations = list(bundle.citations)
        mentions = list(bundle.numeric_mentions)
        random.Random(7).shuffle(citations)
        random.Random(7).shuffle(mentions)
        shuffled.append(
            dataclasses.replace(bundle, citations=tuple(citations), numeric_mentions=tuple(mentions))
        )
    assert build_tables(shuffled, rejections) == build_tables(bundles, rejections)
    citations = build_tables(bundles, rejections)["citations"].to_pylist()
    english = [
        (r["citation_index"], r["paragraph_number"], r["symbol"])
        for r in citations
        if r["document_id"].endswith("-en")
    ]
    assert english == [  # reading order; footnote citations (no paragraph) last
        (1, 1, "resolution 2331 (2016)"),
        (2, 4, "S/2017/403"),
        (3, None, "A/72/361"),
        (4, None, "S/2017/403"),
    ]


def test_duplicate_primary_key_is_refused(inputs) -> None:
    bundles, rejections = inputs
    first = bundles[0]
    doubled = dataclasses.replace(first, paragraphs=first.paragraphs + first.paragraphs[:1])
    with pytest.raises(DuplicateKeyError, match="paragraphs"):
        build_tables([doubled, *bundles[1:]], rejections)
    with pytest.raises(DuplicateKeyError, match="documents"):
        build_tables([first, first], rejections)


def test_child_record_of_another_document_is_refused(inputs) -> None:
    bundles, rejections = inputs
    foreign = dataclasses.replace(bundles[0], footnotes=bundles[1].footnotes)
    with pytest.raises(ValueError, match="footnotes"):
        build_tables([foreign], rejections)


@pytest.mark.parametrize("value", [Decimal("0.12345"), Decimal("1e14"), Decimal("NaN")])
def test_decimal_that_does_not_fit_is_refused(inputs, value: Decimal) -> None:
    bundles, rejections = inputs
    statistic = dataclasses.replace(bundles[0].statistics[0], value=value)
    bundle = dataclasses.replace(bundles[0], statistics=(statistic,))
    with pytest.raises(ValueError, match="DECIMAL|decimal places"):
        build_tables([bundle], rejections)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=50, deadline=None)
@given(
    value=st.decimals(
        min_value=Decimal("-99999999999999.9999"), max_value=Decimal("99999999999999.9999"), places=4
    )
)
def test_decimals_with_four_places_round_trip_exactly(inputs, value: Decimal) -> None:
    bundles, rejections = inputs  # records are frozen, so sharing the fixture is safe
    statistic = dataclasses.replace(bundles[0].statistics[0], value=value)
    bundle = dataclasses.replace(bundles[0], statistics=(statistic,))
    assert build_tables([bundle], rejections)["statistics"]["value"].to_pylist() == [value]


def test_language_partition_values() -> None:
    assert language_partition(None) == UNDETERMINED_LANGUAGE
    assert language_partition(" ") == UNDETERMINED_LANGUAGE
    assert language_partition("ar") == "ar"
    for bad in ("../x", "a/b", "1", "en us"):
        with pytest.raises(ValueError):
            language_partition(bad)


def test_unknown_document_language_is_published_as_und(inputs) -> None:
    bundles, rejections = inputs
    unknown = dataclasses.replace(
        bundles[0], metadata=dataclasses.replace(bundles[0].metadata, language=None)
    )
    documents = build_tables([unknown], rejections)["documents"]
    assert documents["language"].to_pylist() == [UNDETERMINED_LANGUAGE]


def test_rejections_keep_the_latest_per_file_in_utc() -> None:
    base = datetime(2020, 1, 1, 12, 0, tzinfo=timezone(timedelta(hours=3)))
    rejections = [
        (Rejection("a.pdf", "1" * 64, "encrypted"), base),
        (Rejection("a-again.pdf", "1" * 64, "not a PDF"), base + timedelta(hours=1)),
        (Rejection("b.pdf", "2" * 64, "limit: time"), datetime(2020, 1, 1, 8, 0)),
    ]
    rows = build_tables([], rejections)["rejected_documents"].to_pylist()
    assert [(r["source_name"], r["reason"], r["rejected_at"]) for r in rows] == [
        ("a-again.pdf", "not a PDF", datetime(2020, 1, 1, 10, 0)),
        ("b.pdf", "limit: time", datetime(2020, 1, 1, 8, 0)),
    ]


def test_content_hash_ignores_row_order_and_arrow_flavour(inputs) -> None:
    spec = PUBLISHED_TABLES[1]
    table = build_tables(*inputs)[spec.name]
    reversed_rows = table.take(list(reversed(range(table.num_rows))))
    large = table.cast(
        pa.schema([f.with_type(pa.large_string()) if f.type == pa.string() else f for f in table.schema])
    )
    expected = content_sha256(table, spec.columns)
    assert content_sha256(reversed_rows, spec.columns) == expected
    assert content_sha256(large, spec.columns) == expected
    changed = table.set_column(5, "text", pa.array(["x"] * table.num_rows))
    assert content_sha256(changed, spec.columns) != expected


def test_tables_do_not_depend_on_the_order_documents_arrive_in(inputs) -> None:
    bundles, rejections = inputs
    forward = build_tables(bundles, rejections)
    backward = build_tables(list(reversed(bundles)), rejections)
    for name, table in forward.items():
        assert table.equals(backward[name]), name  # same rows in the same (key) order
        keys = [tuple(row.values()) for row in table.select(
            next(spec.primary_key for spec in PUBLISHED_TABLES if spec.name == name)).to_pylist()]
        assert keys == sorted(keys), name


def test_rows_made_per_document_publish_the_same_tables(inputs) -> None:
    """The pipeline hands publication each document's rows (DocumentTables), not bundles."""
    bundles, rejections = inputs
    from_bundles = build_tables(bundles, rejections)
    per_document = [document_tables(bundle) for bundle in reversed(bundles)]
    assert [d.source_sha256 for d in per_document] == [b.source.source_sha256 for b in reversed(bundles)]
    from_rows = build_tables(per_document, rejections)
    mixed = build_tables([per_document[0], *bundles[:-1]], rejections)
    for name, table in from_bundles.items():
        assert table.equals(from_rows[name]), name
        assert table.equals(mixed[name]), name
    with pytest.raises(DuplicateKeyError):
        build_tables([per_document[0], bundles[-1]], rejections)


def test_rows_with_another_schema_are_refused(inputs) -> None:
    bundles, rejections = inputs
    rows = document_tables(bundles[0])
    name = PUBLISHED_TABLES[1].name
    renamed = rows.tables[name].rename_columns([*rows.tables[name].column_names[:-1], "other"])
    stale = DocumentTables(rows.document_id, rows.source_sha256, {**rows.tables, name: renamed})
    with pytest.raises(ValueError, match="schema differs"):
        build_tables([stale], rejections)
