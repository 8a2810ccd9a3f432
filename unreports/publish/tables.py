"""Records -> pyarrow Tables with one fixed schema per published table.

`sql/001_tables.sql` is the one declaration of the published tables: each TableSpec's
Arrow schema (column names, order, types) and primary key are read from its CREATE TABLE
statements once, when this module is imported. Only what the DDL cannot say lives here:
where a table's `language` partition comes from, and the load order. The schemas are fixed
(not inferred from rows) so a table has the same column types in every run, also when it
is empty. Arrow fields stay nullable; DuckDB enforces NOT NULL and the keys on load.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa

from unreports.records import DocumentBundle, NumericMention, Rejection, Statistic

REPO_ROOT = Path(__file__).resolve().parents[2]  # a checkout's root (docs/ is regenerated there)
# The DDL and views: the repository's sql/ folder, reached through the package's link to it
# (unreports/sql -> ../sql), which a wheel turns into a copy.
SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
TABLES_DDL = SQL_DIR / "001_tables.sql"

LANGUAGE_COLUMN = "language"
# ISO 639-2 "undetermined": a document whose language was not read still needs a Hive
# partition, and a NULL partition breaks pandas.read_parquet ("dictionaries with nulls").
UNDETERMINED_LANGUAGE = "und"
# Partition folder names must stay plain path segments: language tags only. A leading
# letter keeps Hive type inference from reading the partition value as a number.
_LANGUAGE_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9-]{0,34}$")

DECIMAL_PRECISION = 18
DECIMAL_SCALE = 4
DECIMAL_TYPE = pa.decimal128(DECIMAL_PRECISION, DECIMAL_SCALE)
_DECIMAL_QUANTUM = Decimal(1).scaleb(-DECIMAL_SCALE)
_DECIMAL_LIMIT = Decimal(10) ** (DECIMAL_PRECISION - DECIMAL_SCALE)
HASH_BATCH_ROWS = 4096  # rows turned into Python values at once when hashing a table

# Where the `language` Hive partition of a table's Parquet files comes from.
LanguageSource = Literal["own", "document", "none"]


@dataclass(frozen=True)
class TableSpec:
    name: str
    schema: pa.Schema
    primary_key: tuple[str, ...]
    language: LanguageSource  # "own": its own column; "document": joined from documents

    @property
    def columns(self) -> list[str]:
        return list(self.schema.names)


class DuplicateKeyError(ValueError):
    """Two rows of one table share a primary key; publishing them would be ambiguous."""


class DdlError(ValueError):
    """The tables' DDL says something this module cannot turn into an Arrow schema."""


@dataclass(frozen=True)
class DdlTable:
    schema: pa.Schema
    primary_key: tuple[str, ...]


# DuckDB column types -> the Arrow types their rows are built in (the types DuckDB itself
# reads them back as, except that a list's item field is named "item", pyarrow's default,
# where DuckDB says "l"). Any other type is refused rather than guessed.
_ARROW_TYPES: Mapping[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),  # naive, UTC by convention
    # DECIMAL(p,s) is read below: only DECIMAL(18,4), the one _decimal checks values against.
}
_DDL_TOKEN = re.compile(
    r"""(?P<skip>\s+|--[^\n]*|/\*.*?\*/)
      | (?P<string>'[^']*(?:''[^']*)*')
      | (?P<quoted>"[^"]*(?:""[^"]*)*")
      | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
      | (?P<number>[0-9]+)
      | (?P<symbol>\[\]|.)""",
    re.VERBOSE | re.DOTALL,
)


def _ddl_statements(text: str) -> list[list[tuple[str, str]]]:
    """The statements of a SQL script as (kind, text) tokens, without comments or ';'."""
    statements: list[list[tuple[str, str]]] = [[]]
    for match in _DDL_TOKEN.finditer(text):
        kind = match.lastgroup
        assert kind is not None
        if kind == "skip":
            continue
        if (kind, match.group()) == ("symbol", ";"):
            statements.append([])
        else:
            statements[-1].append((kind, match.group()))
    return [statement for statement in statements if statement]


def _identifier(token: tuple[str, str], where: str) -> str:
    kind, text = token
    if kind == "word":
        return text  # DuckDB keeps the spelling of an unquoted name
    if kind == "quoted":
        return text[1:-1].replace('""', '"')
    raise DdlError(f"{where}: expected a name, found {text!r}")


