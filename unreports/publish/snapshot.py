"""Publish a snapshot: build DuckDB + Parquet aside, validate, then switch atomically.

Layout under data_dir (analysts only ever use the first three names):

    warehouse.duckdb -> current/warehouse.duckdb     stable symlinks, created once
    parquet          -> current/parquet
    manifest.json    -> current/manifest.json
    current          -> snapshots/<id>                replaced in one os.replace
    snapshots/<id>/{warehouse.duckdb, parquet/, index.parquet, manifest.json}
    snapshots/.staging-<id>/                          while building; never read

A reader resolves `current` once when it opens a file, so an open DuckDB connection
keeps its snapshot (even after pruning: Linux keeps unlinked open files) and a new one
sees the newest complete snapshot. Nothing is ever written into a published folder.

Incremental publication. Documents are stored in segments of up to SEGMENT_DOCUMENTS
documents: one Parquet file per segment, table and language,
`parquet/<table>/language=<xx>/part-<segment>.parquet`, named after the content of its
documents. `index.parquet` says, per published document, its version, segment, language
and per-table row count and content sums. A new snapshot

  - hard-links every unchanged segment's files from the previous snapshot (an unchanged
    document costs nothing; the manifest entry, sha256 included, is reused),
  - writes the changed documents into a new segment and rewrites only the segments that
    held their old versions (or withdrawn documents) without them,
  - copies the previous warehouse.duckdb and, in one transaction, deletes the changed and
    withdrawn documents' rows and inserts the new ones,
  - validates what it wrote (row counts of every table, content sums of the changed
    documents in DuckDB and of every new Parquet file) and switches `current`.

A caller that knows what changed since the current snapshot (the processed-documents
store does, from its shard stamps) passes a Delta instead of every document: the documents
it does not name are not looked at one by one, so a one-document change costs the same
Python work at 1,000 and at 100,000 documents; the per-corpus costs left are bytes
(copying and hashing the DuckDB file, writing index.parquet).

A full build (no usable previous snapshot, another schema or DDL, or more than half the
documents changed) streams the documents a segment at a time: memory is bounded by one
segment whatever the corpus size. Every file is written once and never modified, so
hard links between snapshots are safe; a published file changed after its snapshot was
switched to (its mtime is later than the switch) makes the next publish a full build.
"""

from __future__ import annotations

import bisect
import fcntl
import hashlib
import itertools
import json
import logging
import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from unreports.publish.tables import (
    DOCUMENT_TABLES,
    DOCUMENTS,
    IGNORED_INPUTS,
    LANGUAGE_COLUMN,
    PUBLISHED_TABLES,
    REJECTED_DOCUMENTS,
    RUN_TABLES,
    SNAPSHOT,
    DocumentTables,
    DuplicateKeyError,
    TableSpec,
    combine_digest,
    digest_sums_sql,
    document_tables,
    ignored_table,
    rejection_table,
    schema_sha256,
    snapshot_table,
    sql_files,
    table_digest,
)
from unreports.records import DocumentBundle, Rejection
from unreports.version import commit

log = logging.getLogger(__name__)

SNAPSHOTS_DIR = "snapshots"
STAGING_PREFIX = ".staging-"
CURRENT_LINK = "current"
WAREHOUSE_FILE = "warehouse.duckdb"
PARQUET_DIR = "parquet"
MANIFEST_FILE = "manifest.json"
INDEX_FILE = "index.parquet"
LOCK_FILE = ".publish.lock"
PART_FILE = "part-0.parquet"  # the one file of rejected_documents, and of an empty table
# Entry points in data_dir that point through `current`, so one switch moves them all.
STABLE_LINKS = (WAREHOUSE_FILE, PARQUET_DIR, MANIFEST_FILE)
SNAPSHOT_FILES = (WAREHOUSE_FILE, PARQUET_DIR, INDEX_FILE, MANIFEST_FILE)
STAGES = ("staged", "validated", "before_switch")

PARQUET_COMPRESSION = "zstd"
PARQUET_COMPRESSION_LEVEL = 3
SHORT_HASH_LENGTH = 12
SEGMENT_HASH_LENGTH = 16
SNAPSHOT_TIME_FORMAT = "%Y%m%dT%H%M%S%fZ"  # microseconds: several publishes per second stay distinct
_ARROW_SOURCE = "arrow_table"  # name the Arrow table is registered under for INSERT

SEGMENT_DOCUMENTS = 1000  # documents per segment: files per table stay ~corpus/1000 per language
SMALL_SEGMENT_SHARE = 4  # a segment below SEGMENT_DOCUMENTS / 4 documents is small ...
SMALL_SEGMENTS_MERGED = 8  # ... and once this many are small, they are merged into one
MERGED_ROWS = 256  # more new index rows than this: sorted with the kept ones, not sliced in
FULL_BUILD_SHARE = 0.5  # more changed or withdrawn documents than this share: build afresh
DUCKDB_CONFIG: dict[str, str | bool | int | float | list[str]] = {"threads": 2, "memory_limit": "512MB"}

BUILD_FULL = "full"
BUILD_INCREMENTAL = "incremental"


class PublishError(RuntimeError):
    """The staged snapshot failed a check or could not be put in place."""


@dataclass(frozen=True)
class FileEntry:
    path: str  # relative to the snapshot folder
    sha256: str
    size_bytes: int
    row_count: int | None = None  # Parquet files only


@dataclass(frozen=True)
class TableEntry:
    row_count: int
    schema: dict[str, str]  # column -> DuckDB type, in DDL order
    content_sha256: str  # of the row count and summed row digests; equal across runs on equal input
    files: tuple[FileEntry, ...]


class InputEntry(NamedTuple):
    """An input file the manifest names: a rejected one (a published document's input is
    in index.parquet, `source_name` and `source_sha256`)."""

    source_name: str
    sha256: str
    status: str  # "rejected"


