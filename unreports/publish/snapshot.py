"""Publish a snapshot: build DuckDB + Parquet aside, validate, then switch atomically.

Layout under data_dir (analysts only ever use the first three names):

    warehouse.duckdb -> current/warehouse.duckdb     stable symlinks, created once
    parquet          -> current/parquet
    manifest.json    -> current/manifest.json
    current          -> snapshots/<id>                replaced in one os.replace
    snapshots/<id>/{warehouse.duckdb, parquet/, manifest.json}
    snapshots/.staging-<id>/                          while building; never read

A reader resolves `current` once when it opens a file, so an open DuckDB connection
keeps its snapshot (even after pruning: Linux keeps unlinked open files) and a new one
sees the newest complete snapshot. Nothing is ever written into a published folder.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from unreports.publish.tables import (
    DOCUMENTS,
    LANGUAGE_COLUMN,
    PUBLISHED_TABLES,
    SNAPSHOT,
    DocumentTables,
    TableSpec,
    build_tables,
    content_sha256,
    document_languages,
    snapshot_table,
    source_sha256,
    sql_files,
)
from unreports.records import DocumentBundle, Rejection

log = logging.getLogger(__name__)

SNAPSHOTS_DIR = "snapshots"
STAGING_PREFIX = ".staging-"
CURRENT_LINK = "current"
WAREHOUSE_FILE = "warehouse.duckdb"
PARQUET_DIR = "parquet"
MANIFEST_FILE = "manifest.json"
LOCK_FILE = ".publish.lock"
PART_FILE = "part-0.parquet"
# Entry points in data_dir that point through `current`, so one switch moves them all.
STABLE_LINKS = (WAREHOUSE_FILE, PARQUET_DIR, MANIFEST_FILE)
STAGES = ("staged", "validated", "before_switch")

PARQUET_COMPRESSION = "zstd"
PARQUET_COMPRESSION_LEVEL = 3
SHORT_HASH_LENGTH = 12
SNAPSHOT_TIME_FORMAT = "%Y%m%dT%H%M%S%fZ"  # microseconds: several publishes per second stay distinct
_ARROW_SOURCE = "arrow_table"  # name the Arrow table is registered under for INSERT


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
    content_sha256: str  # of the sorted row hashes (content_sha256); equal across runs on equal input
    files: tuple[FileEntry, ...]


@dataclass(frozen=True)
class InputEntry:
    """One input file behind a snapshot."""

    source_name: str
    sha256: str
    status: str  # "processed" | "rejected"


@dataclass(frozen=True)
class Manifest:
    snapshot_id: str
    created_at: str  # ISO 8601, UTC
    code_version: str  # the pipeline version: package version and indicator-registry digest
    input_sha256s: tuple[str, ...]  # published and rejected inputs, sorted
    content_sha256: str  # of the per-table content hashes
    warehouse: FileEntry
    tables: dict[str, TableEntry]
    inputs: dict[str, InputEntry] = field(default_factory=dict)  # document_id -> its input file
    withdrawn: tuple[str, ...] = ()  # document ids in the previous snapshot whose input is gone

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False) + "\n"

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
            input_sha256s=tuple(raw["input_sha256s"]),
            content_sha256=raw["content_sha256"],
            warehouse=FileEntry(**raw["warehouse"]),
            tables=tables,
            inputs={key: InputEntry(**entry) for key, entry in raw.get("inputs", {}).items()},
            withdrawn=tuple(raw.get("withdrawn", ())),
        )


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
    for entry in expected:
        path = folder / entry.path
        if path.is_symlink() or not path.is_file():
            problems.append(f"{entry.path}: missing")
            continue
        if path.stat().st_size != entry.size_bytes or _file_entry(folder, path).sha256 != entry.sha256:
            problems.append(f"{entry.path}: sha256 differs from the manifest")
    listed = {entry.path for entry in expected}
    for path in sorted(folder.iterdir()):  # e.g. a warehouse.duckdb.wal left by a writer
        if path.name not in (WAREHOUSE_FILE, PARQUET_DIR, MANIFEST_FILE):
            problems.append(f"{path.name}: not in the manifest")
    parquet = folder / PARQUET_DIR
    if parquet.is_dir():
        for path in sorted(parquet.rglob("*")):
            relative = path.relative_to(folder).as_posix()
            if (path.is_file() or path.is_symlink()) and relative not in listed:
                problems.append(f"{relative}: not in the manifest")
    return problems


def publish(
    documents: Sequence[DocumentBundle | DocumentTables],
    rejections: Sequence[tuple[Rejection, datetime]],
    data_dir: Path,
    *,
    code_version: str,
    keep_snapshots: int = 3,
    fault_hook: Callable[[str], None] | None = None,
    inputs: dict[str, InputEntry] | None = None,
) -> Manifest:
    """Publish one complete snapshot and make it current, or leave everything as it was.

    `fault_hook(stage)` runs after each of STAGES; whatever it raises aborts the publish
    like a crash there would, and the previous snapshot stays current.
    `inputs` names each document's input file (recorded in the manifest, with the documents
    of the previous snapshot that are no longer there as `withdrawn`).
    `keep_snapshots` counts the current one. Keep at least 2 while analysts open files:
    with 1, a reader that has just resolved `current` can find its folder pruned.
    """
    if keep_snapshots < 1:
        raise ValueError("keep_snapshots must be at least 1 (the current snapshot)")
    hook = fault_hook or (lambda stage: None)
    data_dir = Path(data_dir).absolute()
    snapshots = data_dir / SNAPSHOTS_DIR
    snapshots.mkdir(parents=True, exist_ok=True)
    with _publish_lock(data_dir):
        _check_entry_points(data_dir)
        _remove_stale_staging(snapshots)
        tables = build_tables(documents, rejections)  # bad input fails here, before any file
        created_at = datetime.now(UTC)
        hashes = {source_sha256(d) for d in documents} | {r.source_sha256 for r, _ in rejections}
        named = dict(sorted((inputs or {}).items()))
        previous = read_manifest(data_dir).inputs if (data_dir / MANIFEST_FILE).exists() else {}
        withdrawn = tuple(sorted(set(previous) - set(named))) if named or previous else ()
        staged = _Staged(tables, created_at, code_version, tuple(sorted(hashes)), named, withdrawn)
        staging = snapshots / f"{STAGING_PREFIX}{staged.snapshot_id}"
        final = snapshots / staged.snapshot_id
        current = data_dir / CURRENT_LINK
        target = f"{SNAPSHOTS_DIR}/{staged.snapshot_id}"
        built = staging
        try:
            staging.mkdir()
            manifest = _build(staging, staged, hook)
            hook("validated")
            if os.path.lexists(final):
                raise PublishError(f"snapshot {staged.snapshot_id} already exists")
            os.rename(staging, final)
            built = final
            _fsync(snapshots)
            hook("before_switch")
            _atomic_symlink(target, current)  # the commit point
        except BaseException:
            # Only an uncommitted snapshot is removed; no reader can have opened it.
            if not (current.is_symlink() and os.readlink(current) == target):
                shutil.rmtree(built, ignore_errors=True)
            raise
        _fsync(data_dir)
        for name in STABLE_LINKS:
            _ensure_link(data_dir / name, f"{CURRENT_LINK}/{name}")
        _prune(snapshots, keep_snapshots, staged.snapshot_id)
    return manifest


class _Staged:
    """What one publish writes, with the hashes and id derived from it."""

    def __init__(
        self, tables: dict[str, pa.Table], created_at: datetime, code_version: str, hashes: tuple[str, ...],
        inputs: dict[str, InputEntry], withdrawn: tuple[str, ...],
    ) -> None:
        self.tables = tables
        self.created_at = created_at
        self.code_version = code_version
        self.hashes = hashes
        self.inputs = inputs
        self.withdrawn = withdrawn
        self.contents = {
            spec.name: content_sha256(tables[spec.name], spec.columns) for spec in PUBLISHED_TABLES
        }
        self.content_sha256 = hashlib.sha256(json.dumps(self.contents).encode()).hexdigest()
        stamp = created_at.strftime(SNAPSHOT_TIME_FORMAT)
        self.snapshot_id = f"{stamp}-{self.content_sha256[:SHORT_HASH_LENGTH]}"


def _build(staging: Path, staged: _Staged, hook: Callable[[str], None]) -> Manifest:
    """Write, validate and describe the snapshot inside `staging`."""
    snapshot = snapshot_table(staged.snapshot_id, staged.created_at, staged.code_version)
    _write_warehouse(staging / WAREHOUSE_FILE, staged.tables, snapshot)
    parquet_files = _write_parquet(staging, staged.tables)
    hook("staged")
    schemas = _validate(staging, staged.tables, staged.contents, staged.snapshot_id)
    manifest = Manifest(
        snapshot_id=staged.snapshot_id,
        created_at=staged.created_at.isoformat(),
        code_version=staged.code_version,
        input_sha256s=staged.hashes,
        content_sha256=staged.content_sha256,
        warehouse=_file_entry(staging, staging / WAREHOUSE_FILE),
        tables={
            spec.name: TableEntry(
                row_count=staged.tables[spec.name].num_rows,
                schema=schemas[spec.name],
                content_sha256=staged.contents[spec.name],
                files=parquet_files[spec.name],
            )
            for spec in PUBLISHED_TABLES
        },
        inputs=staged.inputs,
        withdrawn=staged.withdrawn,
    )
    (staging / MANIFEST_FILE).write_text(manifest.to_json(), encoding="utf-8")
    _fsync_tree(staging)  # the switch must never point at data still only in the page cache
    return manifest


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


def _write_warehouse(path: Path, tables: dict[str, pa.Table], snapshot: pa.Table) -> None:
    scripts = sql_files()
    if not scripts:
        raise PublishError("no sql/*.sql files found (is the package installed in editable mode?)")
    con = duckdb.connect(str(path))
    try:
        # DDL and rows in one transaction: autocommitted COMMENT statements would each
        # sync the WAL (about 4x slower), and a half-built file is never committed.
        con.begin()
        for script in scripts:
            con.execute(script.read_text(encoding="utf-8"))
        for name, table in [*tables.items(), (SNAPSHOT.name, snapshot)]:
            con.register(_ARROW_SOURCE, table)
            con.execute(f'INSERT INTO "{name}" BY NAME SELECT * FROM {_ARROW_SOURCE}')
            con.unregister(_ARROW_SOURCE)
        con.commit()
        con.execute("CHECKPOINT")  # everything in the main file: readers never need a WAL
    finally:
        con.close()


def _partitions(
    spec: TableSpec, table: pa.Table, languages: dict[str, str]
) -> Iterator[tuple[str, pa.Table]]:
    """(relative path, rows) per Parquet file of one table."""
    if spec.language == "none":
        yield f"{spec.name}/{PART_FILE}", table
        return
    if spec.language == "own":
        language = table[LANGUAGE_COLUMN]
    else:
        language = pa.array([languages[d] for d in table["document_id"].to_pylist()], pa.string())
    if table.num_rows == 0:
        # No partition folder to carry the column, so the one empty file carries it:
        # readers still get every column with its type.
        if spec.language == "document":
            table = table.append_column(LANGUAGE_COLUMN, language)
        yield f"{spec.name}/{PART_FILE}", table
        return
    for value in sorted(set(language.to_pylist())):
        part = table.filter(pc.equal(language, value))
        if spec.language == "own":
            part = part.drop_columns([LANGUAGE_COLUMN])  # the folder name carries it
        yield f"{spec.name}/{LANGUAGE_COLUMN}={value}/{PART_FILE}", part


def _write_parquet(staging: Path, tables: dict[str, pa.Table]) -> dict[str, tuple[FileEntry, ...]]:
    languages = document_languages(tables[DOCUMENTS.name])
    files: dict[str, tuple[FileEntry, ...]] = {}
    for spec in PUBLISHED_TABLES:
        entries = []
        for relative, part in _partitions(spec, tables[spec.name], languages):
            path = staging / PARQUET_DIR / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            # Deterministic bytes: no timestamps are written, rows arrive sorted.
            pq.write_table(
                part, path, compression=PARQUET_COMPRESSION, compression_level=PARQUET_COMPRESSION_LEVEL
            )
            entries.append(_file_entry(staging, path, part.num_rows))
        files[spec.name] = tuple(entries)
    return files


def _validate(
    staging: Path, tables: dict[str, pa.Table], contents: dict[str, str], snapshot_id: str
) -> dict[str, dict[str, str]]:
    """Read everything back as an analyst would; return each table's DuckDB schema."""
    schemas, problems = _validate_duckdb(staging / WAREHOUSE_FILE, tables, contents, snapshot_id)
    problems += _validate_parquet(staging / PARQUET_DIR, tables, contents)
    if problems:
        raise PublishError("snapshot failed validation: " + "; ".join(problems))
    return schemas