def _words(tokens: Sequence[tuple[str, str]]) -> list[str]:
    return [text.upper() if kind == "word" else text for kind, text in tokens]


def _split_items(tokens: list[tuple[str, str]], where: str) -> list[list[tuple[str, str]]]:
    """`( item, item, ... )` -> the items, split at the commas outside inner parentheses."""
    if not tokens:
        raise DdlError(f"{where}: expected '(' and the column list")
    items: list[list[tuple[str, str]]] = [[]]
    depth = 0
    for position, token in enumerate(tokens):
        if token == ("symbol", "("):
            depth += 1
            if depth == 1:
                continue
        elif token == ("symbol", ")"):
            depth -= 1
            if depth == 0:
                if position != len(tokens) - 1:
                    raise DdlError(f"{where}: unexpected {tokens[position + 1][1]!r} after the column list")
                break
        elif token == ("symbol", ",") and depth == 1:
            items.append([])
            continue
        if depth == 0:
            raise DdlError(f"{where}: expected '(' and the column list, found {token[1]!r}")
        items[-1].append(token)
    if depth != 0:
        raise DdlError(f"{where}: unbalanced parentheses")
    if any(not item for item in items):
        raise DdlError(f"{where}: empty column definition")
    return items


def _key_columns(tokens: list[tuple[str, str]], where: str) -> tuple[str, ...]:
    """`( a, "b" )` -> ("a", "b")."""
    if len(tokens) < 3 or tokens[0] != ("symbol", "(") or tokens[-1] != ("symbol", ")"):
        raise DdlError(f"{where}: PRIMARY KEY needs a parenthesised column list")
    names = tokens[1:-1]
    if any(token != ("symbol", ",") for token in names[1::2]):
        raise DdlError(f"{where}: PRIMARY KEY columns must be separated by commas")
    return tuple(_identifier(token, where) for token in names[0::2])


def _column_type(tokens: list[tuple[str, str]], where: str) -> tuple[pa.DataType, int]:
    """A column's type tokens -> (Arrow type, number of tokens it took)."""
    words = _words(tokens)
    name = words[0]
    taken = 1
    if name == "DECIMAL":
        if words[1:6] != ["(", str(DECIMAL_PRECISION), ",", str(DECIMAL_SCALE), ")"]:
            raise DdlError(f"{where}: only DECIMAL({DECIMAL_PRECISION},{DECIMAL_SCALE}) is supported, "
                           f"found {''.join(words[:6])}")
        kind: pa.DataType = DECIMAL_TYPE
        taken = 6
    elif tokens[0][0] == "word" and name in _ARROW_TYPES:
        kind = _ARROW_TYPES[name]
    else:
        raise DdlError(f"{where}: unsupported column type {tokens[0][1]!r} "
                       f"(supported: {', '.join(_ARROW_TYPES)}, DECIMAL(18,4) and lists of them)")
    if words[taken:taken + 1] == ["[]"]:
        kind = pa.list_(kind)
        taken += 1
    if words[taken:taken + 1] in (["["], ["[]"]):
        raise DdlError(f"{where}: unsupported column type {''.join(words[:taken + 1])}... "
                       "(arrays and nested lists are not supported, only T[])")
    return kind, taken


def _column(item: list[tuple[str, str]], where: str) -> tuple[pa.Field, bool]:
    """`name TYPE [NOT NULL | NULL] [PRIMARY KEY]` -> (Arrow field, whether it is the key)."""
    column = _identifier(item[0], where)
    where = f"{where}, column {column}"
    if len(item) < 2:
        raise DdlError(f"{where}: no type")
    kind, taken = _column_type(item[1:], where)
    rest = _words(item[1 + taken:])
    key = False
    while rest:
        if rest[:2] == ["NOT", "NULL"]:
            rest = rest[2:]
        elif rest[:1] == ["NULL"]:
            rest = rest[1:]
        elif rest[:2] == ["PRIMARY", "KEY"]:
            key, rest = True, rest[2:]
        else:
            raise DdlError(f"{where}: unsupported column clause {' '.join(rest)!r}")
    return pa.field(column, kind), key


