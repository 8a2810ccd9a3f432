"""Sensors and schedule: new or changed files get one run over their partitions, unchanged
ones none, whoever processed them (CLI or daemon); a quiet inbox gets one publication."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import dagster as dg

from pipelines import sensors
from pipelines.cli import main
from pipelines.definitions import defs
from pipelines.jobs import publish_snapshot_job
from pipelines.partitions import partition_ranges, range_tags
from pipelines.resources import DocumentStore
from pipelines.schedules import daily_publication
from pipelines.sensors import inbox_sensor, publish_after_processing

NOTE = "١ - وحررت القوات ما لا يقل عن ٤٥٠ رهينة في عام ٢٠٢٠.\n"


def _inbox(tmp_path: Path, *names: str) -> tuple[Path, DocumentStore]:
    inbox = tmp_path / "inbox"
    inbox.mkdir(exist_ok=True)
    for name in names:
        (inbox / name).write_text(NOTE, encoding="utf-8")
    return inbox, DocumentStore(data_dir=str(tmp_path / "data"), inbox_dirs=[str(inbox)])


def _evaluate(instance: dg.DagsterInstance, store: DocumentStore) -> dg.SensorResult:
    return inbox_sensor(dg.build_sensor_context(instance=instance, resources={"store": store}))


def _ranges(result: dg.SensorResult) -> list[tuple[str, str]]:
    return [(r.partition_key_range.start, r.partition_key_range.end) for r in result.run_requests]


def test_partition_ranges_never_sweep_in_unwanted_keys() -> None:
    order = ["a", "b", "c", "d", "e", "f"]
    assert partition_ranges(order, {"a", "b", "d", "e", "f"}, 2) == [["a", "b"], ["d", "e"], ["f"]]
    assert partition_ranges(order, set(), 10) == []
    assert range_tags(["b", "c"]) == {"dagster/asset_partition_range_start": "b",
                                      "dagster/asset_partition_range_end": "c"}


def test_new_files_one_run_for_the_range(tmp_path: Path) -> None:
    _, store = _inbox(tmp_path, "A_80_1-AR.txt", "A_80_2-AR.txt")
    with dg.instance_for_test() as instance:
        first = _evaluate(instance, store)
        assert _ranges(first) == [("a-80-1-ar", "a-80-2-ar")]
        assert first.dynamic_partitions_requests[0].partition_keys == ["a-80-1-ar", "a-80-2-ar"]


def test_the_sensor_and_the_cli_share_one_state(tmp_path: Path, monkeypatch) -> None:
    """After `unreports run`, the sensor asks for nothing; a changed file or a code change
    asks for exactly what must be processed again."""
    inbox, store = _inbox(tmp_path, "A_80_1-AR.txt", "A_80_2-AR.txt", "A_80_3-AR.txt")
    assert main(["run", "--inbox", str(inbox), "--data-dir", str(tmp_path / "data")]) == 0
    from pipelines.cli import _instance

    instance = _instance((tmp_path / "data").resolve())
    assert _evaluate(instance, store).run_requests == []
    (inbox / "A_80_2-AR.txt").write_text(NOTE + "٢ - فقرة أخرى.\n", encoding="utf-8")
    assert _ranges(_evaluate(instance, store)) == [("a-80-2-ar", "a-80-2-ar")]
    monkeypatch.setattr(sensors, "pipeline_version", lambda: "next-version")
    assert _ranges(_evaluate(instance, store)) == [("a-80-1-ar", "a-80-3-ar")]


def test_publication_waits_for_a_quiet_inbox_then_publishes_once(tmp_path: Path) -> None:
    inbox, store = _inbox(tmp_path, "A_80_1-AR.txt")
    assert main(["run", "--inbox", str(inbox), "--data-dir", str(tmp_path / "data")]) == 0
    from pipelines.cli import _instance

    instance = _instance((tmp_path / "data").resolve())

    def evaluate():
        return publish_after_processing(
            dg.build_sensor_context(instance=instance, resources={"store": store})
        )

    assert isinstance(evaluate(), dg.SkipReason)  # the CLI published: nothing to do
    (inbox / "A_80_1-AR.txt").unlink()  # a withdrawn input changes what should be published
    request = evaluate()
    assert isinstance(request, dg.RunRequest)
    assert evaluate().run_key == request.run_key  # the same state: Dagster runs it once


def test_daily_schedule_requests_one_publication() -> None:
    context = dg.build_schedule_context(scheduled_execution_time=datetime(2026, 11, 29, 5, tzinfo=UTC))
    requests = daily_publication.evaluate_tick(context).run_requests
    assert len(requests) == 1
    assert daily_publication.job_name == publish_snapshot_job.name
    assert defs.get_schedule_def("daily_publication").cron_schedule == "0 5 * * *"
    assert all(s.description for s in defs.sensors)
