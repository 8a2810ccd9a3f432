"""pipelines/sqlite_storage.py: the instance's SQLite event log, its databases kept open.

The instance made by pipelines.instance uses it; runs of a small partitioned asset with a
check store and read back their events, materializations and check evaluations; more run
databases than OPEN_DATABASES keep no more than that many open, and what the closed ones
hold stays readable; wipe() leaves nothing behind; and forked children (as unreports/pool.py
forks them from the process holding this storage) do not disturb the parent's writes.
"""

# No `from __future__ import annotations`: Dagster reads the assets' `context` annotations.
import gc
import logging
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest
from dagster._core.storage.asset_check_execution_record import AssetCheckExecutionRecordStatus
from sqlalchemy import text

from pipelines.instance import POSTGRES_URL_VARIABLE, dagster_home
from pipelines.sqlite_storage import OPEN_DATABASES, KeptOpenSqliteEventLogStorage
from unreports.pool import Limits, run_isolated

LETTERS = dg.StaticPartitionsDefinition(["a", "bb", "ccc"])
SHORT = dg.AssetCheckKey(dg.AssetKey("counted"), "short")


@dg.asset(partitions_def=LETTERS, check_specs=[dg.AssetCheckSpec("short", asset="counted")])
def counted(context: dg.AssetExecutionContext):
    key = context.partition_key
    context.log.info(f"counting {key}")
    yield dg.Output(len(key), metadata={"letters": len(key)})
    yield dg.AssetCheckResult(check_name="short", passed=len(key) < 3, metadata={"partition": key})


def _square(number: int) -> int:
    return number * number


@dg.asset
def squares(context: dg.AssetExecutionContext) -> dict[int, int]:
    """Work done in forked children (unreports/pool.py) while the parent logs each result."""
    found = {}
    for number, result in run_isolated(range(6), _square, Limits(wall_seconds=30), workers=2):
        context.log.info(f"square of {number}: {result}")
        found[number] = result
    return found


@pytest.fixture
def instance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dg.DagsterInstance]:
    monkeypatch.delenv(POSTGRES_URL_VARIABLE, raising=False)
    instance = dg.DagsterInstance.from_config(str(dagster_home(tmp_path)))
    try:
        yield instance
    finally:
        instance.dispose()


def _storage(instance: dg.DagsterInstance) -> KeptOpenSqliteEventLogStorage:
    storage = instance.event_log_storage
    assert isinstance(storage, KeptOpenSqliteEventLogStorage)
    return storage


def _entry(run_id: str, message: str) -> dg.EventLogEntry:
    return dg.EventLogEntry(error_info=None, level=logging.INFO, user_message=message, run_id=run_id,
                            timestamp=time.time())


def _messages(storage: KeptOpenSqliteEventLogStorage, run_id: str) -> list[str]:
    return [entry.user_message for entry in storage.get_logs_for_run(run_id)]