def _create_table(statement: list[tuple[str, str]], source: str) -> tuple[str, DdlTable]:
    """The tokens of `CREATE TABLE [IF NOT EXISTS] name (...)` -> (name, its schema and key)."""
    head = 5 if _words(statement[2:5]) == ["IF", "NOT", "EXISTS"] else 2
    if len(statement) <= head:
        raise DdlError(f"{source}: CREATE TABLE without a name")
    name = _identifier(statement[head], source)
    where = f"{source}, table {name}"
    fields: list[pa.Field] = []
    keys: list[tuple[str, ...]] = []
    for item in _split_items(statement[head + 1:], where):
        first = _words(item[:2])
        if first == ["PRIMARY", "KEY"]:
            keys.append(_key_columns(item[2:], where))
        elif item[0][0] == "word" and first[0] in ("CONSTRAINT", "UNIQUE", "FOREIGN", "CHECK"):
            raise DdlError(f"{where}: unsupported table constraint {item[0][1]}")
        else:
            field, key = _column(item, where)
            fields.append(field)
            if key:
                keys.append((field.name,))
    names = [field.name for field in fields]
    if len(set(names)) != len(names):
        raise DdlError(f"{where}: a column is declared twice")
    if len(keys) != 1:
        raise DdlError(f"{where}: needs exactly one PRIMARY KEY, found {len(keys)}")
    if unknown := [column for column in keys[0] if column not in names]:
        raise DdlError(f"{where}: PRIMARY KEY names unknown columns {unknown}")
    return name, DdlTable(pa.schema(fields), keys[0])


def parse_tables_ddl(text: str, source: str = TABLES_DDL.name) -> dict[str, DdlTable]:
    """CREATE TABLE statements -> each table's Arrow schema and primary key, in DDL order.

    A small strict reader of the DDL's own dialect, not of SQL: a column is `name TYPE
    [NOT NULL] [PRIMARY KEY]`, a table may end with `PRIMARY KEY (columns)`, and every table
    needs exactly one primary key. Anything else in a CREATE TABLE raises DdlError naming
    the table and column; statements other than CREATE TABLE (comments) are skipped.
    """
    tables: dict[str, DdlTable] = {}
    for statement in _ddl_statements(text):
        words = _words(statement[:4])
        if words[:2] == ["CREATE", "TABLE"]:
            name, table = _create_table(statement, source)
            if name in tables:
                raise DdlError(f"{source}, table {name}: declared twice")
            tables[name] = table
        elif words[0] == "CREATE" and "TABLE" in words:
            raise DdlError(f"{source}: unsupported statement {' '.join(words)} ...")
    return tables


# Read once per process, at import: forked workers inherit the result.
DDL_TABLES: Mapping[str, DdlTable] = parse_tables_ddl(TABLES_DDL.read_text(encoding="utf-8"))


def _spec(name: str, language: LanguageSource) -> TableSpec:
    """The table `name` as the DDL declares it, with where its language partition comes from."""
    table = DDL_TABLES.get(name)
    if table is None:
        raise DdlError(f"{TABLES_DDL.name} declares no table {name!r}")
    needed = {"own": LANGUAGE_COLUMN, "document": "document_id"}.get(language)
    if needed is not None and needed not in table.schema.names:
        raise DdlError(f"{TABLES_DDL.name}, table {name}: language {language!r} needs a {needed} column")
    return TableSpec(name, table.schema, table.primary_key, language)


DOCUMENTS = _spec("documents", "own")
PARAGRAPHS = _spec("paragraphs", "document")
ANNEX_UNITS = _spec("annex_units", "document")
HEADINGS = _spec("headings", "document")
FOOTNOTES = _spec("footnotes", "document")
CITATIONS = _spec("citations", "document")
STATISTICS = _spec("statistics", "own")
NUMERIC_MENTIONS = _spec("numeric_mentions", "document")
PAGES = _spec("pages", "document")
REJECTED_DOCUMENTS = _spec("rejected_documents", "none")
IGNORED_INPUTS = _spec("ignored_inputs", "none")
# Lives only in the DuckDB file: its id and time differ per run, so Parquet copies of it
# would break byte-identical output for identical input (manifest.json carries the same).
SNAPSHOT = _spec("snapshot", "none")

