"""Snapshots: readable by every reader, deterministic, atomic under faults and readers.

pandas and pyarrow.dataset are imported inside the tests that use them: the analyst
process is spawned from this module and should start in well under a second.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from unreports.publish import Manifest, PublishError, current_snapshot_id, publish, read_manifest
from unreports.publish.snapshot import STAGES, published_inputs
from unreports.publish.tables import LANGUAGE_COLUMN, PUBLISHED_TABLES, RUN_TABLES, sql_files

TABLE_NAMES = [spec.name for spec in PUBLISHED_TABLES]
PUBLISHES = 5
ANALYST_TIME_LIMIT_S = 30.0  # hard stop for the reader process; normally told to stop in ~2 s
WAIT_S = 30.0  # generous: a spawned interpreter must import duckdb and pyarrow first
READS_PER_PUBLISH = 3


def _ddl_types() -> dict[str, dict[str, str]]:
    con = duckdb.connect()
    for script in sql_files():
        con.execute(script.read_text(encoding="utf-8"))
    types: dict[str, dict[str, str]] = {}
    for table, column, kind in con.execute(
        "SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE NOT internal "
        "ORDER BY column_index"
    ).fetchall():
        types.setdefault(table, {})[column] = kind
    return types


def _parquet_types(spec_name: str) -> dict[str, str]:
    """Published columns as Parquet readers see them: the DDL plus the language partition."""
    types = dict(_ddl_types()[spec_name])
    if spec_name not in {spec.name for spec in RUN_TABLES}:  # no language: one file each
        types.setdefault(LANGUAGE_COLUMN, "VARCHAR")
    return types


def _snapshot_dirs(data_dir: Path) -> list[str]:
    return sorted(p.name for p in (data_dir / "snapshots").iterdir())


def test_layout_is_relative_symlinks_through_current(published) -> None:
    data_dir, manifest = published
    assert os.readlink(data_dir / "current") == f"snapshots/{manifest.snapshot_id}"
    for name in ("warehouse.duckdb", "parquet", "manifest.json"):
        assert os.readlink(data_dir / name) == f"current/{name}"
    assert _snapshot_dirs(data_dir) == [manifest.snapshot_id]
    assert read_manifest(data_dir) == manifest
    assert current_snapshot_id(data_dir) == manifest.snapshot_id
    stamp, digest = manifest.snapshot_id.split("-")
    assert stamp.endswith("Z") and len(digest) == 12 and manifest.content_sha256.startswith(digest)


def test_duckdb_read_only_matches_manifest_and_ddl(published) -> None:
    data_dir, manifest = published
    ddl = _ddl_types()
    con = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT * FROM snapshot").fetchall()[0][0] == manifest.snapshot_id
        for spec in PUBLISHED_TABLES:
            entry = manifest.tables[spec.name]
            assert con.execute(f'SELECT count(*) FROM "{spec.name}"').fetchall() == [(entry.row_count,)]
            assert entry.schema == ddl[spec.name]
            key = ", ".join(f'"{c}"' for c in spec.primary_key)
            dupes = con.execute(
                f'SELECT {key} FROM "{spec.name}" GROUP BY ALL HAVING count(*) > 1'
            ).fetchall()
            assert dupes == [], spec.name
        with pytest.raises(duckdb.Error):
            con.execute("DELETE FROM documents")
    finally:
        con.close()


@pytest.mark.parametrize("empty", [False, True], ids=["data", "empty"])
def test_parquet_readers_agree_with_the_ddl(tmp_path: Path, inputs, empty: bool) -> None:
    import pandas as pd
    import pyarrow as pa
    import pyarrow.dataset as ds

    data_dir = tmp_path / "data"
    manifest = publish(*(([], []) if empty else inputs), data_dir, code_version="test")
    for spec in PUBLISHED_TABLES:
        folder = data_dir / "parquet" / spec.name
        rows = manifest.tables[spec.name].row_count
        expected = _parquet_types(spec.name)

        frame = pd.read_parquet(folder)
        assert len(frame) == rows and set(frame.columns) == set(expected), spec.name

        dataset = ds.dataset(folder, format="parquet", partitioning="hive")
        assert dataset.count_rows() == rows
        for column in spec.columns:
            assert dataset.schema.field(column).type == spec.schema.field(column).type, (spec.name, column)
        if LANGUAGE_COLUMN in expected:
            assert dataset.schema.field(LANGUAGE_COLUMN).type == pa.string()

        relation = f"read_parquet('{folder}/**/*.parquet', hive_partitioning = true)"
        described = duckdb.execute(
            f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {relation})"
        )
        assert dict(described.fetchall()) == expected, spec.name
        assert duckdb.execute(f"SELECT count(*) FROM {relation}").fetchall() == [(rows,)]
    if not empty:
        languages = duckdb.execute(
            f"SELECT DISTINCT language FROM read_parquet('{data_dir}/parquet/paragraphs/**/*.parquet', "
            "hive_partitioning = true) ORDER BY 1"
        ).fetchall()
        assert languages == [("ar",), ("en",)]


def test_parquet_values_equal_duckdb_values(published) -> None:
    data_dir, _ = published
    con = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
    try:
        for spec in PUBLISHED_TABLES:
            order = ", ".join(f'"{c}"' for c in spec.primary_key)
            columns = ", ".join(f'"{c}"' for c in spec.columns)
            stored = con.execute(f'SELECT {columns} FROM "{spec.name}" ORDER BY {order}').fetchall()
            parquet = duckdb.execute(
                f"SELECT {columns} FROM read_parquet('{data_dir}/parquet/{spec.name}/**/*.parquet', "
                f"hive_partitioning = true) ORDER BY {order}"
            ).fetchall()
            assert parquet == stored, spec.name
    finally:
        con.close()


def test_same_input_gives_same_content_and_bytes(tmp_path: Path, inputs) -> None:
    first = publish(*inputs, tmp_path / "one", code_version="test")
    again = publish(*inputs, tmp_path / "one", code_version="test")
    elsewhere = publish(*inputs, tmp_path / "two", code_version="other")
    assert len({first.snapshot_id, again.snapshot_id, elsewhere.snapshot_id}) == 3
    assert first.content_sha256 == again.content_sha256 == elsewhere.content_sha256
    for spec in PUBLISHED_TABLES:
        a, b, c = (m.tables[spec.name] for m in (first, again, elsewhere))
        assert a.content_sha256 == b.content_sha256 == c.content_sha256
        assert a.files == b.files == c.files  # paths, sha256, sizes and row counts
    for entry in first.tables["paragraphs"].files:
        one = (tmp_path / "one/snapshots" / first.snapshot_id / entry.path).read_bytes()
        two = (tmp_path / "two/snapshots" / elsewhere.snapshot_id / entry.path).read_bytes()
        assert one == two
    # Each published document's input is named in index.parquet, not in the manifest.
    expected = {bundle.source.document_id: bundle.source.source_sha256 for bundle in inputs[0]}
    assert published_inputs(tmp_path / "one") == expected


def test_changed_input_changes_only_the_tables_it_touches(tmp_path: Path, make_inputs) -> None:
    before = publish(*make_inputs(0), tmp_path, code_version="test")
    after = publish(*make_inputs(1), tmp_path, code_version="test")
    changed = {n for n in TABLE_NAMES if before.tables[n].content_sha256 != after.tables[n].content_sha256}
    assert changed == {"paragraphs"}


@pytest.mark.parametrize("stage", STAGES)
def test_fault_before_switch_keeps_the_previous_snapshot(tmp_path: Path, make_inputs, stage: str) -> None:
    data_dir = tmp_path / "data"
    old = publish(*make_inputs(0), data_dir, code_version="test")
    old_bytes = {e.path: e.sha256 for spec in PUBLISHED_TABLES for e in old.tables[spec.name].files}

    def crash(at: str) -> None:
        if at == stage:
            raise RuntimeError(f"injected at {at}")

    with pytest.raises(RuntimeError, match="injected"):
        publish(*make_inputs(3), data_dir, code_version="test", fault_hook=crash)

    assert current_snapshot_id(data_dir) == old.snapshot_id
    assert _snapshot_dirs(data_dir) == [old.snapshot_id]  # staging (or the renamed folder) removed
    assert read_manifest(data_dir) == old
    con = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT snapshot_id FROM snapshot").fetchall() == [(old.snapshot_id,)]
        assert con.execute("SELECT count(*) FROM paragraphs").fetchall() == [
            (old.tables["paragraphs"].row_count,)
        ]
    finally:
        con.close()
    reread = publish(*make_inputs(0), tmp_path / "check", code_version="test")
    assert {
        e.path: e.sha256 for spec in PUBLISHED_TABLES for e in reread.tables[spec.name].files
    } == old_bytes


def test_fault_in_the_first_publish_leaves_nothing(tmp_path: Path, inputs) -> None:
    def crash(at: str) -> None:
        raise KeyboardInterrupt  # also BaseException: a Ctrl-C must not leave half a snapshot

    with pytest.raises(KeyboardInterrupt):
        publish(*inputs, tmp_path, code_version="test", fault_hook=crash)
    assert _snapshot_dirs(tmp_path) == []
    assert not os.path.lexists(tmp_path / "current")
    assert not os.path.lexists(tmp_path / "warehouse.duckdb")


def _drop_rows(staging: Path) -> None:
    import pyarrow.parquet as pq

    for part in (staging / "parquet" / "paragraphs").rglob("*.parquet"):
        pq.write_table(pq.read_table(part).slice(0, 1), part)


def _move_partition(staging: Path) -> None:
    folder = staging / "parquet" / "paragraphs"
    (folder / "language=ar").rename(folder / "language=fr")


def _empty_warehouse_table(staging: Path) -> None:
    con = duckdb.connect(str(staging / "warehouse.duckdb"))
    try:
        con.execute("DELETE FROM paragraphs")
        con.execute("CHECKPOINT")
    finally:
        con.close()


@pytest.mark.parametrize("damage", [_drop_rows, _move_partition, _empty_warehouse_table],
                         ids=["rows-lost", "wrong-partition", "warehouse-rows-lost"])
def test_validation_catches_a_damaged_staged_file(tmp_path: Path, make_inputs, damage) -> None:
    old = publish(*make_inputs(0), tmp_path, code_version="test")

    def hook(at: str) -> None:
        if at == "staged":
            [staging] = (tmp_path / "snapshots").glob(".staging-*")
            damage(staging)

    with pytest.raises(PublishError, match="paragraphs"):
        publish(*make_inputs(1), tmp_path, code_version="test", fault_hook=hook)
    assert current_snapshot_id(tmp_path) == old.snapshot_id
    assert _snapshot_dirs(tmp_path) == [old.snapshot_id]


def test_bad_input_fails_before_anything_is_written(tmp_path: Path, inputs) -> None:
    old = publish(*inputs, tmp_path, code_version="test")
    bundles, rejections = inputs
    with pytest.raises(ValueError):
        publish([bundles[0], bundles[0]], rejections, tmp_path, code_version="test")
    assert _snapshot_dirs(tmp_path) == [old.snapshot_id]


def test_stale_staging_is_removed_and_real_files_are_not_replaced(tmp_path: Path, inputs) -> None:
    stale = tmp_path / "snapshots" / ".staging-20000101T000000000000Z-abc"
    stale.mkdir(parents=True)
    manifest = publish(*inputs, tmp_path, code_version="test")
    assert _snapshot_dirs(tmp_path) == [manifest.snapshot_id]

    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "warehouse.duckdb").write_text("an analyst's own file")
    with pytest.raises(PublishError, match="not a symlink"):
        publish(*inputs, other, code_version="test")
    assert (other / "warehouse.duckdb").read_text() == "an analyst's own file"


@pytest.mark.parametrize("keep", [1, 2, 3])
def test_pruning_keeps_exactly_keep_snapshots(tmp_path: Path, make_inputs, keep: int) -> None:
    ids = [
        publish(*make_inputs(i), tmp_path, code_version="test", keep_snapshots=keep).snapshot_id
        for i in range(4)
    ]
    assert ids == sorted(ids)  # ids sort by creation time
    assert _snapshot_dirs(tmp_path) == ids[-keep:]
    assert current_snapshot_id(tmp_path) == ids[-1]
    with pytest.raises(ValueError):
        publish(*make_inputs(0), tmp_path, code_version="test", keep_snapshots=0)


# --- an analyst reading while the pipeline publishes -------------------------------------


def _count_sql() -> str:
    counts = ", ".join(f'(SELECT count(*) FROM "{name}")' for name in TABLE_NAMES)
    return f"SELECT (SELECT min(snapshot_id) FROM snapshot), (SELECT count(*) FROM snapshot), {counts}"


def _analyst(data_dir: str, hold: bool, stop: Any, seen: Any, reads: Any, results: Any) -> None:
    """Runs in a spawned process: query counts in a loop until told to stop.

    hold=False opens the warehouse afresh for every read (follows the switch); hold=True
    keeps one connection for the whole run (stays on its snapshot).
    """
    path = str(Path(data_dir) / "warehouse.duckdb")
    sql = _count_sql()
    errors: list[str] = []
    observed: dict[str, set[tuple[int, ...]]] = {}
    last = None
    con = None
    deadline = time.monotonic() + ANALYST_TIME_LIMIT_S
    while not stop.is_set() and time.monotonic() < deadline:
        try:
            if con is None:
                # One thread: a tight loop must not starve the publisher on a small CI box.
                con = duckdb.connect(path, read_only=True, config={"threads": 1})
            row = con.execute(sql).fetchall()[0]
        except Exception as error:  # noqa: BLE001  any error breaks the publisher's promise
            errors.append(repr(error))
            row = None
        finally:
            if con is not None and (not hold or row is None):
                con.close()
                con = None
        if row is None:
            continue
        observed.setdefault(row[0], set()).add(tuple(row[1:]))
        with reads.get_lock():
            reads.value += 1
        if row[0] != last:
            seen.put(row[0])
            last = row[0]
    if con is not None:
        con.close()
    results.put({"errors": errors[:10], "error_count": len(errors), "observed": observed})


def _expected_counts(manifest: Manifest) -> tuple[int, ...]:
    return (1, *(manifest.tables[name].row_count for name in TABLE_NAMES))


def _wait_until_seen(seen: Any, snapshot_id: str) -> bool:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        try:
            if seen.get(timeout=0.1) == snapshot_id:
                return True
        except queue.Empty:
            pass
    return False


def _wait_for_reads(reads: Any, after: int) -> None:
    deadline = time.monotonic() + WAIT_S
    while reads.value < after + READS_PER_PUBLISH and time.monotonic() < deadline:
        time.sleep(0.005)


@pytest.mark.parametrize("hold", [False, True], ids=["fresh-connection", "held-connection"])
def test_analyst_never_sees_errors_or_mixed_snapshots(tmp_path: Path, make_inputs, hold: bool) -> None:
    data_dir = tmp_path / "data"
    # keep=2 with a held connection: its snapshot folder is deleted while it is open.
    keep = 2 if hold else 3
    first = publish(*make_inputs(0), data_dir, code_version="test", keep_snapshots=keep)
    manifests = {first.snapshot_id: first}
    context = multiprocessing.get_context("spawn")
    stop, seen, results = context.Event(), context.Queue(), context.Queue()
    reads = context.Value("i", 0)
    reader = context.Process(
        target=_analyst, args=(str(data_dir), hold, stop, seen, reads, results), daemon=True
    )
    reader.start()
    try:
        assert _wait_until_seen(seen, first.snapshot_id), "analyst did not start"
        for i in range(1, PUBLISHES + 1):
            before = reads.value
            manifest = publish(*make_inputs(i), data_dir, code_version="test", keep_snapshots=keep)
            manifests[manifest.snapshot_id] = manifest
            if hold:
                _wait_for_reads(reads, before)
            else:  # a fresh connection must find the new snapshot
                assert _wait_until_seen(seen, manifest.snapshot_id), f"publish {i} never seen"
    finally:
        stop.set()
        outcome = results.get(timeout=WAIT_S)
        reader.join(timeout=WAIT_S)

    assert outcome["error_count"] == 0, outcome["errors"]
    observed = outcome["observed"]
    for snapshot_id, counts in observed.items():
        assert counts == {_expected_counts(manifests[snapshot_id])}, snapshot_id  # one snapshot per read
    if hold:
        assert set(observed) == {first.snapshot_id}
        assert first.snapshot_id not in _snapshot_dirs(data_dir)  # pruned under the open connection
    else:
        assert set(observed) == set(manifests)
    assert reads.value >= PUBLISHES * READS_PER_PUBLISH


def test_the_snapshot_names_the_commit_it_was_built_from(tmp_path: Path, inputs, monkeypatch) -> None:
    """Provenance: manifest.json and the snapshot table carry the git commit (from a
    checkout) beside the pipeline version, and nothing when there is no checkout."""
    import unreports.publish.snapshot as snapshot_module

    for commit in ("0123456789ab", None):
        monkeypatch.setattr(snapshot_module, "commit", lambda commit=commit: commit)
        data_dir = tmp_path / str(commit)
        manifest = publish(*inputs, data_dir, code_version="test")
        assert manifest.commit == commit
        assert Manifest.from_json((data_dir / "manifest.json").read_text(encoding="utf-8")).commit == commit
        con = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
        try:
            recorded = con.execute("SELECT code_version, git_commit FROM snapshot").fetchall()
            assert recorded == [("test", commit)]
        finally:
            con.close()
