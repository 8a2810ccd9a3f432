"""Jobs named for what they do."""

import dagster as dg

DOCUMENT_ASSETS = dg.AssetSelection.groups("documents")
PUBLICATION_ASSETS = dg.AssetSelection.groups("publication")

# Retries cover transient failures (a file still being copied, a full disk freed later);
# bad input never fails a run, it becomes a rejection.
RETRY = {"dagster/max_retries": "2", "dagster/retry_strategy": "FROM_FAILURE"}

process_document_job = dg.define_asset_job(
    "process_document", selection=DOCUMENT_ASSETS, tags=RETRY,
    description="Read, structure and extract statistics for a range of documents (partitions), "
                "each in its own limited child process, several at once.",
)
publish_snapshot_job = dg.define_asset_job(
    "publish_snapshot", selection=PUBLICATION_ASSETS, tags=RETRY,
    description="Publish every processed document as one DuckDB + Parquet snapshot.",
)