# Content tables in load order (documents first, as every child row names one).
PUBLISHED_TABLES: tuple[TableSpec, ...] = (
    DOCUMENTS,
    PARAGRAPHS,
    ANNEX_UNITS,
    HEADINGS,
    FOOTNOTES,
    CITATIONS,
    STATISTICS,
    NUMERIC_MENTIONS,
    PAGES,
    REJECTED_DOCUMENTS,
    IGNORED_INPUTS,
)
# Tables of the run's inputs, not of one document: one file each, rewritten every publish.
RUN_TABLES: tuple[TableSpec, ...] = (REJECTED_DOCUMENTS, IGNORED_INPUTS)
ALL_TABLES: tuple[TableSpec, ...] = (*PUBLISHED_TABLES, SNAPSHOT)
TABLES_BY_NAME: Mapping[str, TableSpec] = {spec.name: spec for spec in ALL_TABLES}


def schema_sha256() -> str:
    """sha256 of every published table's name, columns, types and key: rows stored by a
    code version with other schemas cannot be published with this one's."""
    described = [(spec.name, str(spec.schema), spec.primary_key) for spec in ALL_TABLES]
    return hashlib.sha256(json.dumps(described).encode()).hexdigest()


def sql_files() -> list[Path]:
    """DDL and views, in the order they must run (file names are numbered)."""
    return sorted(SQL_DIR.glob("*.sql"))


def language_partition(language: str | None) -> str:
    """The published language: a tag usable as a partition directory name."""
    if language is None or not language.strip():
        return UNDETERMINED_LANGUAGE
    if not _LANGUAGE_PATTERN.fullmatch(language):
        raise ValueError(f"language {language!r} is not a language tag")
    return language


def _decimal(value: Decimal | None, where: str) -> Decimal | None:
    """Exact DECIMAL(18,4) or a loud error: a silently rounded figure is a wrong figure."""
    if value is None:
        return None
    try:
        if not value.is_finite() or abs(value) >= _DECIMAL_LIMIT:
            raise InvalidOperation
        exact = value.quantize(_DECIMAL_QUANTUM)
    except InvalidOperation:
        raise ValueError(f"{where}: {value} does not fit DECIMAL(18,4)") from None
    if exact != value:
        raise ValueError(f"{where}: {value} has more than {DECIMAL_SCALE} decimal places")
    return exact


