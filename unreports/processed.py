"""The processed-documents store: the one record of what has been processed.

Each document's outcome (processed or rejected, for which input bytes and which pipeline
version) and its rows live here, under DATA_DIR/documents. The command line, the inbox
sensor and the publication all read this store, so switching between `unreports run` and
the daemon never processes a document twice, and a publication reads rows a document at a
time from files instead of holding run outputs.

    documents/<shard>/<document_id>.json       the outcome (written last, atomically: the commit)
    documents/<shard>/<document_id>.<token>/   <table>.arrow for each per-document table (Arrow IPC)

A rows folder no outcome points at is an interrupted run's leftover; `prune` removes it.

Documents are spread over SHARDS folders by a hash of their id. Every commit and withdrawal
adds, replaces or removes an entry in its shard's folder, which changes that folder's
modification time, so a publication lists only the shards whose folder stamp differs from
the one it recorded last time (`publication_inputs`): one changed document in a corpus of
100,000 costs one folder of a few hundred entries, not a stat of every outcome.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import secrets
import shutil
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

import pyarrow as pa

from unreports.publish.tables import DOCUMENT_TABLES, DocumentTables
from unreports.records import Rejection
from unreports.sources import file_stamp, sha256_of

STORE_DIR = "documents"
SHARDS = 256  # 100,000 documents: ~400 per folder; 1,000: a few, and 256 folder stats
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


def shard_of(document_id: str) -> str:
    """The folder of a document's outcome and rows: two hex digits of a CRC of its id."""
    return f"{zlib.crc32(document_id.encode()) % SHARDS:02x}"


# Entries of a store written before shards: `<id>.json`, `<id>.<12 hex>/` and a commit's
# temporary `.<id>.json.<8 hex>.tmp` (document ids are [a-z0-9-], sources.document_id_for).
_FLAT_ENTRY = re.compile(r"(?P<id>[a-z0-9][a-z0-9-]*)\.(?P<kind>json|[0-9a-f]{12})")
_TEMPORARY = re.compile(r"\.[a-z0-9][a-z0-9-]*\.json\.[0-9a-f]{8}\.tmp")


def _is_shard(name: str) -> bool:
    return len(name) == 2 and all(c in "0123456789abcdef" for c in name)


def _commit_stamp(status: os.stat_result) -> str:
    """An outcome file's inode, mtime and size: every commit replaces the file (a new inode)."""
    return f"{status.st_ino}-{status.st_mtime_ns}-{status.st_size}"


