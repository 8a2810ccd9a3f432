"""The processed-documents store: the one record of what has been processed.

Each document's outcome (processed or rejected, for which input bytes and which pipeline
version) and its rows live here, under DATA_DIR/documents. The command line, the inbox
sensor and the publication all read this store, so switching between `unreports run` and
the daemon never processes a document twice, and a publication reads rows a document at a
time from files instead of holding run outputs.

    documents/<document_id>.json       the outcome (written last, atomically: the commit)
    documents/<document_id>.<token>/   <table>.arrow for each per-document table (Arrow IPC)

A rows folder no outcome points at is an interrupted run's leftover; `prune` removes it.
"""

from __future__ import annotations

import functools
import json
import os
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa

from unreports.publish.tables import DOCUMENT_TABLES, DocumentTables
from unreports.records import Rejection
from unreports.sources import file_stamp, sha256_of

STORE_DIR = "documents"
PROCESSED = "processed"
REJECTED = "rejected"


def processing_version(source_sha256: str, pipeline_version: str) -> str:
    """The change-detection rule: a document is processed again when its bytes or the
    pipeline (code and indicator registry) change, and only then."""
    return f"{source_sha256}:{pipeline_version}"


@dataclass(frozen=True)
class Outcome:
    document_id: str
    source_name: str
    source_sha256: str
    pipeline_version: str
    status: str  # PROCESSED | REJECTED
    processed_at: str  # ISO 8601, UTC
    rows: str | None = None  # rows folder name (processed documents)
    reason: str | None = None  # rejected documents
    detail: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    seconds: float | None = None  # processing time in the child (processed documents)
    source_stamp: str | None = None  # the input's sources.file_stamp when it was hashed

    @property
    def version(self) -> str:
        return processing_version(self.source_sha256, self.pipeline_version)

    def rejection(self) -> Rejection:
        return Rejection(self.source_name, self.source_sha256, self.reason or "", self.detail or "")


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class ProcessedDocuments:
    def __init__(self, data_dir: Path) -> None:
        self.root = Path(data_dir).absolute() / STORE_DIR

    def _outcome_path(self, document_id: str) -> Path:
        return self.root / f"{document_id}.json"

    def outcome(self, document_id: str) -> Outcome | None:
        path = self._outcome_path(document_id)
        if not path.exists():
            return None
        raw = json.loads(path.read_text(encoding="utf-8"))
        raw["warnings"] = tuple(raw.get("warnings", ()))
        return Outcome(**raw)

    def outcomes(self) -> dict[str, Outcome]:
        if not self.root.is_dir():
            return {}
        found = {}
        for path in sorted(self.root.glob("*.json")):
            outcome = self.outcome(path.stem)
            if outcome is not None:
                found[outcome.document_id] = outcome
        return found

    def stamps(self) -> dict[str, str]:
        """document_id -> the commit stamp of its outcome (inode, mtime, size of the JSON
        file, which every commit replaces): one directory listing and a stat per document,
        no file read. A publication compares it with what it published to find the
        documents it must read again."""
        if not self.root.is_dir():
            return {}
        found = {}
        with os.scandir(self.root) as entries:
            for entry in entries:
                if entry.name.endswith(".json") and not entry.name.startswith("."):
                    try:
                        stat = entry.stat()
                    except FileNotFoundError:  # withdrawn meanwhile
                        continue
                    found[entry.name[:-len(".json")]] = f"{stat.st_ino}-{stat.st_mtime_ns}-{stat.st_size}"
        return found

    def publication_inputs(self, present: set[str] | None, published: dict[str, str]) -> PublicationInputs:
        """What a publication needs, reading only outcomes whose stamp is not the one
        published (`published`: document_id -> version in the current snapshot) and the
        rejected ones (their rows are rebuilt every time; there are few)."""
        from unreports.publish.snapshot import DocumentSource, InputEntry

        sources, rejections, inputs = [], [], {}
        load = self._load_current
        for key, stamp in sorted(self.stamps().items()):
            if present is not None and key not in present:
                continue
            if published.get(key) == stamp:  # most of a corpus: published as it is
                sources.append(DocumentSource(key, stamp, functools.partial(load, key)))
                continue
            outcome = self.outcome(key)
            if outcome is None:
                continue
            inputs[key] = InputEntry(outcome.source_name, outcome.source_sha256, outcome.status)
            if outcome.status != PROCESSED:
                rejections.append(outcome.rejection())
                continue
            sources.append(DocumentSource(key, stamp, functools.partial(load, key)))
        return PublicationInputs(sources, rejections, inputs)

    def _load_current(self, document_id: str) -> DocumentTables:
        outcome = self.outcome(document_id)
        if outcome is None or outcome.status != PROCESSED:
            raise RuntimeError(
                f"{document_id}: no processed rows any more (withdrawn or reprocessed meanwhile)"
            )
        return self.load_tables(outcome)

    def stale(self, files: dict[str, Path], pipeline_version: str) -> dict[str, str]:
        """document_id -> processing version, for the files whose outcome is missing or was
        made for other bytes or another pipeline version. A file whose stamp is the one its
        outcome recorded is not read again (a corpus is hashed once, not on every run)."""
        outcomes = self.outcomes()
        versions = {}
        for key, path in files.items():
            outcome = outcomes.get(key)
            if outcome is not None and outcome.source_stamp is not None and \
                    outcome.source_stamp == file_stamp(path):
                sha256 = outcome.source_sha256
            else:
                sha256 = sha256_of(path)
            version = processing_version(sha256, pipeline_version)
            if outcome is None or outcome.version != version:
                versions[key] = version
        return versions

    # Rows ---------------------------------------------------------------------------------

    def new_rows_dir(self, document_id: str) -> Path:
        """A fresh folder name for one processing of a document (created by the writer)."""
        return self.root / f"{document_id}.{secrets.token_hex(6)}"

    @staticmethod
    def write_rows(folder: Path, tables: DocumentTables) -> None:
        folder.mkdir(parents=True)
        for spec in DOCUMENT_TABLES:
            with pa.OSFile(str(folder / f"{spec.name}.arrow"), "wb") as sink, \
                    pa.ipc.new_file(sink, spec.schema) as writer:
                writer.write_table(tables.tables[spec.name])

    @staticmethod
    def discard_rows(folder: Path) -> None:
        shutil.rmtree(folder, ignore_errors=True)

    def load_tables(self, outcome: Outcome) -> DocumentTables:
        """A processed document's rows, memory-mapped (read only when used)."""
        folder = self.root / str(outcome.rows)
        tables = {}
        for spec in DOCUMENT_TABLES:
            with pa.memory_map(str(folder / f"{spec.name}.arrow")) as source:
                tables[spec.name] = pa.ipc.open_file(source).read_all()
        return DocumentTables(outcome.document_id, outcome.source_sha256, tables)

    # Commits --------------------------------------------------------------------------------

    def commit_processed(self, document_id: str, source_name: str, source_sha256: str,
                         pipeline_version: str, rows_dir: Path, warnings: tuple[str, ...],
                         seconds: float | None = None, source_stamp: str | None = None) -> Outcome:
        return self._commit(Outcome(document_id, source_name, source_sha256, pipeline_version, PROCESSED,
                                    _now(), rows=rows_dir.name, warnings=tuple(warnings),
                                    seconds=None if seconds is None else round(seconds, 4),
                                    source_stamp=source_stamp))

    def commit_rejected(self, document_id: str, rejection: Rejection, pipeline_version: str,
                        source_stamp: str | None = None) -> Outcome:
        return self._commit(Outcome(document_id, rejection.source_name, rejection.source_sha256,
                                    pipeline_version, REJECTED, _now(), reason=rejection.reason,
                                    detail=rejection.detail, source_stamp=source_stamp))

    def _commit(self, outcome: Outcome) -> Outcome:
        self.root.mkdir(parents=True, exist_ok=True)
        previous = self.outcome(outcome.document_id)
        path = self._outcome_path(outcome.document_id)
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        temporary.write_text(json.dumps(asdict(outcome), ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(temporary, path)
        if previous is not None and previous.rows and previous.rows != outcome.rows:
            self.discard_rows(self.root / previous.rows)
        return outcome

    def withdraw(self, document_id: str) -> Outcome | None:
        """Forget a document whose input is gone; the next publication leaves it out."""
        outcome = self.outcome(document_id)
        if outcome is None:
            return None
        self._outcome_path(document_id).unlink()
        if outcome.rows:
            self.discard_rows(self.root / outcome.rows)
        return outcome

    def prune(self) -> list[str]:
        """Remove rows folders no outcome points at (left by an interrupted run). Call it
        only while holding the run lock: a running child's folder is not yet committed."""
        if not self.root.is_dir():
            return []
        referenced = {o.rows for o in self.outcomes().values() if o.rows}
        removed = []
        for entry in self._entries():
            if entry.is_dir() and entry.name not in referenced:
                self.discard_rows(entry)
                removed.append(entry.name)
            elif entry.name.endswith(".tmp"):
                entry.unlink(missing_ok=True)
        return removed

    def _entries(self) -> Iterator[Path]:
        return iter(sorted(self.root.iterdir()))


@dataclass(frozen=True)
class PublicationInputs:
    sources: list  # DocumentSource, one per processed document
    rejections: list[Rejection]
    inputs: dict  # document_id -> InputEntry, for the outcomes read now


def snapshot_is_current(data_dir: Path, outcomes: list[Outcome], pipeline_version: str) -> bool:
    """The published snapshot holds exactly these outcomes' inputs, made by this pipeline
    version: publishing again would give the same content."""
    from unreports.publish.snapshot import MANIFEST_FILE, read_manifest

    if not (Path(data_dir) / MANIFEST_FILE).exists():
        return False
    manifest = read_manifest(Path(data_dir))
    published = {key: entry.sha256 for key, entry in manifest.inputs.items()}
    return (manifest.code_version == pipeline_version
            and published == {o.document_id: o.source_sha256 for o in outcomes})