def _utc_naive(moment: datetime) -> datetime:
    """TIMESTAMP columns hold naive UTC; naive input is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def _null_last(value: Any) -> tuple[bool, Any]:
    return (value is None, value)


def _check_document(bundle: DocumentBundle, record: Any, table: str) -> None:
    if record.document_id != bundle.source.document_id:
        raise ValueError(
            f"{table}: record of {record.document_id!r} inside the bundle of {bundle.source.document_id!r}"
        )


def _fields(record: Any, columns: Iterable[str]) -> dict[str, Any]:
    return {column: getattr(record, column) for column in columns}


def _document_row(bundle: DocumentBundle) -> dict[str, Any]:
    source, meta = bundle.source, bundle.metadata
    return {
        "document_id": source.document_id,
        "symbol": meta.symbol,
        "language": language_partition(meta.language),
        "original_language": meta.original_language,
        "title": meta.title,
        "published_on": meta.published_on,
        "job_number": meta.job_number,
        "distribution": meta.distribution,
        "reissue_note": meta.reissue_note,
        "page_count": meta.page_count,
        "pages_declared": meta.pages_declared,
        "text_source": meta.text_source,
        "source_sha256": source.source_sha256,
        "source_name": source.source_name,
        "media_type": source.media_type,
        "size_bytes": source.size_bytes,
        "warnings": list(bundle.warnings),
    }


def _indexed(spec: TableSpec, rows: list[dict[str, Any]], reading_order: tuple[str, ...]) -> None:
    """Number keyless records 1.. within their document, in reading order.

    Citations and numeric mentions have no natural key (a footnote's paragraph_number is
    NULL), so the index is the key. Ties in reading order fall back on every other
    column, so identical input always gives identical indexes.
    """
    index_column = spec.primary_key[-1]
    leading = ("document_id", *reading_order)
    order = [*leading, *(c for c in spec.columns if c not in leading and c != index_column)]
    rows.sort(key=lambda row: tuple(_null_last(row[c]) for c in order))
    counters: dict[str, int] = {}
    for row in rows:
        counters[row["document_id"]] = counters.get(row["document_id"], 0) + 1
        row[index_column] = counters[row["document_id"]]


def _statistic_row(statistic: Statistic) -> dict[str, Any]:
    row = _fields(statistic, [c for c in STATISTICS.columns if c != "statistic_key"])
    where = f"statistics {statistic.document_id} {statistic.statistic_key}"
    row.update(
        statistic_key=statistic.statistic_key,
        value=_decimal(statistic.value, where),
        language=language_partition(statistic.language),
        flags=list(statistic.flags),
    )
    return row


def _mention_row(mention: NumericMention) -> dict[str, Any]:
    row = _fields(mention, [c for c in NUMERIC_MENTIONS.columns if c != "mention_index"])
    where = f"numeric_mentions {mention.document_id} {mention.as_printed!r}"
    row.update(
        value=_decimal(mention.value, where),
        parent_value=_decimal(mention.parent_value, where),
        mention_index=0,  # assigned by _indexed once the document's mentions are all known
        flags=list(mention.flags),
    )
    return row


def _child_rows(bundles: Sequence[DocumentBundle]) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {spec.name: [] for spec in PUBLISHED_TABLES}
    plain = ((PARAGRAPHS, "paragraphs"), (ANNEX_UNITS, "annex_units"), (HEADINGS, "headings"),
             (FOOTNOTES, "footnotes"), (PAGES, "pages"))
    for bundle in bundles:
        rows[DOCUMENTS.name].append(_document_row(bundle))
        for spec, attribute in plain:
            for record in getattr(bundle, attribute):
                _check_document(bundle, record, spec.name)
                row = _fields(record, spec.columns)
                if "flags" in row:
                    row["flags"] = list(row["flags"])
                rows[spec.name].append(row)
        for citation in bundle.citations:
            _check_document(bundle, citation, CITATIONS.name)
            columns = [c for c in CITATIONS.columns if c != "citation_index"]
            rows[CITATIONS.name].append({**_fields(citation, columns), "citation_index": 0})
        for statistic in bundle.statistics:
            _check_document(bundle, statistic, STATISTICS.name)
            rows[STATISTICS.name].append(_statistic_row(statistic))
        for mention in bundle.numeric_mentions:
            _check_document(bundle, mention, NUMERIC_MENTIONS.name)
            rows[NUMERIC_MENTIONS.name].append(_mention_row(mention))
    _indexed(CITATIONS, rows[CITATIONS.name], ("paragraph_number", "char_start"))
    _indexed(
        NUMERIC_MENTIONS, rows[NUMERIC_MENTIONS.name], ("paragraph_number", "footnote_marker", "char_start")
    )
    return rows


def _rejection_rows(rejections: Sequence[tuple[Rejection, datetime]]) -> list[dict[str, Any]]:
    """One row per file content: a file dropped twice keeps its latest rejection."""
    latest: dict[str, dict[str, Any]] = {}
    for rejection, rejected_at in rejections:
        row = {
            "source_name": rejection.source_name,
            "source_sha256": rejection.source_sha256,
            "reason": rejection.reason,
            "detail": rejection.detail,
            "rejected_at": _utc_naive(rejected_at),
        }
        held = latest.get(rejection.source_sha256)
        order = (row["rejected_at"], row["source_name"], row["reason"], row["detail"])
        if held is None or order > (held["rejected_at"], held["source_name"], held["reason"], held["detail"]):
            latest[rejection.source_sha256] = row
    return list(latest.values())


def to_arrow(spec: TableSpec, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows -> Table in the spec's schema, sorted by primary key, keys checked unique."""

    def key(row: dict[str, Any]) -> tuple[Any, ...]:
        values = tuple(row[column] for column in spec.primary_key)
        if None in values:
            raise ValueError(f"{spec.name}: primary key {spec.primary_key} has a NULL in {values}")
        return values

    rows = sorted(rows, key=key)
    for before, after in itertools.pairwise(rows):
        if key(before) == key(after):
            raise DuplicateKeyError(
                f"{spec.name}: duplicate primary key {dict(zip(spec.primary_key, key(after), strict=True))}"
            )
    columns = {name: [row[name] for row in rows] for name in spec.columns}
    return pa.Table.from_pydict(columns, schema=spec.schema)