def _open_files(folder: Path) -> list[str]:
    """Files under `folder` this process holds open (Linux /proc), " (deleted)" ones included."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:  # closed meanwhile (the listing's own descriptor)
            continue
        if target.startswith(str(folder)):
            found.append(target)
    return found


def _open_databases(storage: KeptOpenSqliteEventLogStorage) -> set[str]:
    """Database files of the event log this process holds open (their -wal and -shm counted
    with them)."""
    return {Path(path.removesuffix(" (deleted)")).name.split(".db")[0]
            for path in _open_files(Path(storage._base_dir))}


needs_proc = pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs Linux /proc")


def test_the_instance_uses_it(instance: dg.DagsterInstance, tmp_path: Path) -> None:
    storage = _storage(instance)
    # Where Dagster's default puts it; only the event log is ours.
    assert Path(storage._base_dir) == tmp_path / "dagster_home" / "history" / "runs"
    assert type(instance.run_storage).__name__ == "SqliteRunStorage"
    storage.store_event(_entry("run-a", "first"))
    with storage.run_connection("run-a") as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
    engine = storage._engines["run-a"]
    storage.store_event(_entry("run-a", "second"))
    assert storage._engines["run-a"] is engine  # kept, not made again per statement
    # Another thread writes through the same engine (Dagster's event watchers read from threads).
    writer = threading.Thread(target=storage.store_event, args=(_entry("run-a", "from a thread"),))
    writer.start()
    writer.join()
    assert _messages(storage, "run-a") == ["first", "second", "from a thread"]


def test_partitioned_runs_store_and_read_back(instance: dg.DagsterInstance) -> None:
    runs = {}
    for key in ("a", "ccc"):
        result = dg.materialize([counted], instance=instance, partition_key=key)
        assert result.success
        runs[key] = result.run_id
    storage = _storage(instance)
    assert {*runs.values(), "index"} <= set(storage._engines)

    for key, run_id in runs.items():
        logs = instance.all_logs(run_id)
        assert f"counting {key}" in [entry.user_message for entry in logs]
        types = [entry.dagster_event_type for entry in logs if entry.is_dagster_event]
        for expected in (dg.DagsterEventType.RUN_START, dg.DagsterEventType.ASSET_MATERIALIZATION,
                         dg.DagsterEventType.ASSET_CHECK_EVALUATION, dg.DagsterEventType.RUN_SUCCESS):
            assert types.count(expected) == 1, (key, expected)
        assert types[-1] == dg.DagsterEventType.RUN_SUCCESS
        assert instance.get_run_by_id(run_id).status == dg.DagsterRunStatus.SUCCESS

    # The cross-run index: materializations and check evaluations, each from its run.
    assert instance.get_materialized_partitions(dg.AssetKey("counted")) == {"a", "ccc"}
    records = instance.fetch_materializations(dg.AssetKey("counted"), limit=10).records
    assert {(r.run_id, r.partition_key, r.asset_materialization.metadata["letters"].value)
            for r in records} == {(runs["a"], "a", 1), (runs["ccc"], "ccc", 3)}
    history = storage.get_asset_check_execution_history(SHORT, limit=10)
    assert {(h.run_id, h.status, h.event.asset_check_evaluation.passed) for h in history} == {
        (runs["a"], AssetCheckExecutionRecordStatus.SUCCEEDED, True),
        (runs["ccc"], AssetCheckExecutionRecordStatus.FAILED, False),
    }


@needs_proc
def test_at_most_open_databases_engines_and_the_closed_ones_stay_readable(
    instance: dg.DagsterInstance,
) -> None:
    storage = _storage(instance)
    run_ids = [f"run-{number:02d}" for number in range(OPEN_DATABASES + 5)]
    for round_ in range(2):
        for run_id in run_ids:
            storage.store_event(_entry(run_id, f"{run_id} {round_}"))
            assert len(storage._engines) <= OPEN_DATABASES
            assert len(_open_databases(storage)) <= OPEN_DATABASES
    assert list(storage._engines) == run_ids[-OPEN_DATABASES:]  # the least recently used closed
    assert run_ids[0] not in _open_databases(storage)

    # The oldest open database, used again, becomes the most recent: the next one opened
    # closes the one after it.
    oldest, next_oldest = run_ids[-OPEN_DATABASES], run_ids[-OPEN_DATABASES + 1]
    assert _messages(storage, oldest) == [f"{oldest} 0", f"{oldest} 1"]
    storage.store_event(_entry("run-new", "new"))
    assert oldest in storage._engines and next_oldest not in storage._engines
    assert next_oldest not in _open_databases(storage)
    for run_id in run_ids:
        assert _messages(storage, run_id) == [f"{run_id} 0", f"{run_id} 1"]
        assert len(_open_databases(storage)) <= OPEN_DATABASES
    assert _messages(storage, "run-new") == ["new"]
    assert sorted(storage.get_all_run_ids()) == sorted([*run_ids, "run-new"])


@needs_proc
def test_wipe(instance: dg.DagsterInstance) -> None:
    storage = _storage(instance)
    run_id = dg.materialize([counted], instance=instance, partition_key="bb").run_id
    for number in range(3):
        storage.store_event(_entry(f"run-{number}", "before the wipe"))
    base = Path(storage._base_dir)
    assert len(list(base.glob("*.db"))) == 5  # the index, the run's, three more

    instance.wipe()
    assert [path.name for path in base.glob("*.db")] == ["index.db"]
    assert not [path for path in _open_files(base) if path.endswith(" (deleted)")]
    assert _messages(storage, "run-1") == [] and instance.all_logs(run_id) == []
    assert instance.get_materialized_partitions(dg.AssetKey("counted")) == set()
    assert storage.get_asset_check_execution_history(SHORT, limit=10) == []

    storage.store_event(_entry("run-1", "after the wipe"))  # the same run database, made anew
    assert _messages(storage, "run-1") == ["after the wipe"]
    assert dg.materialize([counted], instance=instance, partition_key="a").success
    assert instance.get_materialized_partitions(dg.AssetKey("counted")) == {"a"}


def test_forked_children_leave_the_parents_writes_alone(instance: dg.DagsterInstance) -> None:
    storage = _storage(instance)
    storage.store_event(_entry("run-a", "before the forks"))
    instance.report_runless_asset_event(dg.AssetMaterialization("noted"))
    children = ("exits", "collects garbage", "disposes its copy")
    for child in children:  # what a pool worker may do with the storage it inherited
        pid = os.fork()
        if pid == 0:
            try:
                if child == "collects garbage":
                    gc.collect()
                elif child == "disposes its copy":
                    storage.dispose()
            finally:
                os._exit(0)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0, child

        storage.store_event(_entry("run-a", f"after a child that {child}"))
        storage.store_event(_entry(f"run-{child}", "in another run"))
        instance.report_runless_asset_event(dg.AssetMaterialization("noted"))
        assert _messages(storage, f"run-{child}") == ["in another run"]
    assert _messages(storage, "run-a") == ["before the forks", *(f"after a child that {c}" for c in children)]
    assert len(instance.fetch_materializations(dg.AssetKey("noted"), limit=10).records) == 1 + len(children)
    with storage.run_connection("run-a") as connection:
        assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def test_a_run_forking_workers_while_logging(instance: dg.DagsterInstance) -> None:
    """The parent stores each result's event while its other children still run."""
    result = dg.materialize([squares], instance=instance)
    assert result.success
    assert result.output_for_node("squares") == {n: n * n for n in range(6)}
    messages = [entry.user_message for entry in instance.all_logs(result.run_id)]
    assert sorted(m for m in messages if m.startswith("square of")) == sorted(
        f"square of {n}: {n * n}" for n in range(6))
    assert dg.materialize([counted], instance=instance, partition_key="a").success  # and after
    assert instance.get_materialized_partitions(dg.AssetKey("counted")) == {"a"}