@dataclass(frozen=True)
class Manifest:
    snapshot_id: str
    created_at: str  # ISO 8601, UTC
    code_version: str  # the pipeline version: package version, code, indicator-registry and schema digests
    content_sha256: str  # of the per-table content hashes
    warehouse: FileEntry
    tables: dict[str, TableEntry]
    # document_id -> input, for inputs not published as documents (rejected ones); a
    # published document's input is in index.parquet. A manifest stays small (per-file
    # entries only) however large the corpus: one changed document never rewrites 100,000.
    inputs: dict[str, InputEntry] = field(default_factory=dict)
    withdrawn: tuple[str, ...] = ()  # document ids in the previous snapshot whose input is gone
    index: FileEntry | None = None  # index.parquet: per document its version, segment, sums
    layout: str = ""  # digest of the schemas and DDL the files were written with
    build: str = BUILD_FULL  # "full" | "incremental": how this snapshot was made
    commit: str | None = None  # git commit of the checkout that built it; None outside one
    # Where the publisher's change detection stood when it read the documents (for the
    # processed-documents store: its shard folders' stamps), handed back by the next one.
    source_position: str | None = None

    def to_json(self) -> str:
        # By hand, not asdict (which deep-copies), and without indent (which takes json's
        # pure-Python encoder): 1,600 file entries at 100,000 documents.
        raw = {name: getattr(self, name) for name in self.__dataclass_fields__}
        raw["warehouse"] = asdict(self.warehouse)
        raw["index"] = asdict(self.index) if self.index else None
        raw["tables"] = {
            name: {"row_count": t.row_count, "schema": t.schema, "content_sha256": t.content_sha256,
                   "files": [asdict(f) for f in t.files]}
            for name, t in self.tables.items()
        }
        raw["inputs"] = {key: {"source_name": name, "sha256": sha, "status": status}
                         for key, (name, sha, status) in self.inputs.items()}
        return json.dumps(raw, ensure_ascii=False, separators=(",", ":")) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        raw = json.loads(text)
        tables = {
            name: TableEntry(
                row_count=entry["row_count"],
                schema=entry["schema"],
                content_sha256=entry["content_sha256"],
                files=tuple(FileEntry(**f) for f in entry["files"]),
            )
            for name, entry in raw["tables"].items()
        }
        return cls(
            snapshot_id=raw["snapshot_id"],
            created_at=raw["created_at"],
            code_version=raw["code_version"],
            content_sha256=raw["content_sha256"],
            warehouse=FileEntry(**raw["warehouse"]),
            tables=tables,
            inputs={key: InputEntry(e["source_name"], e["sha256"], e["status"])
                    for key, e in raw.get("inputs", {}).items()},
            withdrawn=tuple(raw.get("withdrawn", ())),
            index=FileEntry(**raw["index"]) if raw.get("index") else None,
            layout=raw.get("layout", ""),
            build=raw.get("build", BUILD_FULL),
            commit=raw.get("commit"),
            source_position=raw.get("source_position"),
        )


class DocumentSource(NamedTuple):
    """A document to publish without reading it: `version` changes whenever its rows may
    have (e.g. the processed-documents store's commit stamp), `load` reads the rows only
    when the version differs from the published one. (A tuple: a publication lists one
    per document of the corpus.)"""

    document_id: str
    version: str
    load: Callable[[], DocumentTables]


class Delta(NamedTuple):
    """The documents that changed since snapshot `base`: publish keeps every other document
    of `base` as it is (nothing about it is read) and removes `gone`. When `base` is not
    the snapshot a new one can be built on once the publish lock is held (another
    publication came first, or a full build is due), `everything()` lists the corpus and
    publish compares it with what is published, as for a plain list of documents."""

    base: str  # snapshot_id
    changed: list[DocumentSource]  # new documents and documents whose version may differ
    gone: frozenset[str]  # documents of `base` that leave
    everything: Callable[[], list[DocumentSource]]


class Published(NamedTuple):
    """What the current snapshot holds, for a publisher to work out what changed since."""

    snapshot_id: str
    source_position: str | None  # as the publisher of that snapshot recorded it
    versions: dict[str, str]  # document_id -> version of every published document
    rejected: dict[str, InputEntry]  # document_id -> input, the rejected ones


def _current(data_dir: Path, columns: list[str]) -> tuple[Manifest, pa.Table] | None:
    """The current snapshot's manifest and these columns of its index; None without a
    readable snapshot."""
    current = Path(data_dir) / CURRENT_LINK
    try:
        manifest = Manifest.from_json((current / MANIFEST_FILE).read_text(encoding="utf-8"))
        index = pq.ParquetFile(current / INDEX_FILE).read(columns=columns)
    except (OSError, ValueError, KeyError, TypeError, pa.ArrowException):
        return None
    return manifest, index


def _by_document(index: pa.Table, column: str) -> dict[str, str]:
    return dict(zip(index["document_id"].to_pylist(), index[column].to_pylist(), strict=True))


def published_state(data_dir: Path) -> Published | None:
    """The current snapshot's documents and versions (index.parquet) and its manifest's
    rejected inputs; None without a readable snapshot."""
    found = _current(data_dir, ["document_id", "version"])
    if found is None:
        return None
    manifest, index = found
    return Published(manifest.snapshot_id, manifest.source_position, _by_document(index, "version"),
                     manifest.inputs)


def published_inputs(data_dir: Path) -> dict[str, str] | None:
    """document_id -> sha256 of every input behind the current snapshot, published or
    rejected; None without a readable snapshot."""
    found = _current(data_dir, ["document_id", "source_sha256"])
    if found is None:
        return None
    manifest, index = found
    hashes = _by_document(index, "source_sha256")
    hashes.update((key, entry.sha256) for key, entry in manifest.inputs.items())
    return hashes


def layout_digest() -> str:
    """Schemas and DDL: a previous snapshot made with others cannot be extended."""
    digest = hashlib.sha256(schema_sha256().encode())
    for script in sql_files():
        digest.update(script.name.encode() + b"\0" + script.read_bytes())
    return digest.hexdigest()


# The index ---------------------------------------------------------------------------------

_INDEX_TEXT = ("document_id", "version", "source_name", "source_sha256", "segment", LANGUAGE_COLUMN)
INDEX_SCHEMA = pa.schema(
    [pa.field(name, pa.string()) for name in _INDEX_TEXT]
    + [
        pa.field(f"{spec.name}.{part}", pa.int64() if part == "rows" else pa.uint64())
        for spec in DOCUMENT_TABLES
        for part in ("rows", "lo", "hi")
    ]
)
Sums = tuple[int, int, int]  # rows, lo, hi (see tables.content_sha256)


@dataclass(frozen=True)
class _Record:
    """One published document's index row."""

    document_id: str
    version: str
    source_name: str
    source_sha256: str
    segment: str
    language: str
    sums: dict[str, Sums]


def _index_table(records: list[_Record]) -> pa.Table:
    columns: dict[str, list] = {name: [] for name in INDEX_SCHEMA.names}
    for record in records:
        for name in _INDEX_TEXT:
            columns[name].append(getattr(record, name))
        for spec in DOCUMENT_TABLES:
            rows, lo, hi = record.sums.get(spec.name, (0, 0, 0))
            columns[f"{spec.name}.rows"].append(rows)
            columns[f"{spec.name}.lo"].append(lo)
            columns[f"{spec.name}.hi"].append(hi)
    return pa.Table.from_pydict(columns, schema=INDEX_SCHEMA)


