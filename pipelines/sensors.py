"""Sensors: new or changed inbox files start document runs; a quiet inbox is published.

Both read the processed-documents store (`unreports.processed`), the same state
`unreports run` uses: a document the CLI processed is not processed again by the daemon,
and the other way round.
"""

import hashlib

import dagster as dg
from dagster._core.storage.tags import (
    ASSET_PARTITION_RANGE_END_TAG,
    ASSET_PARTITION_RANGE_START_TAG,
    PARTITION_NAME_TAG,
)

from pipelines.jobs import process_document_job, publish_snapshot_job
from pipelines.partitions import MAX_PARTITIONS_PER_RUN, documents, partition_ranges, range_tags
from pipelines.resources import DocumentStore
from unreports.documents import pipeline_version
from unreports.processed import ProcessedDocuments, snapshot_is_current

BUSY = [dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.NOT_STARTED, dg.DagsterRunStatus.STARTING,
        dg.DagsterRunStatus.STARTED]


def in_flight(instance: dg.DagsterInstance, order: list[str]) -> set[str]:
    """Partitions a queued or running document run will process (its range in the
    partitions' order, or its one partition)."""
    position = {key: i for i, key in enumerate(order)}
    covered: set[str] = set()
    for record in instance.get_run_records(dg.RunsFilter(job_name=process_document_job.name, statuses=BUSY)):
        tags = record.dagster_run.tags
        start, end = tags.get(ASSET_PARTITION_RANGE_START_TAG), tags.get(ASSET_PARTITION_RANGE_END_TAG)
        if start in position and end in position:
            covered.update(order[position[start]:position[end] + 1])
        elif tags.get(PARTITION_NAME_TAG):
            covered.add(tags[PARTITION_NAME_TAG])
    return covered


@dg.sensor(
    job=process_document_job,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="New or changed inbox files (by sha256, and all of them after a code or indicator "
    "change) get a partition; runs of up to 500 consecutive partitions process them.",
)
def inbox_sensor(context: dg.SensorEvaluationContext, store: DocumentStore) -> dg.SensorResult:
    files = store.files()
    processed = ProcessedDocuments(store.root)
    pipeline = pipeline_version()
    existing = list(context.instance.get_dynamic_partitions(documents.name))
    known = set(existing)
    new_keys = sorted(k for k in files if k not in known)
    versions = processed.stale(files, pipeline)
    # A document a queued or running run covers is left to it (its outcome is committed one
    # document at a time, so the stale set shrinks while the run works): without this, each
    # tick during a run asked for a new run over what was still left. A file changed after
    # its run processed it is stale again once that run is over.
    busy = in_flight(context.instance, existing)
    stale = [key for key in versions if key not in busy]
    requests = []
    for keys in partition_ranges(existing + new_keys, stale, MAX_PARTITIONS_PER_RUN):
        # The run key names exactly these versions: a request is made once, not on every tick
        # while its run is queued.
        digest = hashlib.sha256("\n".join(f"{k}={versions[k]}" for k in keys).encode()).hexdigest()[:16]
        requests.append(dg.RunRequest(run_key=f"{keys[0]}..{keys[-1]}@{digest}", tags=range_tags(keys)))
    return dg.SensorResult(
        run_requests=requests,
        dynamic_partitions_requests=[documents.build_add_request(new_keys)] if new_keys else [],
    )


@dg.sensor(
    job=publish_snapshot_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Once no document run is queued or running, publishes one snapshot if the processed "
    "documents differ from the published ones: one publication per burst of runs.",
)
def publish_after_processing(context: dg.SensorEvaluationContext, store: DocumentStore):
    busy = context.instance.get_run_records(
        dg.RunsFilter(job_name=process_document_job.name, statuses=BUSY), limit=1)
    if busy:
        return dg.SkipReason("document runs are still queued or running")
    present = set(store.files())
    processed = [o for key, o in ProcessedDocuments(store.root).outcomes().items() if key in present]
    if snapshot_is_current(store.root, processed, pipeline_version()):
        return dg.SkipReason("the published snapshot holds every processed document")
    digest = hashlib.sha256("\n".join(sorted(o.version for o in processed)).encode()).hexdigest()[:16]
    return dg.RunRequest(run_key=f"publish-{digest}")
