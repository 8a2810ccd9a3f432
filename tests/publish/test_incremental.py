"""Incremental publication: a snapshot built on the previous one has the content a full
build of the same input has, links unchanged files, and falls back to a full build when
a published file was changed."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from tests.publish.conftest import build_inputs
from tests.publish.conftest import renamed_corpus as _corpus
from unreports.publish import publish, read_manifest
from unreports.publish import snapshot as snapshot_module
from unreports.publish.snapshot import DocumentSource, verify_snapshot
from unreports.publish.tables import PUBLISHED_TABLES


def _contents(manifest):
    return {name: entry.content_sha256 for name, entry in manifest.tables.items()}


def _rows(data_dir: Path) -> dict[str, list]:
    con = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
    try:
        return {spec.name: sorted(map(repr, con.execute(f'SELECT * FROM "{spec.name}"').fetchall()))
                for spec in PUBLISHED_TABLES}
    finally:
        con.close()


@pytest.fixture(autouse=True)
def small_segments(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshot_module, "SEGMENT_DOCUMENTS", 4)
    monkeypatch.setattr(snapshot_module, "SMALL_SEGMENTS_MERGED", 3)


def test_one_change_equals_a_full_build(tmp_path: Path) -> None:
    _, rejections = build_inputs()
    first = publish(_corpus(12), rejections, tmp_path / "inc", code_version="t")
    assert first.build == "full"
    changed = publish(_corpus(12, changed=5), rejections, tmp_path / "inc", code_version="t")
    assert changed.build == "incremental"
    full = publish(_corpus(12, changed=5), rejections, tmp_path / "full", code_version="t")
    assert full.build == "full"
    assert _contents(changed) == _contents(full) != _contents(first)
    assert _rows(tmp_path / "inc") == _rows(tmp_path / "full")
    assert verify_snapshot(tmp_path / "inc") == []
    # Unchanged segments are the previous snapshot's files (hard links), entries reused.
    old = {e.path: e for e in first.tables["paragraphs"].files}
    linked = [e for e in changed.tables["paragraphs"].files if old.get(e.path) == e]
    assert linked
    folder = tmp_path / "inc" / "snapshots"
    for entry in linked:
        assert os.path.samefile(
            folder / first.snapshot_id / entry.path, folder / changed.snapshot_id / entry.path
        )
    # No row counted twice through the analysts' glob.
    counted = duckdb.sql(
        f"SELECT count(*) FROM read_parquet('{tmp_path}/inc/parquet/paragraphs/**/*.parquet', "
        "hive_partitioning = true)").fetchall()
    assert counted == [(changed.tables["paragraphs"].row_count,)]


def test_withdrawn_and_many_small_changes_stay_equal_to_a_full_build(tmp_path: Path) -> None:
    docs = _corpus(12)
    publish(docs, [], tmp_path / "inc", code_version="t")
    for step in range(5):  # one change at a time: small segments pile up, then merge
        docs = _corpus(12, changed=step)
        manifest = publish(docs, [], tmp_path / "inc", code_version="t")
        assert manifest.build == "incremental"
    fewer = docs[:3] + docs[4:]
    manifest = publish(fewer, [], tmp_path / "inc", code_version="t")
    assert manifest.build == "incremental"
    assert docs[3].document_id in manifest.withdrawn
    full = publish(fewer, [], tmp_path / "full", code_version="t")
    assert _contents(manifest) == _contents(full)
    assert _rows(tmp_path / "inc") == _rows(tmp_path / "full")
    files = len(manifest.tables["paragraphs"].files)
    assert files <= 2 * len(full.tables["paragraphs"].files) + 4


def test_sources_are_read_only_when_their_version_changed(tmp_path: Path) -> None:
    docs = _corpus(8)
    loads: list[str] = []

    def source(tables, version: str) -> DocumentSource:
        return DocumentSource(tables.document_id, version, lambda: loads.append(tables.document_id) or tables)

    publish([source(d, "1") for d in docs], [], tmp_path, code_version="t")
    loads.clear()
    changed = _corpus(8, changed=2)
    manifest = publish([source(d, "2" if i == 2 else "1") for i, d in enumerate(changed)], [], tmp_path,
                       code_version="t")
    assert loads == [changed[2].document_id] and manifest.build == "incremental"


def test_a_changed_published_file_makes_the_next_publish_a_full_build(tmp_path: Path) -> None:
    docs = _corpus(8)
    first = publish(docs, [], tmp_path, code_version="t")
    entry = first.tables["paragraphs"].files[0]
    path = tmp_path / "current" / entry.path
    data = path.read_bytes()
    path.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # same size, later mtime
    assert verify_snapshot(tmp_path)
    again = publish(_corpus(8, changed=1), [], tmp_path, code_version="t")
    assert again.build == "full"
    assert verify_snapshot(tmp_path) == []
    assert read_manifest(tmp_path) == again
