"""Sensors: new or changed inbox files start runs; finished runs trigger publication."""

import json

import dagster as dg

from pipelines.jobs import process_document_job, publish_snapshot_job
from pipelines.partitions import documents
from pipelines.resources import DocumentStore
from unreports.documents import pipeline_version
from unreports.sources import sha256_of


@dg.sensor(job=process_document_job, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.STOPPED)
def inbox_sensor(context: dg.SensorEvaluationContext, store: DocumentStore) -> dg.SensorResult:
    """A file whose sha256 is new for its document id gets a partition and exactly one run;
    after a code or indicator-registry change every file gets one run again."""
    seen: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
    files = store.files()
    existing = set(context.instance.get_dynamic_partitions(documents.name))
    new_keys = sorted(k for k in files if k not in existing)
    requests = []
    pipeline = pipeline_version()
    for document_id, path in sorted(files.items()):
        version = f"{sha256_of(path)}:{pipeline}"
        if seen.get(document_id) == version:
            continue
        seen[document_id] = version
        requests.append(dg.RunRequest(run_key=f"{document_id}:{version}", partition_key=document_id))
    return dg.SensorResult(
        run_requests=requests,
        dynamic_partitions_requests=[documents.build_add_request(new_keys)] if new_keys else [],
        cursor=json.dumps(seen, sort_keys=True),
    )


@dg.run_status_sensor(run_status=dg.DagsterRunStatus.SUCCESS, monitored_jobs=[process_document_job],
                      request_job=publish_snapshot_job, default_status=dg.DefaultSensorStatus.STOPPED)
def publish_after_processing(context: dg.RunStatusSensorContext):
    """Each processed document is published; runs close together share one snapshot key."""
    return dg.RunRequest(run_key=f"publish-after-{context.dagster_run.run_id}")