def _validate_duckdb(
    database: Path, tables: dict[str, pa.Table], contents: dict[str, str], snapshot_id: str
) -> tuple[dict[str, dict[str, str]], list[str]]:
    if database.with_name(database.name + ".wal").exists():
        return {}, ["duckdb: a WAL file is left after CHECKPOINT"]
    problems: list[str] = []
    con = duckdb.connect(str(database), read_only=True)
    try:
        for spec in PUBLISHED_TABLES:
            stored = con.sql(f'SELECT * FROM "{spec.name}"').to_arrow_table()
            problems += _check_table(spec, stored, tables, contents, "duckdb")
            key = ", ".join(f'"{c}"' for c in spec.primary_key)
            duplicates = con.execute(
                f'SELECT count(*) FROM (SELECT {key} FROM "{spec.name}" GROUP BY {key} HAVING count(*) > 1)'
            ).fetchall()
            if duplicates != [(0,)]:
                problems.append(f"duckdb {spec.name}: duplicate keys")
        if con.execute(f'SELECT snapshot_id FROM "{SNAPSHOT.name}"').fetchall() != [(snapshot_id,)]:
            problems.append("duckdb snapshot: not exactly one row with this snapshot id")
        for (view,) in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall():
            con.execute(f'SELECT count(*) FROM "{view}"').fetchall()  # a view that no longer binds raises
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