class ProcessedDocuments:
    def __init__(self, data_dir: Path) -> None:
        self.root = Path(data_dir).absolute() / STORE_DIR
        self._move_into_shards()

    def _outcome_path(self, document_id: str) -> Path:
        return self.root / shard_of(document_id) / f"{document_id}.json"

    def _rows_path(self, document_id: str, rows: str) -> Path:
        return self.root / shard_of(document_id) / rows

    def _move_into_shards(self) -> None:
        """A store written before shards kept every entry in `documents/`: move each
        outcome and rows folder into its shard once (a rename: the outcome's commit stamp
        stays the same), remove interrupted commits' temporary files. Anything else is
        left where it is."""
        try:
            with os.scandir(self.root) as entries:
                flat = [(entry.name, entry.is_file(follow_symlinks=False)) for entry in entries
                        if not _is_shard(entry.name)]
        except FileNotFoundError:
            return
        for name, is_file in flat:
            if is_file and _TEMPORARY.fullmatch(name):
                (self.root / name).unlink(missing_ok=True)
                continue
            entry = _FLAT_ENTRY.fullmatch(name)
            if entry is None or is_file != (entry["kind"] == "json"):
                continue
            target = self.root / shard_of(entry["id"]) / name
            target.parent.mkdir(exist_ok=True)
            # Moved by another process meanwhile, or a non-empty folder of that name already
            # there: left as it is.
            with contextlib.suppress(OSError):
                os.rename(self.root / name, target)

    def _shards(self) -> list[str]:
        try:
            with os.scandir(self.root) as entries:
                return sorted(entry.name for entry in entries
                              if _is_shard(entry.name) and entry.is_dir(follow_symlinks=False))
        except FileNotFoundError:
            return []

    def outcome(self, document_id: str) -> Outcome | None:
        path = self._outcome_path(document_id)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        raw["warnings"] = tuple(raw.get("warnings", ()))
        return Outcome(**raw)

    def outcomes(self) -> dict[str, Outcome]:
        found = {}
        for key in sorted(self._stamps(self._shards())):
            outcome = self.outcome(key)
            if outcome is not None:
                found[outcome.document_id] = outcome
        return found

    def _stamps(self, shards: Iterable[str]) -> dict[str, str]:
        """document_id -> commit stamp of its outcome, for the documents in `shards`: a
        listing and a stat per document, no file read."""
        found = {}
        for shard in shards:
            try:
                entries = os.scandir(self.root / shard)
            except FileNotFoundError:
                continue
            with entries:
                for entry in entries:
                    if entry.name.endswith(".json") and not entry.name.startswith("."):
                        try:
                            found[entry.name[:-len(".json")]] = _commit_stamp(entry.stat())
                        except FileNotFoundError:  # withdrawn meanwhile
                            continue
        return found

    def shard_stamps(self) -> dict[str, str | None]:
        """shard -> its folder's stamp; None for a folder changed in the last
        SETTLED_SECONDS (a second change within the same clock tick could leave the stamp
        as it was, so such a shard is listed again next time)."""
        found: dict[str, str | None] = {}
        for shard in self._shards():
            try:
                found[shard] = file_stamp(self.root / shard)
            except FileNotFoundError:
                continue
        return found

    def publication_inputs(self, present: set[str] | None, data_dir: Path) -> PublicationInputs:
        """What a publication of the current outcomes needs, for the documents in `present`
        (every one: None). On a snapshot that recorded its shard stamps, only the shards
        whose folder changed since are listed, plus the outcomes of its rejected inputs and
        of inputs in `present` it does not hold, and only changed outcomes are read: the
        result is a Delta on that snapshot. Without one, every outcome is listed (a stat
        each) and read only when its stamp is not the published version. Rejected
        outcomes are read every time (their rows are rebuilt; there are few)."""
        from unreports.publish.snapshot import Delta, published_state

        stamps_now = self.shard_stamps()  # before listing: a commit while listing changes them again
        position = json.dumps({k: v for k, v in stamps_now.items() if v is not None},
                              sort_keys=True, separators=(",", ":"))
        published = published_state(data_dir)
        recorded = _recorded_stamps(published.source_position) if published else None
        if published is None or recorded is None:
            read = self._read(self._stamps(stamps_now), present, published.versions if published else {})
            return PublicationInputs(read.sources, read.rejections, read.inputs, position)
        changed = {shard for shard, stamp in stamps_now.items()
                   if stamp is None or recorded.get(shard) != stamp}
        changed |= set(recorded) - set(stamps_now)
        listed = self._stamps(changed)
        # Outcomes the shard stamps cannot tell about: rejected inputs (rebuilt every time),
        # and inputs in `present` the snapshot does not hold (one that left the inbox and
        # came back unchanged is committed again by nobody).
        unlisted = set(published.rejected)
        if present is not None:
            unlisted |= present.difference(published.versions)
        for key in unlisted.difference(listed):
            try:
                listed[key] = _commit_stamp(self._outcome_path(key).stat())
            except FileNotFoundError:  # not processed yet, or withdrawn
                continue
        read = self._read(listed, present, published.versions)
        numbers = {int(shard, 16) for shard in changed}
        kept = {source.document_id for source in read.sources}
        gone = frozenset(  # absent from the inbox, withdrawn, or rejected now
            key for key in published.versions
            if (present is not None and key not in present)
            or (key in listed and key not in kept)
            or (key not in listed and zlib.crc32(key.encode()) % SHARDS in numbers)
        )
        everything = functools.partial(self._every_source, present, published.versions)
        delta = Delta(published.snapshot_id, read.sources, gone, everything)
        return PublicationInputs(delta, read.rejections, read.inputs, position)

    def _every_source(self, present: set[str] | None, published: dict[str, str]) -> list:
        """Every processed document (a full build, or a publication on another snapshot);
        an outcome whose stamp is its version in `published` is not read to be listed."""
        return self._read(self._stamps(self._shards()), present, published).sources

    def _read(self, stamps: dict[str, str], present: set[str] | None, published: dict[str, str]) -> _Read:
        """Sources for the processed documents among `stamps` (an outcome whose stamp is the
        published version is not read), rejections and their inputs for the rejected."""
        from unreports.publish.snapshot import DocumentSource, InputEntry

        sources, rejections, inputs = [], [], {}
        load = self._load_current
        for key, stamp in sorted(stamps.items()):
            if present is not None and key not in present:
                continue
            if published.get(key) == stamp:  # most of a corpus: published as it is
                sources.append(DocumentSource(key, stamp, functools.partial(load, key)))
                continue
            outcome = self.outcome(key)
            if outcome is None:
                continue
            if outcome.status != PROCESSED:
                inputs[key] = InputEntry(outcome.source_name, outcome.source_sha256, outcome.status)
                rejections.append(outcome.rejection())
                continue
            sources.append(DocumentSource(key, stamp, functools.partial(load, key)))
        return _Read(sources, rejections, inputs)

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
        return self.root / shard_of(document_id) / f"{document_id}.{secrets.token_hex(6)}"

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
        folder = self._rows_path(outcome.document_id, str(outcome.rows))
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
        path = self._outcome_path(outcome.document_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        previous = self.outcome(outcome.document_id)
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        temporary.write_text(json.dumps(asdict(outcome), ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(temporary, path)
        if previous is not None and previous.rows and previous.rows != outcome.rows:
            self.discard_rows(self._rows_path(outcome.document_id, previous.rows))
        return outcome

    def withdraw(self, document_id: str) -> Outcome | None:
        """Forget a document whose input is gone; the next publication leaves it out."""
        outcome = self.outcome(document_id)
        if outcome is None:
            return None
        self._outcome_path(document_id).unlink()
        if outcome.rows:
            self.discard_rows(self._rows_path(document_id, outcome.rows))
        return outcome

    def prune(self) -> list[str]:
        """Remove rows folders no outcome points at (left by an interrupted run). Call it
        only while holding the run lock: a running child's folder is not yet committed."""
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
        for shard in self._shards():
            yield from sorted((self.root / shard).iterdir())


class _Read(NamedTuple):
    sources: list  # DocumentSource
    rejections: list[Rejection]
    inputs: dict  # document_id -> InputEntry, the rejected ones


@dataclass(frozen=True)
class PublicationInputs:
    documents: Any  # list[DocumentSource] (every processed document) or a Delta on the current snapshot
    rejections: list[Rejection]
    inputs: dict  # document_id -> InputEntry, for the rejected inputs
    position: str  # the shard stamps, for the snapshot's manifest (Manifest.source_position)


def _recorded_stamps(position: str | None) -> dict[str, str] | None:
    if not position:
        return None
    try:
        recorded = json.loads(position)
    except ValueError:
        return None
    return recorded if isinstance(recorded, dict) else None


def snapshot_is_current(data_dir: Path, outcomes: list[Outcome], pipeline_version: str) -> bool:
    """The published snapshot holds exactly these outcomes' inputs, made by this pipeline
    version: publishing again would give the same content."""
    from unreports.publish.snapshot import published_inputs, read_manifest

    published = published_inputs(Path(data_dir))
    if published is None:
        return False
    return (read_manifest(Path(data_dir)).code_version == pipeline_version
            and published == {o.document_id: o.source_sha256 for o in outcomes})
