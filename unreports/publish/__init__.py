"""Publishing: typed records -> one validated DuckDB + Parquet snapshot, switched atomically.

The data dictionary lives in unreports.publish.dictionary (not imported here, so that
`python -m unreports.publish.dictionary` runs it cleanly).
"""

from unreports.publish.query import run_query
from unreports.publish.snapshot import (
    FileEntry,
    Manifest,
    PublishError,
    TableEntry,
    current_snapshot_id,
    publish,
    read_manifest,
)
from unreports.publish.tables import PUBLISHED_TABLES, DuplicateKeyError, TableSpec, build_tables

__all__ = [
    "PUBLISHED_TABLES",
    "DuplicateKeyError",
    "FileEntry",
    "Manifest",
    "PublishError",
    "TableEntry",
    "TableSpec",
    "build_tables",
    "current_snapshot_id",
    "publish",
    "read_manifest",
    "run_query",
]