def _records(index: pa.Table) -> Iterator[_Record]:
    for row in index.to_pylist():
        document_id, version, source_name, source_sha256, segment, language = (row[n] for n in _INDEX_TEXT)
        yield _Record(
            document_id, version, source_name, source_sha256, segment, language,
            sums={spec.name: (row[f"{spec.name}.rows"], row[f"{spec.name}.lo"], row[f"{spec.name}.hi"])
                  for spec in DOCUMENT_TABLES},
        )


def _index_totals(con: duckdb.DuckDBPyConnection, index: pa.Table) -> dict[str, Sums]:
    """Per table (rows, lo, hi) over every document of the index."""
    con.register("index_rows", index)
    try:
        parts = ", ".join(
            f'coalesce(sum("{spec.name}.rows"), 0)::BIGINT, '
            f'(coalesce(sum("{spec.name}.lo"), 0) % {1 << 64})::UBIGINT, '
            f'(coalesce(sum("{spec.name}.hi"), 0) % {1 << 64})::UBIGINT'
            for spec in DOCUMENT_TABLES
        )
        values = con.execute(f"SELECT {parts} FROM index_rows").fetchall()[0]
    finally:
        con.unregister("index_rows")
    return {spec.name: tuple(values[3 * i: 3 * i + 3]) for i, spec in enumerate(DOCUMENT_TABLES)}


# Documents in ------------------------------------------------------------------------------


def _sources(documents: Iterable[DocumentBundle | DocumentTables | DocumentSource]) -> list[DocumentSource]:
    """Every document as a source, sorted by id; duplicates fail here, before any file."""
    sources = []
    for document in documents:
        if isinstance(document, DocumentSource):
            sources.append(document)
            continue
        own = document if isinstance(document, DocumentTables) else document_tables(document)
        sources.append(DocumentSource(own.document_id, _content_version(own), _already_loaded(own)))
    sources.sort(key=lambda source: source.document_id)
    for before, after in itertools.pairwise(sources):
        if before.document_id == after.document_id:
            raise DuplicateKeyError(f"{DOCUMENTS.name}: duplicate primary key "
                                    f"{{'document_id': {after.document_id!r}}}")
    return sources


def _already_loaded(tables: DocumentTables) -> Callable[[], DocumentTables]:
    """A DocumentSource.load for rows already in memory."""
    return lambda: tables


def _content_version(tables: DocumentTables) -> str:
    """The version of rows handed over in memory: a digest of their Arrow bytes."""
    digest = hashlib.sha256()
    for spec in DOCUMENT_TABLES:
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, spec.schema) as writer:
            writer.write_table(tables.tables[spec.name].cast(spec.schema))
        digest.update(sink.getvalue())
    return "content:" + digest.hexdigest()


def _load(source: DocumentSource) -> DocumentTables:
    loaded = source.load()
    if loaded.document_id != source.document_id:
        raise ValueError(f"source {source.document_id!r} loaded the rows of {loaded.document_id!r}")
    for spec in DOCUMENT_TABLES:
        if not loaded.tables[spec.name].schema.equals(spec.schema):
            raise ValueError(f"{spec.name} of {loaded.document_id!r}: schema differs from the DDL's "
                             "(rows made by another code version?)")
    return loaded


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


# The previous snapshot ---------------------------------------------------------------------


@dataclass
class _Previous:
    folder: Path
    manifest: Manifest
    index: pa.Table


