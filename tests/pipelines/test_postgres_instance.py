"""The Dagster instance on a real Postgres server the tests start themselves (pgserver, or
Debian's postgresql; skipped when neither starts): the instance home's configuration,
deploy/dagster.yaml, and document runs executed concurrently against it publishing the same
content as the default SQLite instance."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import pytest

from pipelines.instance import GENERATED, POSTGRES_URL_VARIABLE, dagster_home
from pipelines.jobs import process_document_job, publish_snapshot_job
from pipelines.partitions import documents, range_tags
from tests.pipelines.burst import ROOT, content_hashes, start_run, write_notes
from tests.pipelines.postgres import create_database, postgres_server

DEPLOY_CONFIG = ROOT / "deploy" / "dagster.yaml"
# pgserver (through platformdirs) warns that XDG_RUNTIME_DIR is unset.
pytestmark = pytest.mark.filterwarnings("ignore:XDG_RUNTIME_DIR")


@pytest.fixture(scope="module")
def postgres():
    with postgres_server() as found:
        if found is None:
            pytest.skip("no Postgres server could be started (pip pgserver, or Debian postgresql)")
        yield found[0]


@pytest.fixture
def database(postgres, monkeypatch) -> str:
    url = create_database(postgres)
    monkeypatch.setenv(POSTGRES_URL_VARIABLE, url)
    return url


def _storage_names(instance: dg.DagsterInstance) -> set[str]:
    return {
        type(s).__name__
        for s in (instance.run_storage, instance.event_log_storage, instance.schedule_storage)
    }


def test_the_instance_home_follows_unreports_postgres_url(tmp_path: Path, database: str, monkeypatch) -> None:
    home = dagster_home(tmp_path)
    config = (home / "dagster.yaml").read_text(encoding="utf-8")
    assert config.startswith(GENERATED) and f"env: {POSTGRES_URL_VARIABLE}" in config
    assert database not in config  # the URL (a secret) stays in the environment
    instance = dg.DagsterInstance.from_config(str(home))
    try:
        assert _storage_names(instance) == {"PostgresRunStorage", "PostgresEventLogStorage",
                                            "PostgresScheduleStorage"}
        assert instance.run_retries_enabled and not instance.telemetry_enabled
        assert instance.get_concurrency_config().pool_config.default_pool_limit == 1
        instance.add_dynamic_partitions(documents.name, ["a-80-1-en"])
        assert instance.get_dynamic_partitions(documents.name) == ["a-80-1-en"]
    finally:
        instance.dispose()

    monkeypatch.delenv(POSTGRES_URL_VARIABLE)  # our file is rewritten for SQLite ...
    assert "postgres" not in (dagster_home(tmp_path) / "dagster.yaml").read_text(encoding="utf-8")
    own = "telemetry:\n  enabled: false\n"  # ... a file someone wrote is left alone
    (home / "dagster.yaml").write_text(own, encoding="utf-8")
    monkeypatch.setenv(POSTGRES_URL_VARIABLE, database)
    assert (dagster_home(tmp_path) / "dagster.yaml").read_text(encoding="utf-8") == own
    monkeypatch.setenv(POSTGRES_URL_VARIABLE, database.replace("+psycopg2", ""))
    with pytest.raises(ValueError, match="postgresql[+]psycopg2://"):
        dagster_home(tmp_path)  # a bare postgresql:// would fail later, looking for psycopg 3


def test_the_deployment_example_loads(tmp_path: Path, database: str) -> None:
    """deploy/dagster.yaml as an instance: Postgres storage, the run queue with its limits,
    pools, run retries, telemetry off."""
    shutil.copy(DEPLOY_CONFIG, tmp_path / "dagster.yaml")
    instance = dg.DagsterInstance.from_config(str(tmp_path))
    try:
        assert _storage_names(instance) == {"PostgresRunStorage", "PostgresEventLogStorage",
                                            "PostgresScheduleStorage"}
        assert type(instance.run_coordinator).__name__ == "QueuedRunCoordinator"
        queue = instance.get_concurrency_config()
        assert queue.run_queue_config.max_concurrent_runs == 8
        assert [
            (limit["key"], limit["limit"]) for limit in queue.run_queue_config.tag_concurrency_limits
        ] == [("dagster/asset_partition_range_start", 4)]
        assert queue.pool_config.default_pool_limit == 1
        assert queue.pool_config.pool_granularity.value == "run"
        assert instance.event_log_storage.supports_global_concurrency_limits
        assert instance.run_retries_enabled and not instance.telemetry_enabled
    finally:
        instance.dispose()


@pytest.mark.slow
def test_concurrent_document_runs_on_postgres_publish_what_sqlite_publishes(
    tmp_path: Path, database: str
) -> None:
    inbox = tmp_path / "inbox"
    keys = write_notes(inbox, 24)
    keys.sort()

    # SQLite: the default instance under DATA_DIR, through `unreports run`.
    sqlite_dir = tmp_path / "sqlite"
    cli = subprocess.run(
        [sys.executable, "-c", "import sys; from pipelines.cli import main; sys.exit(main(sys.argv[1:]))",
         "run", "--inbox", str(inbox), "--data-dir", str(sqlite_dir), "--workers", "1"],
        check=False, cwd=ROOT, env={k: v for k, v in os.environ.items() if k != POSTGRES_URL_VARIABLE},
        capture_output=True, text=True, timeout=300)
    assert cli.returncode == 0, cli.stdout[-2000:] + cli.stderr[-2000:]
    assert "postgres" not in (sqlite_dir / "dagster_home" / "dagster.yaml").read_text(encoding="utf-8")

    # Postgres: two document runs over disjoint ranges, each in its own process, released at
    # once; then the publication.
    data_dir = tmp_path / "postgres"
    home = dagster_home(data_dir)
    instance = dg.DagsterInstance.from_config(str(home))
    try:
        instance.add_dynamic_partitions(documents.name, keys)
        env = {"DAGSTER_HOME": str(home), "UNREPORTS_WORKERS": "1"}
        go = tmp_path / "go"
        halves = [keys[:12], keys[12:]]
        runs = [
            start_run(process_document_job.name, data_dir, inbox, range_tags(half), env, go)
            for half in halves
        ]
        deadline = time.monotonic() + 120
        while not all(Path(f"{go}.ready").exists() for _ in runs) and time.monotonic() < deadline:
            time.sleep(0.05)
        go.touch()
        outputs = [run.communicate(timeout=300)[0] for run in runs]
        assert [run.returncode for run in runs] == [0, 0], "\n".join(o[-2000:] for o in outputs)

        records = instance.get_run_records(dg.RunsFilter(job_name=process_document_job.name))
        assert len(records) == 2 and all(r.dagster_run.status == dg.DagsterRunStatus.SUCCESS for r in records)
        first, second = sorted(records, key=lambda r: r.start_time)
        assert second.start_time < first.end_time, "the two document runs did not overlap"

        publish = start_run(publish_snapshot_job.name, data_dir, inbox, {}, env)
        output = publish.communicate(timeout=300)[0]
        assert publish.returncode == 0, output[-2000:]
        assert len(instance.get_run_records(dg.RunsFilter(job_name=publish_snapshot_job.name))) == 1
        materialized = instance.get_materialized_partitions(dg.AssetKey("processed_document"))
        assert materialized == set(keys)
    finally:
        instance.dispose()

    hashes = content_hashes(data_dir)
    assert hashes == content_hashes(sqlite_dir)
    assert len(hashes) >= 8
