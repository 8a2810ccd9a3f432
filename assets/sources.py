"""Stage 1: the source document of a partition (file identity, media type)."""

import dagster as dg

from pipelines.partitions import documents
from pipelines.resources import DocumentStore
from unreports.sources import describe


@dg.asset(partitions_def=documents, group_name="ingest", code_version="1")
def source_document(context: dg.AssetExecutionContext, store: DocumentStore) -> dg.Output:
    """The input file of this document: bytes identity (sha256, size) and media type."""
    source = describe(store.path_for(context.partition_key))
    return dg.Output(source, metadata={
        "source_name": source.source_name,
        "sha256": source.source_sha256,
        "bytes": source.size_bytes,
        "media_type": source.media_type,
    })