def _validate_parquet(root: Path, tables: dict[str, pa.Table], contents: dict[str, str]) -> list[str]:
    languages = document_languages(tables[DOCUMENTS.name])
    problems: list[str] = []
    reader = duckdb.connect()  # in memory: reads the files the way analysts do
    try:
        for spec in PUBLISHED_TABLES:
            # No autocast: a partition value is text, whatever it looks like.
            parquet = reader.sql(
                "SELECT * FROM read_parquet($files, hive_partitioning = true, hive_types_autocast = false)",
                params={"files": (root / spec.name).as_posix() + "/**/*.parquet"},
            ).to_arrow_table()
            found = _check_table(spec, parquet, tables, contents, "parquet")
            problems += found
            if spec.language == "document" and not found:
                pairs = zip(parquet["document_id"].to_pylist(), parquet[LANGUAGE_COLUMN].to_pylist())
                if any(languages[document] != language for document, language in pairs):
                    problems.append(f"parquet {spec.name}: a row sits in another language's partition")
    finally:
        reader.close()
    return problems


def _check_table(
    spec: TableSpec, got: pa.Table, tables: dict[str, pa.Table], contents: dict[str, str], where: str
) -> list[str]:
    expected = tables[spec.name].num_rows
    if got.num_rows != expected:
        return [f"{where} {spec.name}: {got.num_rows} rows, expected {expected}"]
    missing = set(spec.columns) - set(got.column_names)
    if missing:
        return [f"{where} {spec.name}: missing columns {sorted(missing)}"]
    if content_sha256(got, spec.columns) != contents[spec.name]:
        return [f"{where} {spec.name}: content differs from the input"]
    return []


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


def _fsync_tree(root: Path) -> None:
    for folder, _, names in os.walk(root):
        for name in names:
            _fsync(Path(folder) / name)
        _fsync(Path(folder))
