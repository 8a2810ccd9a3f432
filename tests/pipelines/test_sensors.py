"""The inbox sensor: a new file triggers exactly one run for its partition, an unchanged one none."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.partitions import documents
from pipelines.resources import DocumentStore
from pipelines.sensors import inbox_sensor


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
