"""The processed-documents store's change detection: an input is hashed again only when
its stamp (size, times, inode) is not the one recorded with its hash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from unreports import processed as processed_module
from unreports import sources
from unreports.processed import ProcessedDocuments, processing_version
from unreports.sources import describe, file_stamp, sha256_of

PIPELINE = "test-pipeline"


def _committed(tmp_path: Path, data: bytes) -> tuple[ProcessedDocuments, Path]:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    path = inbox / "note.txt"
    path.write_bytes(data)
    store = ProcessedDocuments(tmp_path / "data")
    source = describe(path, "note")
    rows = store.new_rows_dir("note")
    store.commit_processed("note", source.source_name, source.source_sha256, PIPELINE, rows, (),
                           source_stamp=source.source_stamp)
    return store, path


def _hashes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    read: list[Path] = []

    def counting(path: Path) -> str:
        read.append(path)
        return sha256_of(path)

    monkeypatch.setattr(processed_module, "sha256_of", counting)
    return read


def test_an_unchanged_settled_file_is_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "SETTLED_SECONDS", 0.0)
    store, path = _committed(tmp_path, b"1. In 2020, 12 States became parties.\n")
    assert store.outcome("note").source_stamp == file_stamp(path) is not None
    read = _hashes(monkeypatch)
    assert store.stale({"note": path}, PIPELINE) == {}
    assert read == []
    # Another pipeline version: stale, still without reading the bytes.
    assert list(store.stale({"note": path}, "next")) == ["note"] and read == []


def test_a_changed_file_is_hashed_and_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "SETTLED_SECONDS", 0.0)
    store, path = _committed(tmp_path, b"1. In 2020, 12 States became parties.\n")
    before = path.stat().st_mtime_ns
    path.write_bytes(b"1. In 2020, 13 States became parties.\n")  # same size, new bytes
    # Within one clock tick the times could stay as they were: SETTLED_SECONDS (off here)
    # is what guards that in use; the test moves the time on itself.
    os.utime(path, ns=(before + 10**9, before + 10**9))
    read = _hashes(monkeypatch)
    assert store.stale({"note": path}, PIPELINE) == {"note": processing_version(sha256_of(path), PIPELINE)}
    assert read == [path]


def test_a_file_changed_just_now_has_no_stamp_and_is_always_hashed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "SETTLED_SECONDS", 3600.0)
    store, path = _committed(tmp_path, b"1. Text.\n")
    assert store.outcome("note").source_stamp is None and file_stamp(path) is None
    read = _hashes(monkeypatch)
    assert store.stale({"note": path}, PIPELINE) == {}
    assert read == [path]


def test_a_new_file_is_stale(tmp_path: Path) -> None:
    path = tmp_path / "new.txt"
    path.write_bytes(b"1. Text.\n")
    store = ProcessedDocuments(tmp_path / "data")
    assert store.stale({"new": path}, PIPELINE) == {"new": processing_version(sha256_of(path), PIPELINE)}
