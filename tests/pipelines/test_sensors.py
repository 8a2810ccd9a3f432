"""Sensors and schedule: a new file triggers exactly one run for its partition, an unchanged
one none; processed documents and the daily schedule request a publication."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import dagster as dg

from pipelines import sensors
from pipelines.definitions import STAGE_MODULES, defs
from pipelines.jobs import DOCUMENT_ASSETS, process_document_job, publish_snapshot_job
from pipelines.partitions import documents
from pipelines.resources import DocumentStore, default_resources
from pipelines.schedules import daily_publication
from pipelines.sensors import inbox_sensor, publish_after_processing


def _evaluate(instance: dg.DagsterInstance, store: DocumentStore, cursor: str | None) -> dg.SensorResult:
    context = dg.build_sensor_context(instance=instance, cursor=cursor, resources={"store": store})
    return inbox_sensor(context)


def test_new_file_once_then_nothing(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "A_80_1-AR.txt").write_text("١ - نص الفقرة الأولى.\n", encoding="utf-8")
    store = DocumentStore(data_dir=str(tmp_path / "data"), inbox_dirs=[str(inbox)])
    with dg.instance_for_test() as instance:
        first = _evaluate(instance, store, None)
        assert [r.partition_key for r in first.run_requests] == ["a-80-1-ar"]
        assert first.dynamic_partitions_requests[0].partition_keys == ["a-80-1-ar"]
        instance.add_dynamic_partitions(documents.name, ["a-80-1-ar"])
        second = _evaluate(instance, store, first.cursor)
        assert second.run_requests == [] and second.dynamic_partitions_requests == []
        # A changed file is a new version of the same document: one run, no new partition.
        (inbox / "A_80_1-AR.txt").write_text("١ - نص معدل للفقرة الأولى.\n", encoding="utf-8")
        third = _evaluate(instance, store, second.cursor)
        assert [r.partition_key for r in third.run_requests] == ["a-80-1-ar"]
        assert third.dynamic_partitions_requests == []


def test_a_code_or_registry_change_runs_every_file_again(tmp_path: Path, monkeypatch) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("A_80_1-AR.txt", "A_80_2-AR.txt"):
        (inbox / name).write_text("١ - نص الفقرة الأولى.\n", encoding="utf-8")
    store = DocumentStore(data_dir=str(tmp_path / "data"), inbox_dirs=[str(inbox)])
    with dg.instance_for_test() as instance:
        first = _evaluate(instance, store, None)
        assert len(first.run_requests) == 2
        monkeypatch.setattr(sensors, "pipeline_version", lambda: "next-version")
        again = _evaluate(instance, store, first.cursor)
        assert sorted(r.partition_key for r in again.run_requests) == ["a-80-1-ar", "a-80-2-ar"]
        assert {r.run_key for r in again.run_requests}.isdisjoint({r.run_key for r in first.run_requests})
        assert _evaluate(instance, store, again.cursor).run_requests == []


def test_daily_schedule_requests_one_publication() -> None:
    context = dg.build_schedule_context(scheduled_execution_time=datetime(2026, 11, 29, 5, tzinfo=UTC))
    requests = daily_publication.evaluate_tick(context).run_requests
    assert len(requests) == 1
    assert daily_publication.job_name == publish_snapshot_job.name
    assert defs.get_schedule_def("daily_publication").cron_schedule == "0 5 * * *"


def test_each_processed_document_requests_a_publication(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "A_80_1-AR.txt").write_text("١ - وحررت القوات ٤٥٠ رهينة.\n", encoding="utf-8")
    job = defs.get_job_def(process_document_job.name)
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions(documents.name, ["a-80-1-ar"])
        resources = default_resources(str(tmp_path / "data"), [str(inbox)])
        result = dg.materialize(dg.load_assets_from_modules(STAGE_MODULES, include_specs=True),
                                selection=DOCUMENT_ASSETS, partition_key="a-80-1-ar", instance=instance,
                                resources=resources)
        assert result.success
        run = instance.get_run_by_id(result.run_id)
        context = dg.build_run_status_sensor_context(
            sensor_name="publish_after_processing", dagster_instance=instance, dagster_run=run,
            dagster_event=result.get_run_success_event())
        request = publish_after_processing(context)
        assert isinstance(request, dg.RunRequest) and request.run_key.endswith(result.run_id)
        assert job.name == "process_document"
