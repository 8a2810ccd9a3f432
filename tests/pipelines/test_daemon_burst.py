"""The daemon's loop, simulated without dagster-daemon: 200 documents arriving at once lead
to at most 3 publications, and all 200 are published.

Each tick evaluates both sensors on a real (SQLite) instance as the sensor daemon does:
dynamic partitions are added, a request whose run key the sensor already used is dropped,
and every other request becomes a run started in its own process (as the default run
launcher starts it) that the next tick sees queued, running or finished. Ticks go on while
the runs work, so the publication sensor is also asked while document runs are in flight.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from dagster._core.storage.dagster_run import DagsterRun
from dagster._core.storage.tags import RUN_KEY_TAG, SENSOR_NAME_TAG

from pipelines.instance import POSTGRES_URL_VARIABLE, dagster_home
from pipelines.jobs import process_document_job, publish_snapshot_job
from pipelines.partitions import documents, range_tags
from pipelines.resources import DocumentStore
from pipelines.sensors import inbox_sensor, publish_after_processing
from tests.pipelines.burst import start_run, write_notes

DOCUMENTS = 200
TICK_SECONDS = 0.25
TIMEOUT_SECONDS = 300


class Daemon:
    """What the sensor daemon and the run launcher do with a sensor's answer."""

    def __init__(self, instance: dg.DagsterInstance, store: DocumentStore, home: Path) -> None:
        self.instance, self.store, self.home = instance, store, home
        self.running: list[subprocess.Popen] = []
        self.outputs: list[str] = []
        self.requested = {inbox_sensor.name: 0, publish_after_processing.name: 0}

    def tick(self) -> None:
        for sensor in (inbox_sensor, publish_after_processing):
            context = dg.build_sensor_context(instance=self.instance, resources={"store": self.store},
                                              sensor_name=sensor.name)
            data = sensor.evaluate_tick(context)
            for request in data.dynamic_partitions_requests or []:
                self.instance.add_dynamic_partitions(
                    request.partitions_def_name, list(request.partition_keys)
                )
            for request in data.run_requests or []:
                self._launch(sensor, request)

    def _launch(self, sensor: dg.SensorDefinition, request: dg.RunRequest) -> None:
        tags = {**request.tags, SENSOR_NAME_TAG: sensor.name, RUN_KEY_TAG: request.run_key}
        runs = dg.RunsFilter(tags={SENSOR_NAME_TAG: sensor.name, RUN_KEY_TAG: request.run_key})
        if self.instance.get_run_records(runs, limit=1):
            return  # the daemon skips a run key it already used
        self.requested[sensor.name] += 1
        self.running.append(start_run(sensor.job_name, Path(self.store.data_dir),
                                      Path(self.store.inbox_dirs[0]), tags,
                                      {"DAGSTER_HOME": str(self.home)}))
        # The daemon creates the run before its tick ends: wait until the launched process has.
        deadline = time.monotonic() + 60
        while not self.instance.get_run_records(runs, limit=1):
            assert self.running[-1].poll() is None, self.running[-1].communicate()[0][-2000:]
            assert time.monotonic() < deadline, "the launched run never appeared"
            time.sleep(0.05)

    def reap(self) -> None:
        for process in [p for p in self.running if p.poll() is not None]:
            self.outputs.append(process.communicate()[0])
            assert process.returncode == 0, self.outputs[-1][-3000:]
            self.running.remove(process)


def test_the_inbox_sensor_leaves_documents_in_flight_to_their_run(tmp_path: Path) -> None:
    """While a run covers a range, the documents it has not reached yet are not requested
    again; a range no run covers is."""
    inbox, data_dir = tmp_path / "inbox", tmp_path / "data"
    keys = sorted(write_notes(inbox, 5))
    store = DocumentStore(data_dir=str(data_dir), inbox_dirs=[str(inbox)])
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions(documents.name, keys)

        def requested() -> list[tuple[str, str]]:
            result = inbox_sensor(dg.build_sensor_context(instance=instance, resources={"store": store}))
            return [(r.partition_key_range.start, r.partition_key_range.end) for r in result.run_requests]

        assert requested() == [(keys[0], keys[-1])]
        run = DagsterRun(
            job_name=process_document_job.name,
            run_id="busy",
            status=dg.DagsterRunStatus.STARTED,
            tags=range_tags(keys[1:3]),
        )
        instance.add_run(run)
        assert requested() == [(keys[0], keys[0]), (keys[3], keys[4])]
        instance.report_run_failed(run)  # over: its documents are stale again
        assert requested() == [(keys[0], keys[-1])]


@pytest.mark.slow
def test_a_burst_of_200_documents_is_published_at_most_three_times(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(POSTGRES_URL_VARIABLE, raising=False)
    monkeypatch.setenv("UNREPORTS_WORKERS", "2")
    inbox, data_dir = tmp_path / "inbox", tmp_path / "data"
    keys = write_notes(inbox, DOCUMENTS)  # all at once, before the first tick
    home = dagster_home(data_dir)
    instance = dg.DagsterInstance.from_config(str(home))
    daemon = Daemon(instance, DocumentStore(data_dir=str(data_dir), inbox_dirs=[str(inbox)]), home)
    try:
        started, quiet_ticks, ticks = time.monotonic(), 0, 0
        while quiet_ticks < 3:  # three ticks in a row with nothing requested and nothing running
            assert time.monotonic() - started < TIMEOUT_SECONDS, f"no quiet state after {ticks} ticks"
            before = sum(daemon.requested.values())
            daemon.tick()
            ticks += 1
            time.sleep(TICK_SECONDS)
            daemon.reap()
            quiet = sum(daemon.requested.values()) == before and not daemon.running
            quiet_ticks = quiet_ticks + 1 if quiet else 0

        document_runs = instance.get_run_records(dg.RunsFilter(job_name=process_document_job.name))
        publications = instance.get_run_records(dg.RunsFilter(job_name=publish_snapshot_job.name))
        print(f"{DOCUMENTS} documents: {ticks} ticks, {len(document_runs)} document runs, "
              f"{len(publications)} publications, {time.monotonic() - started:.1f} s")
        assert all(r.dagster_run.status == dg.DagsterRunStatus.SUCCESS for r in document_runs + publications)
        assert len(document_runs) == 1  # 200 partitions: one range
        assert 1 <= len(publications) <= 3
        assert sorted(instance.get_dynamic_partitions(documents.name)) == sorted(keys)
        with duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True) as connection:
            published = {row[0] for row in connection.execute("select document_id from documents").fetchall()}
        assert published == set(keys)
        # Quiet means settled: both sensors now skip.
        context = dg.build_sensor_context(instance=instance, resources={"store": daemon.store})
        assert not inbox_sensor.evaluate_tick(context).run_requests
        assert not publish_after_processing.evaluate_tick(context).run_requests
    finally:
        for process in daemon.running:
            process.kill()
            process.wait()
        instance.dispose()