@dataclass(frozen=True)
class DocumentTables:
    """One document's rows of every per-document table, as Arrow in key order: what a
    document publishes, a fraction of the size of its DocumentBundle."""

    document_id: str
    source_sha256: str
    tables: Mapping[str, pa.Table]  # name -> rows, for every table of DOCUMENT_TABLES


DOCUMENT_TABLES = tuple(spec for spec in PUBLISHED_TABLES if spec not in RUN_TABLES)


def document_tables(bundle: DocumentBundle) -> DocumentTables:
    """The rows one document publishes (records checked, keys unique, indexes assigned)."""
    rows = _child_rows([bundle])
    return DocumentTables(bundle.source.document_id, bundle.source.source_sha256,
                          {spec.name: to_arrow(spec, rows[spec.name]) for spec in DOCUMENT_TABLES})


def build_tables(
    documents: Sequence[DocumentBundle | DocumentTables], rejections: Sequence[tuple[Rejection, datetime]],
    ignored: Sequence[tuple[str, str, str]] = (),
) -> dict[str, pa.Table]:
    """Every published table (not `snapshot`), keyed by name, in PUBLISHED_TABLES order.

    Documents are turned into rows one at a time and concatenated in document order:
    every child table's key starts with document_id, so this is the global key order, and
    only one document's rows are ever Python dicts. The result keeps one chunk per document
    (no combine_chunks): the chunks are the documents' own buffers, so the corpus is held
    once, not twice (4x corpus: publish peak 357 -> 325 MB).
    """
    ordered = sorted(documents, key=_document_id)
    for before, after in itertools.pairwise(ordered):
        if _document_id(before) == _document_id(after):
            raise DuplicateKeyError(f"{DOCUMENTS.name}: duplicate primary key "
                                    f"{{'document_id': {_document_id(after)!r}}}")
    parts: dict[str, list[pa.Table]] = {spec.name: [] for spec in DOCUMENT_TABLES}
    for document in ordered:
        own = document if isinstance(document, DocumentTables) else document_tables(document)
        for spec in DOCUMENT_TABLES:
            part = own.tables[spec.name]
            if not part.schema.equals(spec.schema):
                raise ValueError(f"{spec.name} of {own.document_id!r}: schema differs from the DDL's "
                                 "(rows made by another code version?)")
            parts[spec.name].append(part)
    tables = {
        spec.name: pa.concat_tables(parts[spec.name]) if parts[spec.name]
        else to_arrow(spec, [])
        for spec in DOCUMENT_TABLES
    }
    tables[REJECTED_DOCUMENTS.name] = to_arrow(REJECTED_DOCUMENTS, _rejection_rows(rejections))
    tables[IGNORED_INPUTS.name] = ignored_table(ignored)
    return {spec.name: tables[spec.name] for spec in PUBLISHED_TABLES}


def source_sha256(document: DocumentBundle | DocumentTables) -> str:
    return document.source_sha256 if isinstance(document, DocumentTables) else document.source.source_sha256


def _document_id(document: DocumentBundle | DocumentTables) -> str:
    return document.document_id if isinstance(document, DocumentTables) else document.source.document_id


def snapshot_table(snapshot_id: str, created_at: datetime, code_version: str, commit: str | None) -> pa.Table:
    row = {"snapshot_id": snapshot_id, "created_at": _utc_naive(created_at), "code_version": code_version,
           "git_commit": commit}
    return to_arrow(SNAPSHOT, [row])


def document_languages(documents: pa.Table) -> dict[str, str]:
    """document_id -> published language, to partition the child tables."""
    ids, languages = documents["document_id"].to_pylist(), documents[LANGUAGE_COLUMN].to_pylist()
    return dict(zip(ids, languages, strict=True))


# Content hashes -------------------------------------------------------------------------
#
# A row's digest is md5 over its JSON form as DuckDB writes it (to_json of the row as a
# struct, in DDL column order), read as two 64-bit halves; a table's content is the row
# count and the two halves summed modulo 2**64. A sum does not depend on row order, file
# layout or arrow flavour (string vs large_string: DuckDB reads both as VARCHAR), and it is
# incremental: a snapshot adds a changed document's sums and subtracts its old ones without
# reading the unchanged rows. It is a change and integrity check, not a defence against a
# forger (additive hashes can be steered); the files' own sha256s are in the manifest.

