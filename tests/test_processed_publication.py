"""A publication from the processed-documents store: on a snapshot that recorded its shard
stamps, only the shards changed since are listed, and the result equals a full build of
the same outcomes."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from tests.publish.conftest import renamed_corpus
from unreports import sources
from unreports.processed import STORE_DIR, ProcessedDocuments, shard_of
from unreports.publish.snapshot import (
    Delta,
    Manifest,
    publish,
    published_inputs,
    published_state,
    read_manifest,
)
from unreports.publish.tables import PUBLISHED_TABLES, DocumentTables
from unreports.records import Rejection

PIPELINE = "test-pipeline"
REJECTED_AT = datetime(2030, 1, 1, tzinfo=UTC)


@pytest.fixture(autouse=True)
def settled_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # A folder changed in the last SETTLED_SECONDS is always listed again; the tests wait
    # out the clock's tick instead (tick()).
    monkeypatch.setattr(sources, "SETTLED_SECONDS", 0.0)


def tick() -> None:
    """Let the file system's clock move on, so a change after a publication gives its
    folder another stamp (the real rule, SETTLED_SECONDS, is off in these tests)."""
    time.sleep(0.05)


def _commit(store: ProcessedDocuments, tables: DocumentTables) -> None:
    folder = store.new_rows_dir(tables.document_id)
    store.write_rows(folder, tables)
    store.commit_processed(tables.document_id, f"{tables.document_id}.pdf", tables.source_sha256, PIPELINE,
                           folder, ())


def _publish(store: ProcessedDocuments, data_dir: Path, present: set[str] | None = None) -> tuple:
    wanted = store.publication_inputs(present, data_dir)
    rejections = [(rejection, REJECTED_AT) for rejection in wanted.rejections]
    manifest = publish(wanted.documents, rejections, data_dir, code_version="t", inputs=wanted.inputs,
                       source_position=wanted.position)
    return wanted, manifest


def _rows(data_dir: Path) -> dict[str, list]:
    con = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
    try:
        return {spec.name: sorted(map(repr, con.execute(f'SELECT * FROM "{spec.name}"').fetchall()))
                for spec in PUBLISHED_TABLES if spec.name != "rejected_documents"}
    finally:
        con.close()


def _contents(manifest: Manifest) -> dict[str, str]:
    return {name: entry.content_sha256 for name, entry in manifest.tables.items()
            if name != "rejected_documents"}


def _listed_shards(store: ProcessedDocuments, monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    calls: list[set[str]] = []
    listing = store._stamps

    def recording(shards):
        shards = set(shards)
        calls.append(shards)
        return listing(shards)

    monkeypatch.setattr(store, "_stamps", recording)
    return calls


def _published_store(data_dir: Path, count: int) -> tuple[ProcessedDocuments, list[DocumentTables]]:
    """A store of `count` documents, published once, the clock moved on."""
    store = ProcessedDocuments(data_dir)
    corpus = renamed_corpus(count)
    for tables in corpus:
        _commit(store, tables)
    _publish(store, data_dir)
    tick()
    return store, corpus


def test_one_changed_document_lists_one_shard_and_equals_a_full_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = ProcessedDocuments(tmp_path / "data")
    for tables in renamed_corpus(40):
        _commit(store, tables)
    first, _ = _publish(store, tmp_path / "data")
    assert isinstance(first.documents, list) and len(first.documents) == 40  # nothing recorded yet
    tick()
    changed = renamed_corpus(40, changed=7)[7]
    _commit(store, changed)
    listed = _listed_shards(store, monkeypatch)
    versions = published_state(tmp_path / "data").versions
    wanted, manifest = _publish(store, tmp_path / "data")
    assert isinstance(wanted.documents, Delta)
    assert listed == [{shard_of(changed.document_id)}]
    assert [s.document_id for s in wanted.documents.changed if s.version != versions[s.document_id]] \
        == [changed.document_id]
    assert manifest.build == "incremental"
    full = publish(renamed_corpus(40, changed=7), [], tmp_path / "full", code_version="t")
    assert _contents(manifest) == _contents(full)
    assert _rows(tmp_path / "data") == _rows(tmp_path / "full")


def test_nothing_changed_lists_no_shard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store, _ = _published_store(tmp_path / "data", 10)
    before = read_manifest(tmp_path / "data")
    listed = _listed_shards(store, monkeypatch)
    wanted, after = _publish(store, tmp_path / "data")
    assert listed == [set()] and wanted.documents.changed == [] and wanted.documents.gone == frozenset()
    assert _contents(after) == _contents(before)


def test_withdrawn_rejected_and_absent_documents_leave(tmp_path: Path) -> None:
    store, corpus = _published_store(tmp_path / "data", 12)
    withdrawn, rejected, absent = corpus[1].document_id, corpus[4].document_id, corpus[9].document_id
    store.withdraw(withdrawn)
    store.commit_rejected(rejected, Rejection(f"{rejected}.pdf", "e" * 64, "encrypted", "locked"), PIPELINE)
    present = {t.document_id for t in corpus} - {absent}
    wanted, manifest = _publish(store, tmp_path / "data", present)
    assert isinstance(wanted.documents, Delta) and manifest.build == "incremental"
    assert set(manifest.withdrawn) == {withdrawn, absent}
    assert published_inputs(tmp_path / "data")[rejected] == "e" * 64
    remaining = [t for t in corpus if t.document_id not in {withdrawn, rejected, absent}]
    full = publish(remaining, [], tmp_path / "full", code_version="t")
    assert _contents(manifest) == _contents(full)
    assert _rows(tmp_path / "data") == _rows(tmp_path / "full")
    # The rejected input stays rejected in the next publication, its shard unchanged.
    tick()
    _, again = _publish(store, tmp_path / "data", present)
    assert rejected in again.inputs and again.tables["rejected_documents"].row_count == 1


def test_an_input_back_in_the_inbox_unchanged_is_published_again(tmp_path: Path) -> None:
    """The daemon never withdraws: an input that leaves the inbox keeps its outcome, and
    when it comes back with the same bytes nothing is committed (no shard stamp changes)."""
    store, corpus = _published_store(tmp_path / "data", 12)
    rejected = "r-000"
    store.commit_rejected(rejected, Rejection("r-000.pdf", "e" * 64, "encrypted", "locked"), PIPELINE)
    everything = {t.document_id for t in corpus} | {rejected}
    _publish(store, tmp_path / "data", everything)
    tick()
    away = corpus[3].document_id
    _, without = _publish(store, tmp_path / "data", everything - {away, rejected})
    assert set(without.withdrawn) == {away, rejected}
    tick()
    _, back = _publish(store, tmp_path / "data", everything)
    assert away in published_state(tmp_path / "data").versions and rejected in back.inputs
    publish(corpus, [], tmp_path / "full", code_version="t")
    assert _rows(tmp_path / "data") == _rows(tmp_path / "full")


def test_a_delta_on_another_snapshot_publishes_the_whole_corpus(tmp_path: Path) -> None:
    store, corpus = _published_store(tmp_path / "data", 12)
    _commit(store, renamed_corpus(12, changed=3)[3])
    wanted = store.publication_inputs(None, tmp_path / "data")
    publish(corpus[:5], [], tmp_path / "data", code_version="t")  # another publisher came first
    manifest = publish(wanted.documents, [], tmp_path / "data", code_version="t",
                       source_position=wanted.position)
    full = publish(renamed_corpus(12, changed=3), [], tmp_path / "full", code_version="t")
    assert _contents(manifest) == _contents(full)


def test_a_store_without_shards_is_moved_into_them(tmp_path: Path) -> None:
    store = ProcessedDocuments(tmp_path / "data")
    tables = renamed_corpus(1)[0]
    _commit(store, tables)
    root = tmp_path / "data" / STORE_DIR
    shard = root / shard_of(tables.document_id)
    outcome = store.outcome(tables.document_id)
    stamp = os.stat(shard / f"{tables.document_id}.json").st_ino
    for entry in list(shard.iterdir()):  # the layout before shards: everything in documents/
        entry.rename(root / entry.name)
    shard.rmdir()
    (root / f".{tables.document_id}.json.0123abcd.tmp").write_text("{")  # an interrupted commit
    # Not the store's, left where they are: a hidden folder, a file, a folder with an
    # outcome's name, a name that is not UTF-8.
    folders, files = [b".cache", b"notes.json"], [b"README", b"caf\xe9.json"]
    for name in folders:
        os.mkdir(os.fsencode(root) + b"/" + name)
    for name in files:
        with open(os.fsencode(root) + b"/" + name, "w"):
            pass
    moved = ProcessedDocuments(tmp_path / "data")
    assert moved.outcome(tables.document_id) == outcome
    assert os.stat(shard / f"{tables.document_id}.json").st_ino == stamp
    assert moved.load_tables(outcome).tables["paragraphs"].num_rows == tables.tables["paragraphs"].num_rows
    assert sorted(os.listdir(os.fsencode(root))) == sorted([shard.name.encode(), *folders, *files])