def _previous(data_dir: Path) -> _Previous | None:
    """The current snapshot if a new one can be built on it: same layout, index intact,
    every file of the manifest there with its size and not modified after the switch
    (a changed file would otherwise be linked into every later snapshot)."""
    current = data_dir / CURRENT_LINK
    if not current.is_symlink():
        return None
    folder = data_dir / os.readlink(current)
    try:
        manifest = Manifest.from_json((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if manifest.index is None or manifest.layout != layout_digest():
        return None
    switched = os.lstat(current).st_mtime_ns
    entries = [manifest.warehouse, *(f for t in manifest.tables.values() for f in t.files)]
    root = str(folder)
    for entry in entries:
        try:
            stat = os.lstat(f"{root}/{entry.path}")
        except OSError:
            return None
        if stat.st_size != entry.size_bytes or stat.st_mtime_ns > switched:
            log.warning("%s changed since it was published: building the snapshot afresh", entry.path)
            return None
    index_path = folder / INDEX_FILE
    if not index_path.is_file() or _file_entry(folder, index_path) != manifest.index:
        return None
    return _Previous(folder, manifest, pq.ParquetFile(index_path).read())


def _segment_of(path: str) -> str | None:
    name = path.rsplit("/", 1)[-1]
    if not name.startswith("part-") or name == PART_FILE:
        return None
    return name[len("part-"):-len(".parquet")]


def _language_of(path: str) -> str | None:
    for part in path.split("/"):
        if part.startswith(f"{LANGUAGE_COLUMN}="):
            return part.split("=", 1)[1]
    return None


# Writing -----------------------------------------------------------------------------------


class _Build:
    """One snapshot being written into `staging`."""

    def __init__(self, staging: Path, con: duckdb.DuckDBPyConnection, keep_records: bool) -> None:
        self.staging = staging
        self.con = con
        self.keep_records = keep_records  # incremental: validation checks each document written
        self.files: dict[str, list[FileEntry]] = {spec.name: [] for spec in PUBLISHED_TABLES}
        self.new_files: dict[str, list[str]] = {spec.name: [] for spec in PUBLISHED_TABLES}
        self.changed: list[_Record] = []  # documents whose rows went into DuckDB now
        self.written: list[_Record] = []  # documents in segment files written now

    def add_documents(self, sources: list[DocumentSource]) -> list[_Record]:
        """Load, hash, insert into DuckDB and write as one new segment."""
        loaded = [_load(source) for source in sources]
        tables = {
            # One chunk: DuckDB and pyarrow's kernels are slow over thousands of tiny chunks
            # (2,000 documents: INSERT 3.0 -> 0.3 s); a segment is small enough to copy.
            spec.name: pa.concat_tables([d.tables[spec.name] for d in loaded]).combine_chunks() if loaded
            else spec.schema.empty_table()
            for spec in DOCUMENT_TABLES
        }
        del loaded
        sums = {
            spec.name: _document_sums(self.con, tables[spec.name], spec.columns) for spec in DOCUMENT_TABLES
        }
        documents = tables[DOCUMENTS.name]
        described = {
            row["document_id"]: row
            for row in documents.select(
                ["document_id", "language", "source_name", "source_sha256"]
            ).to_pylist()
        }
        drafts = []
        for source in sources:
            row = described.get(source.document_id)
            if row is None:
                raise ValueError(f"{source.document_id!r} has no documents row")
            drafts.append(
                _Record(
                    source.document_id,
                    source.version,
                    row["source_name"],
                    row["source_sha256"],
                    "",
                    row["language"],
                    {
                        name: found[source.document_id]
                        for name, found in sums.items()
                        if source.document_id in found
                    },
                )
            )
        for spec in DOCUMENT_TABLES:
            self.con.register(_ARROW_SOURCE, tables[spec.name])
            self.con.execute(f'INSERT INTO "{spec.name}" BY NAME SELECT * FROM {_ARROW_SOURCE}')
            self.con.unregister(_ARROW_SOURCE)
        records = self._write_segment(tables, drafts)
        if self.keep_records:
            self.changed += records
        return records

    def rewrite(self, previous: _Previous, segments: set[str], keep: list[_Record]) -> list[_Record]:
        """Segments of the previous snapshot without the documents that left them:
        their remaining documents, `keep`, in segments of their own (Parquet only; their
        DuckDB rows stay where they are)."""
        if not keep:
            return []
        wanted = pa.array(sorted(r.document_id for r in keep), pa.string())
        tables = {}
        for spec in DOCUMENT_TABLES:
            parts = []
            for entry in previous.manifest.tables[spec.name].files:
                if _segment_of(entry.path) not in segments:
                    continue
                part = pq.ParquetFile(previous.folder / entry.path).read()
                part = part.filter(pc.is_in(part["document_id"], wanted))
                if spec.language == "own":
                    language = pa.array([_language_of(entry.path)] * part.num_rows, pa.string())
                    part = part.add_column(spec.schema.get_field_index(LANGUAGE_COLUMN),
                                           spec.schema.field(LANGUAGE_COLUMN), language)
                parts.append(part.select(spec.columns).cast(spec.schema))
            table = pa.concat_tables(parts) if parts else spec.schema.empty_table()
            tables[spec.name] = table.sort_by([(c, "ascending") for c in spec.primary_key])
        out = []
        for group in _chunks(sorted(keep, key=lambda r: r.document_id), SEGMENT_DOCUMENTS):
            ids = pa.array([r.document_id for r in group], pa.string())
            part = {name: t.filter(pc.is_in(t["document_id"], ids)) for name, t in tables.items()}
            out += self._write_segment(part, group)
        return out

    def _write_segment(self, tables: dict[str, pa.Table], drafts: list[_Record]) -> list[_Record]:
        described = hashlib.sha256()
        for record in sorted(drafts, key=lambda r: r.document_id):
            described.update(json.dumps([record.document_id, record.language,
                                         sorted(record.sums.items())]).encode())
        segment = described.hexdigest()[:SEGMENT_HASH_LENGTH]
        languages = {r.document_id: r.language for r in drafts}
        for spec in DOCUMENT_TABLES:
            table = tables[spec.name]
            if table.num_rows == 0:
                continue
            if spec.language == "own":
                language = table[LANGUAGE_COLUMN]
            else:
                language = pa.array([languages[d] for d in table["document_id"].to_pylist()], pa.string())
            for value in sorted(set(language.to_pylist())):
                part = table.filter(pc.equal(language, value))
                if spec.language == "own":
                    part = part.drop_columns([LANGUAGE_COLUMN])  # the folder name carries it
                relative = f"{spec.name}/{LANGUAGE_COLUMN}={value}/part-{segment}.parquet"
                self._write_parquet(spec, relative, part)
        records = [
            _Record(r.document_id, r.version, r.source_name, r.source_sha256, segment, r.language, r.sums)
            for r in drafts
        ]
        if self.keep_records:
            self.written += records
        return records

    def _write_parquet(self, spec: TableSpec, relative: str, part: pa.Table) -> None:
        path = self.staging / PARQUET_DIR / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        # Deterministic bytes: no timestamps are written, rows arrive sorted.
        pq.write_table(
            part, path, compression=PARQUET_COMPRESSION, compression_level=PARQUET_COMPRESSION_LEVEL
        )
        self.files[spec.name].append(_file_entry(self.staging, path, part.num_rows))
        self.new_files[spec.name].append(relative)

    def link(self, previous: _Previous, segments: set[str]) -> None:
        """The previous snapshot's files of unchanged segments, hard-linked, entries reused."""
        source, staging, folders = str(previous.folder), str(self.staging), set()
        for spec in DOCUMENT_TABLES:
            for entry in previous.manifest.tables[spec.name].files:
                if _segment_of(entry.path) in segments:
                    folder = entry.path.rsplit("/", 1)[0]
                    if folder not in folders:
                        os.makedirs(f"{staging}/{folder}", exist_ok=True)
                        folders.add(folder)
                    os.link(f"{source}/{entry.path}", f"{staging}/{entry.path}")
                    self.files[spec.name].append(entry)

    def finish_parquet(self, totals: dict[str, Sums], run_rows: dict[str, pa.Table]) -> None:
        """rejected_documents' one file, and an empty table's one file (it carries the
        columns with their types: there is no partition folder to read them from)."""
        for spec in DOCUMENT_TABLES:
            if totals[spec.name][0] == 0:
                empty = spec.schema.empty_table()
                if spec.language == "document":
                    empty = empty.append_column(LANGUAGE_COLUMN, pa.array([], pa.string()))
                self._write_parquet(spec, f"{spec.name}/{PART_FILE}", empty)
        for spec in RUN_TABLES:
            self._write_parquet(spec, f"{spec.name}/{PART_FILE}", run_rows[spec.name])
        for spec in PUBLISHED_TABLES:
            self.files[spec.name].sort(key=lambda entry: entry.path)


def _document_sums(con: duckdb.DuckDBPyConnection, table: pa.Table, columns: list[str]) -> dict[str, Sums]:
    con.register("digest_rows", table)
    try:
        found = con.execute(digest_sums_sql("digest_rows", columns, by_document=True)).fetchall()
    finally:
        con.unregister("digest_rows")
    return {document: (rows, lo, hi) for document, rows, lo, hi in found}


def _create_warehouse(con: duckdb.DuckDBPyConnection) -> None:
    scripts = sql_files()
    if not scripts:
        raise PublishError("no sql/*.sql files found (is the package installed in editable mode?)")
    for script in scripts:
        con.execute(script.read_text(encoding="utf-8"))


def current_snapshot_id(data_dir: Path) -> str | None:
    link = Path(data_dir) / CURRENT_LINK
    return Path(os.readlink(link)).name if link.is_symlink() else None


def read_manifest(data_dir: Path) -> Manifest:
    return Manifest.from_json((Path(data_dir) / MANIFEST_FILE).read_text(encoding="utf-8"))


def verify_snapshot(data_dir: Path) -> list[str]:
    """What in the current snapshot differs from its manifest (empty: intact).

    Reads every file the manifest lists (the DuckDB file and each Parquet file) and
    compares its size and sha256; a file missing, changed, or added in the snapshot's
    `parquet/` is named. No snapshot at all is not a problem (nothing to verify).
    """
    data_dir = Path(data_dir).absolute()
    current = data_dir / CURRENT_LINK
    if not current.is_symlink():
        return []
    folder = data_dir / os.readlink(current)
    try:
        manifest = Manifest.from_json((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError) as error:
        return [f"{MANIFEST_FILE}: unreadable ({type(error).__name__})"]
    problems: list[str] = []
    expected = [manifest.warehouse, *(f for table in manifest.tables.values() for f in table.files)]
    if manifest.index is not None:
        expected.append(manifest.index)
    for entry in expected:
        path = folder / entry.path
        if path.is_symlink() or not path.is_file():
            problems.append(f"{entry.path}: missing")
            continue
        if path.stat().st_size != entry.size_bytes or _file_entry(folder, path).sha256 != entry.sha256:
            problems.append(f"{entry.path}: sha256 differs from the manifest")
    listed = {entry.path for entry in expected}
    for path in sorted(folder.iterdir()):  # e.g. a warehouse.duckdb.wal left by a writer
        if path.name not in SNAPSHOT_FILES:
            problems.append(f"{path.name}: not in the manifest")
    parquet = folder / PARQUET_DIR
    if parquet.is_dir():
        for path in sorted(parquet.rglob("*")):
            relative = path.relative_to(folder).as_posix()
            if (path.is_file() or path.is_symlink()) and relative not in listed:
                problems.append(f"{relative}: not in the manifest")
    return problems


def publish(
    documents: Iterable[DocumentBundle | DocumentTables | DocumentSource] | Delta,
    rejections: Iterable[tuple[Rejection, datetime]],
    data_dir: Path,
    *,
    code_version: str,
    keep_snapshots: int = 3,
    fault_hook: Callable[[str], None] | None = None,
    inputs: dict[str, InputEntry] | None = None,
    full: bool = False,
    ignored: Sequence[tuple[str, str, str]] = (),
    source_position: str | None = None,
) -> Manifest:
    """Publish one complete snapshot and make it current, or leave everything as it was.

    `documents` are bundles, their rows (DocumentTables) or DocumentSources (rows read
    only when their version differs from the published one), or a Delta: what changed
    since a given snapshot. The new snapshot is built on the current one when it can be
    (see the module docstring); `full=True` builds it afresh. Either way its content
    equals a full build's of the same input.
    `fault_hook(stage)` runs after each of STAGES; whatever it raises aborts the publish
    like a crash there would, and the previous snapshot stays current.
    `ignored` lists inbox entries that are not inputs (name, reason, detail).
    `inputs` names the rejected input files; the manifest records them, with the
    documents of the previous snapshot that are no longer there as `withdrawn`.
    `source_position` is kept in the manifest for the next publisher (Published).
    `keep_snapshots` counts the current one. Keep at least 2 while analysts open files:
    with 1, a reader that has just resolved `current` can find its folder pruned.
    """
    if keep_snapshots < 1:
        raise ValueError("keep_snapshots must be at least 1 (the current snapshot)")
    hook = fault_hook or (lambda stage: None)
    data_dir = Path(data_dir).absolute()
    # Bad input fails here, before any file.
    delta = documents._replace(changed=_sources(documents.changed)) if isinstance(documents, Delta) else None
    sources = None if delta is not None else _sources(documents)  # type: ignore[arg-type]
    rejections = list(rejections)
    run_rows = {REJECTED_DOCUMENTS.name: rejection_table(rejections),
                IGNORED_INPUTS.name: ignored_table(ignored)}
    snapshots = data_dir / SNAPSHOTS_DIR
    snapshots.mkdir(parents=True, exist_ok=True)
    with _publish_lock(data_dir):
        _check_entry_points(data_dir)
        _remove_stale_staging(snapshots)
        previous = None if full else _previous(data_dir)
        if delta is not None and (previous is None or previous.manifest.snapshot_id != delta.base):
            sources, delta = _sources(delta.everything()), None
        created_at = datetime.now(UTC)
        staging = snapshots / f"{STAGING_PREFIX}{created_at.strftime(SNAPSHOT_TIME_FORMAT)}"
        current = data_dir / CURRENT_LINK
        built = staging
        target = None
        try:
            staging.mkdir()
            manifest = _build(staging, sources, delta, run_rows, previous, created_at, code_version,
                              dict(sorted((inputs or {}).items())), source_position, hook)
            hook("validated")
            final = snapshots / manifest.snapshot_id
            target = f"{SNAPSHOTS_DIR}/{manifest.snapshot_id}"
            if os.path.lexists(final):
                raise PublishError(f"snapshot {manifest.snapshot_id} already exists")
            os.rename(staging, final)
            built = final
            _fsync(snapshots)
            hook("before_switch")
            _atomic_symlink(target, current)  # the commit point
        except BaseException:
            # Only an uncommitted snapshot is removed; no reader can have opened it.
            if target is None or not (current.is_symlink() and os.readlink(current) == target):
                shutil.rmtree(built, ignore_errors=True)
            raise
        _fsync(data_dir)
        for name in STABLE_LINKS:
            _ensure_link(data_dir / name, f"{CURRENT_LINK}/{name}")
        _prune(snapshots, keep_snapshots, manifest.snapshot_id)
    return manifest


def _build(
    staging: Path, sources: list[DocumentSource] | None, delta: Delta | None, run_rows: dict[str, pa.Table],
    previous: _Previous | None, created_at: datetime, code_version: str, inputs: dict[str, InputEntry],
    source_position: str | None, hook: Callable[[str], None],
) -> Manifest:
    """Write, validate and describe the snapshot inside `staging` (from `sources`, or from
    `delta` on `previous`)."""
    plan = _plan(sources, delta, previous)
    if plan.previous is None and sources is None:
        sources = _sources(delta.everything())  # type: ignore[union-attr]
    database = staging / WAREHOUSE_FILE
    if plan.previous is not None:
        shutil.copyfile(plan.previous.folder / WAREHOUSE_FILE, database)
    con = duckdb.connect(str(database), config=DUCKDB_CONFIG)
    try:
        build = _Build(staging, con, keep_records=plan.previous is not None)
        if plan.previous is None:
            # DDL first, then a segment per transaction: memory holds one segment.
            con.begin()
            _create_warehouse(con)
            con.commit()
            parts = [_index_table([])]
            for chunk in _chunks(sources or [], SEGMENT_DOCUMENTS):
                con.begin()
                parts.append(_index_table(build.add_documents(chunk)))
                con.commit()
            index = pa.concat_tables(parts).combine_chunks()
            del parts
            con.begin()
        else:
            # One transaction: the copy is never seen half-changed (and never by a reader).
            con.begin()
            gone = pa.table({"document_id": pa.array(sorted(plan.gone), pa.string())})
            con.register("gone_documents", gone)
            for spec in DOCUMENT_TABLES:
                con.execute(f'DELETE FROM "{spec.name}" WHERE document_id IN '
                            "(SELECT document_id FROM gone_documents)")
            con.unregister("gone_documents")
            build.link(plan.previous, plan.linked)
            moved = build.rewrite(plan.previous, plan.rewritten, plan.survivors)
            added = []
            for chunk in _chunks(plan.changed, SEGMENT_DOCUMENTS):
                added += build.add_documents(chunk)
            replaced = pa.array(sorted(plan.gone | {r.document_id for r in moved}), pa.string())
            kept = plan.previous.index.filter(
                pc.invert(pc.is_in(plan.previous.index["document_id"], replaced))
            )
            index = _merged(kept, _index_table(moved + added))
        for table in (*(spec.name for spec in RUN_TABLES), SNAPSHOT.name):
            con.execute(f'DELETE FROM "{table}"')
        for spec in RUN_TABLES:
            con.register(_ARROW_SOURCE, run_rows[spec.name])
            con.execute(f'INSERT INTO "{spec.name}" BY NAME SELECT * FROM {_ARROW_SOURCE}')
            con.unregister(_ARROW_SOURCE)

        totals = _index_totals(con, index)
        for spec in RUN_TABLES:
            totals[spec.name] = table_digest(run_rows[spec.name], spec.columns, con)
        contents = {spec.name: combine_digest(spec.columns, totals[spec.name]) for spec in PUBLISHED_TABLES}
        content = hashlib.sha256(json.dumps(contents).encode()).hexdigest()
        snapshot_id = f"{created_at.strftime(SNAPSHOT_TIME_FORMAT)}-{content[:SHORT_HASH_LENGTH]}"
        con.register(_ARROW_SOURCE, snapshot_table(snapshot_id, created_at, code_version, commit()))
        con.execute(f'INSERT INTO "{SNAPSHOT.name}" BY NAME SELECT * FROM {_ARROW_SOURCE}')
        con.unregister(_ARROW_SOURCE)
        con.commit()
        con.execute("CHECKPOINT")  # everything in the main file: readers never need a WAL
    finally:
        con.close()
    build.finish_parquet(totals, run_rows)
    # No dictionaries: ids, versions and sums are unique per row (100,000 rows: half the
    # time and a smaller file).
    pq.write_table(index, staging / INDEX_FILE, compression=PARQUET_COMPRESSION,
                   compression_level=PARQUET_COMPRESSION_LEVEL, use_dictionary=False)
    hook("staged")  # everything written, nothing read back yet

    full_check = plan.previous is None
    # The warehouse is hashed and read back (0.2 s each at 100,000 documents) while the
    # Parquet files are checked: hashlib, DuckDB and Arrow release the GIL.
    with ThreadPoolExecutor(max_workers=2) as pool:
        warehouse_entry = pool.submit(_file_entry, staging, database)
        duckdb_checks = pool.submit(
            _validate_duckdb, database, totals, build.changed, snapshot_id, full_check)
        problems = _validate_parquet(staging, build, totals, index, full_check)
        schemas, duckdb_problems = duckdb_checks.result()
        problems = duckdb_problems + problems
        warehouse = warehouse_entry.result()
    if problems:
        raise PublishError("snapshot failed validation: " + "; ".join(problems))

    if plan.previous is not None:
        before = (plan.previous.index["document_id"], plan.previous.manifest.inputs)
    else:
        before = _published_ids(staging.parent.parent)
    manifest = Manifest(
        snapshot_id=snapshot_id,
        created_at=created_at.isoformat(),
        code_version=code_version,
        commit=commit(),
        content_sha256=content,
        warehouse=warehouse,
        tables={
            spec.name: TableEntry(
                row_count=totals[spec.name][0],
                schema=schemas[spec.name],
                content_sha256=contents[spec.name],
                files=tuple(build.files[spec.name]),
            )
            for spec in PUBLISHED_TABLES
        },
        inputs=inputs,
        withdrawn=_withdrawn(*before, index["document_id"], inputs),
        index=_file_entry(staging, staging / INDEX_FILE),
        layout=layout_digest(),
        build=BUILD_FULL if full_check else BUILD_INCREMENTAL,
        source_position=source_position,
    )
    (staging / MANIFEST_FILE).write_text(manifest.to_json(), encoding="utf-8")
    _fsync_tree(staging, skip=_linked_paths(staging, build))  # the switch must never point at unsynced data
    return manifest


@dataclass
class _Plan:
    previous: _Previous | None  # None: a full build
    changed: list[DocumentSource] = field(default_factory=list)  # new or new versions
    gone: set[str] = field(default_factory=set)  # previous documents whose rows leave
    linked: set[str] = field(default_factory=set)  # segments taken over as they are
    rewritten: set[str] = field(default_factory=set)  # segments written again without `gone`
    survivors: list[_Record] = field(default_factory=list)  # their documents that stay


def _plan(sources: list[DocumentSource] | None, delta: Delta | None, previous: _Previous | None) -> _Plan:
    if previous is None:
        return _Plan(None)
    index = previous.index
    if delta is None:
        assert sources is not None
        versions = _by_document(index, "version")
        changed = [s for s in sources if versions.get(s.document_id) != s.version]
        present = {s.document_id for s in sources}
        gone = {s.document_id for s in changed if s.document_id in versions}
        gone |= {document for document in versions if document not in present}
    else:
        # Only the documents named by the delta are looked at: the rest stay as published.
        named = [s.document_id for s in delta.changed]
        known = index.filter(pc.is_in(index["document_id"], pa.array(named, pa.string())))
        versions = _by_document(known, "version")
        changed = [s for s in delta.changed if versions.get(s.document_id) != s.version]
        leaving = pa.array(sorted(delta.gone - set(named)), pa.string())
        gone = {s.document_id for s in changed if s.document_id in versions}
        gone |= set(index["document_id"].filter(pc.is_in(index["document_id"], leaving)).to_pylist())
    if len(changed) + len(gone) > FULL_BUILD_SHARE * max(index.num_rows, 1):
        return _Plan(None)
    segments = index["segment"]
    affected = set(index.filter(pc.is_in(index["document_id"], pa.array(sorted(gone), pa.string())))
                   ["segment"].to_pylist())
    sizes = index.group_by("segment").aggregate([("document_id", "count")])
    small = {
        segment
        for segment, count in zip(
            sizes["segment"].to_pylist(), sizes["document_id_count"].to_pylist(), strict=True
        )
        if count < SEGMENT_DOCUMENTS // SMALL_SEGMENT_SHARE
    }
    rewritten = set(affected)
    if len(small) >= SMALL_SEGMENTS_MERGED:  # many small segments: merge them
        rewritten |= small
    staying = index.filter(
        pc.and_(
            pc.is_in(segments, pa.array(sorted(rewritten), pa.string())),
            pc.invert(pc.is_in(index["document_id"], pa.array(sorted(gone), pa.string()))),
        )
    )
    return _Plan(previous, changed, gone, set(sizes["segment"].to_pylist()) - rewritten, rewritten,
                 list(_records(staying)))


def _merged(kept: pa.Table, new: pa.Table) -> pa.Table:
    """Two indexes sorted by document_id (no id in both) as one: the few new rows go
    between slices of the kept ones (sorting 100,000 rows again copies every column)."""
    if new.num_rows > MERGED_ROWS:
        return pa.concat_tables([kept, new]).sort_by("document_id")
    new = new.sort_by("document_id")
    ids = kept["document_id"].to_pylist()
    parts, start = [], 0
    for row, document_id in enumerate(new["document_id"].to_pylist()):
        at = bisect.bisect_left(ids, document_id, lo=start)
        parts += [kept.slice(start, at - start), new.slice(row, 1)]
        start = at
    parts.append(kept.slice(start))
    return pa.concat_tables(parts)


def _published_ids(data_dir: Path) -> tuple[pa.ChunkedArray, dict[str, InputEntry]]:
    """The current snapshot's documents and rejected inputs, when it is readable (a full
    build names what left it as withdrawn too)."""
    found = _current(data_dir, ["document_id"])
    if found is None:
        return pa.chunked_array([], pa.string()), {}
    manifest, index = found
    return index["document_id"], manifest.inputs


def _withdrawn(before: pa.ChunkedArray, rejected_before: dict[str, InputEntry], now: pa.ChunkedArray,
               rejected_now: dict[str, InputEntry]) -> tuple[str, ...]:
    """Documents and rejected inputs of the previous snapshot that are in neither role now
    (column by column: the indexes hold one id per published document)."""
    published_now = now.combine_chunks() if now.num_chunks else pa.array([], pa.string())
    left = set(before.filter(pc.invert(pc.is_in(before, value_set=published_now))).to_pylist())
    rejected_left = pa.array(sorted(set(rejected_before) - set(rejected_now)), pa.string())
    left |= set(rejected_left.filter(pc.invert(pc.is_in(rejected_left, value_set=published_now))).to_pylist())
    return tuple(sorted(left - set(rejected_now)))


def _linked_paths(staging: Path, build: _Build) -> set[Path]:
    new = {staging / PARQUET_DIR / r for names in build.new_files.values() for r in names}
    return {staging / e.path for entries in build.files.values() for e in entries} - new


# Validation --------------------------------------------------------------------------------


def _validate_duckdb(  # noqa: C901  one pass over the tables, each check a few lines
    database: Path, totals: dict[str, Sums], changed: list[_Record], snapshot_id: str, full_check: bool
) -> tuple[dict[str, dict[str, str]], list[str]]:
    """Read back as an analyst would: every table's row count; the content of every table
    (full build) or of the documents written now (incremental); keys unique among them."""
    if database.with_name(database.name + ".wal").exists():
        return {}, ["duckdb: a WAL file is left after CHECKPOINT"]
    problems: list[str] = []
    con = duckdb.connect(str(database), read_only=True, config=DUCKDB_CONFIG)
    try:
        ids = pa.table({"document_id": pa.array(sorted(r.document_id for r in changed), pa.string())})
        con.register("changed_documents", ids)
        for spec in PUBLISHED_TABLES:
            [(count,)] = con.execute(f'SELECT count(*) FROM "{spec.name}"').fetchall()
            if count != totals[spec.name][0]:
                problems.append(f"duckdb {spec.name}: {count} rows, expected {totals[spec.name][0]}")
                continue
            scoped = full_check or spec in RUN_TABLES
            where = "" if scoped else "WHERE document_id IN (SELECT document_id FROM changed_documents)"
            if scoped:
                [found] = con.execute(digest_sums_sql(f'"{spec.name}"', spec.columns)).fetchall()
                if tuple(found) != tuple(totals[spec.name]):
                    problems.append(f"duckdb {spec.name}: content differs from the input")
            else:
                found_by_document = {d: (r, lo, hi) for d, r, lo, hi in con.execute(
                    digest_sums_sql(f'"{spec.name}"', spec.columns, where, by_document=True)).fetchall()}
                expected = {
                    r.document_id: r.sums[spec.name] for r in changed if r.sums.get(spec.name, (0,))[0]
                }
                if found_by_document != expected:
                    problems.append(
                        f"duckdb {spec.name}: content of the changed documents differs from the input"
                    )
            key = ", ".join(f'"{c}"' for c in spec.primary_key)
            duplicates = con.execute(
                f'SELECT count(*) FROM (SELECT {key} FROM "{spec.name}" {where} '
                f"GROUP BY {key} HAVING count(*) > 1)"
            ).fetchall()
            if duplicates != [(0,)]:
                problems.append(f"duckdb {spec.name}: duplicate keys")
        con.unregister("changed_documents")
        if con.execute(f'SELECT snapshot_id FROM "{SNAPSHOT.name}"').fetchall() != [(snapshot_id,)]:
            problems.append("duckdb snapshot: not exactly one row with this snapshot id")
        for (view,) in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall():
            con.execute(f'SELECT * FROM "{view}" LIMIT 0').fetchall()  # a view that no longer binds raises
        rows = con.execute(
            "SELECT table_name, column_name, data_type FROM duckdb_columns() "
            "WHERE database_name = current_database() ORDER BY table_name, column_index"
        ).fetchall()
    finally:
        con.close()
    schemas: dict[str, dict[str, str]] = {spec.name: {} for spec in PUBLISHED_TABLES}
    for table_name, column, data_type in rows:
        schemas.setdefault(table_name, {})[column] = data_type
    for spec in PUBLISHED_TABLES:
        if list(schemas[spec.name]) != spec.columns:
            problems.append(f"duckdb {spec.name}: columns {list(schemas[spec.name])} != {spec.columns}")
    return {spec.name: schemas[spec.name] for spec in PUBLISHED_TABLES}, problems


def _validate_parquet(
    staging: Path, build: _Build, totals: dict[str, Sums], index: pa.Table, full_check: bool
) -> list[str]:
    """Every table through the analysts' glob has its row count (no file counted twice);
    the files written now hold exactly their documents' rows (full build: the whole
    table's content), each in its document's language folder."""
    root = staging / PARQUET_DIR
    problems: list[str] = []
    written = {r.document_id: r for r in build.written}
    reader = duckdb.connect(config=DUCKDB_CONFIG)  # in memory: reads the files the way analysts do
    reader.register("index_languages", index.select(["document_id", LANGUAGE_COLUMN]))
    try:
        for spec in PUBLISHED_TABLES:
            expected = totals[spec.name][0]
            # What the analysts' glob reads is exactly the listed files (no superseded or
            # stray file counted twice), and their row counts add up. Counting through the
            # glob would open every footer: 1,600 files at 100,000 documents, ~5 s.
            listed = {e.path for e in build.files[spec.name]}
            on_disk = _parquet_files(staging, spec.name)
            if on_disk != listed:
                problems.append(
                    f"parquet {spec.name}: files {sorted(on_disk ^ listed)[:3]} differ from the manifest"
                )
                continue
            count = sum(e.row_count or 0 for e in build.files[spec.name])
            if count != expected:
                problems.append(f"parquet {spec.name}: {count} rows, expected {expected}")
                continue
            try:
                files = [(root / r).as_posix() for r in build.new_files[spec.name] if _segment_of(r)]
                if spec in RUN_TABLES:
                    relation = f"read_parquet('{(root / spec.name / PART_FILE).as_posix()}')"
                    [found] = reader.execute(digest_sums_sql(relation, spec.columns)).fetchall()
                    if tuple(found) != tuple(totals[spec.name]):
                        problems.append(f"parquet {spec.name}: content differs from the input")
                    continue
                if not files:
                    continue
                quoted = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
                reader.execute(
                    f"CREATE OR REPLACE TEMP VIEW written AS SELECT * FROM read_parquet([{quoted}], "
                    "hive_partitioning = true, hive_types_autocast = false)"
                )
                if full_check:
                    [found] = reader.execute(digest_sums_sql("written", spec.columns)).fetchall()
                    same = tuple(found) == tuple(totals[spec.name])
                else:
                    found_by_document = {d: (r, lo, hi) for d, r, lo, hi in reader.execute(
                        digest_sums_sql("written", spec.columns, by_document=True)).fetchall()}
                    same = found_by_document == {d: r.sums[spec.name] for d, r in written.items()
                                     if r.sums.get(spec.name, (0,))[0]}
                if not same:
                    problems.append(
                        f"parquet {spec.name}: content of the files written differs from the input"
                    )
                    continue
                if spec.language == "document":
                    [(misplaced,)] = reader.execute(
                        "SELECT count(*) FROM written w LEFT JOIN index_languages i USING (document_id) "
                        "WHERE i.language IS DISTINCT FROM w.language").fetchall()
                    if misplaced:
                        problems.append(f"parquet {spec.name}: a row sits in another language's partition")
            except duckdb.Error as error:
                problems.append(f"parquet {spec.name}: {str(error).splitlines()[0]}")
    finally:
        reader.close()
    return problems


def _parquet_files(staging: Path, table: str) -> set[str]:
    """Paths relative to `staging` of the .parquet files under a table's folder (os.walk on
    strings: 1,600 files at 100,000 documents)."""
    found: set[str] = set()
    for folder, _, names in os.walk(f"{staging}/{PARQUET_DIR}/{table}"):
        relative = os.path.relpath(folder, staging).replace(os.sep, "/")
        found.update(f"{relative}/{name}" for name in names if name.endswith(".parquet"))
    return found


@contextmanager
def _publish_lock(data_dir: Path) -> Iterator[None]:
    """One publisher at a time, so stale staging folders can be removed safely."""
    with open(data_dir / LOCK_FILE, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _check_entry_points(data_dir: Path) -> None:
    # Fail before building anything rather than replace a real file an analyst put there.
    for name in (CURRENT_LINK, *STABLE_LINKS):
        path = data_dir / name
        if os.path.lexists(path) and not path.is_symlink():
            raise PublishError(f"{path} exists and is not a symlink; move it away first")


def _remove_stale_staging(snapshots: Path) -> None:
    """Left by a crashed publish (we hold the lock, so no one is building it)."""
    for path in snapshots.glob(f"{STAGING_PREFIX}*"):
        log.warning("removing stale staging folder %s", path)
        shutil.rmtree(path, ignore_errors=True)


def _ensure_link(link: Path, target: str) -> None:
    if link.is_symlink() and os.readlink(link) == target:
        return
    _atomic_symlink(target, link)


def _atomic_symlink(target: str, link: Path) -> None:
    """Point `link` at `target` in one rename: readers see the old or the new, never none."""
    temporary = link.with_name(f".{link.name}.{os.getpid()}.tmp")
    if os.path.lexists(temporary):
        temporary.unlink()
    os.symlink(target, temporary)
    try:
        os.replace(temporary, link)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _prune(snapshots: Path, keep: int, current: str) -> None:
    """Keep the newest `keep` snapshots (ids sort by time) and always the current one."""
    names = sorted(
        (
            p.name
            for p in snapshots.iterdir()
            if p.is_dir() and not p.is_symlink() and not p.name.startswith(".")
        ),
        reverse=True,
    )
    kept = set(names[:keep]) | {current}
    for name in names:
        if name in kept:
            continue
        try:
            shutil.rmtree(snapshots / name)
        except OSError as error:  # the new snapshot is live; a leftover only costs disk
            log.warning("could not prune snapshot %s: %s", name, error)


def _file_entry(root: Path, path: Path, row_count: int | None = None) -> FileEntry:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return FileEntry(path.relative_to(root).as_posix(), digest.hexdigest(), path.stat().st_size, row_count)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(root: Path, skip: AbstractSet[Path] = frozenset()) -> None:
    """fsync every file (but `skip`: hard links to files synced when first published)."""
    for folder, _, names in os.walk(root):
        for name in names:
            if Path(folder) / name not in skip:
                _fsync(Path(folder) / name)
        _fsync(Path(folder))