DIGEST_MODULUS = 1 << 64
_ARROW_DIGEST_SOURCE = "digest_rows"


def row_json_sql(columns: Sequence[str]) -> str:
    """The SQL expression of one row's JSON (the text its digest is taken of)."""
    return "to_json(struct_pack(" + ", ".join(f'"{c}" := "{c}"' for c in columns) + "))"


def digest_sums_sql(relation: str, columns: Sequence[str], where: str = "", by_document: bool = False) -> str:
    """SELECT [document_id,] rows, lo, hi over `relation` (a table, view or read_parquet)."""
    key = "document_id, " if by_document else ""
    group = " GROUP BY document_id" if by_document else ""
    return (
        f"SELECT {key}count(*)::BIGINT, "
        f"(coalesce(sum(md5_number_lower(j)), 0) % {DIGEST_MODULUS})::UBIGINT, "
        f"(coalesce(sum(md5_number_upper(j)), 0) % {DIGEST_MODULUS})::UBIGINT "
        f"FROM (SELECT {key}{row_json_sql(columns)} AS j FROM {relation} {where}){group}"
    )


def _digest_connection() -> Any:
    import duckdb

    return duckdb.connect(config={"threads": 1})


def document_digests(
    table: pa.Table, columns: Sequence[str], con: Any = None
) -> dict[str, tuple[int, int, int]]:
    """document_id -> (rows, lo, hi) of one table's rows (documents with no row absent)."""
    own = con is None
    con = _digest_connection() if own else con
    try:
        con.register(_ARROW_DIGEST_SOURCE, table)
        found = con.execute(digest_sums_sql(_ARROW_DIGEST_SOURCE, columns, by_document=True)).fetchall()
        con.unregister(_ARROW_DIGEST_SOURCE)
    finally:
        if own:
            con.close()
    return {document: (rows, lo, hi) for document, rows, lo, hi in found}


def table_digest(table: pa.Table, columns: Sequence[str], con: Any = None) -> tuple[int, int, int]:
    """(rows, lo, hi) of a whole table."""
    own = con is None
    con = _digest_connection() if own else con
    try:
        con.register(_ARROW_DIGEST_SOURCE, table)
        [(rows, lo, hi)] = con.execute(digest_sums_sql(_ARROW_DIGEST_SOURCE, columns)).fetchall()
        con.unregister(_ARROW_DIGEST_SOURCE)
    finally:
        if own:
            con.close()
    return rows, lo, hi


def add_digests(*parts: tuple[int, int, int], sign: int = 1) -> tuple[int, int, int]:
    rows, lo, hi = 0, 0, 0
    for part_rows, part_lo, part_hi in parts:
        rows += sign * part_rows
        lo = (lo + sign * part_lo) % DIGEST_MODULUS
        hi = (hi + sign * part_hi) % DIGEST_MODULUS
    return rows, lo, hi


def combine_digest(columns: Sequence[str], digest: tuple[int, int, int]) -> str:
    """The published content_sha256 of a table from its (rows, lo, hi)."""
    return hashlib.sha256(json.dumps([list(columns), *digest]).encode()).hexdigest()


def content_sha256(table: pa.Table, columns: Sequence[str]) -> str:
    """sha256 of a table's content: independent of row order, file layout and arrow
    flavour; equal to what a snapshot computes incrementally from per-document sums."""
    return combine_digest(columns, table_digest(table.select(list(columns)), columns))


def rejection_table(rejections: Sequence[tuple[Rejection, datetime]]) -> pa.Table:
    return to_arrow(REJECTED_DOCUMENTS, _rejection_rows(rejections))


def ignored_table(ignored: Sequence[tuple[str, str, str]]) -> pa.Table:
    """Inbox entries that are not inputs: (source_name, reason, detail), one row per name."""
    rows = {name: {"source_name": name, "reason": reason, "detail": detail}
            for name, reason, detail in ignored}
    return to_arrow(IGNORED_INPUTS, [rows[name] for name in sorted(rows)])
