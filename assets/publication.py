"""Stages 5 and 6: the DuckDB warehouse and the Parquet files, published as one snapshot."""

import dagster as dg

from pipelines.resources import DocumentStore, Publication
from unreports.documents import pipeline_version
from unreports.processed import ProcessedDocuments
from unreports.publish.rejections import with_first_seen
from unreports.publish.snapshot import publish


@dg.multi_asset(
    outs={
        "warehouse": dg.AssetOut(
            group_name="publication", is_required=True,
            description="DATA_DIR/warehouse.duckdb: every published table and the analyst views"),
        "parquet": dg.AssetOut(
            group_name="publication", is_required=True,
            description="DATA_DIR/parquet/<table>/language=<xx>/part-0.parquet (zstd)"),
    },
    deps=["processed_document"],
    can_subset=False,
    pool="publication",  # one publication at a time on a busy instance (deploy/dagster.yaml)
)
def published_snapshot(context: dg.AssetExecutionContext, store: DocumentStore, publication: Publication):
    """Every processed document whose input is in the inbox, from the processed-documents
    store: built aside (on the current snapshot: only changed documents are read),
    validated, then switched to at once for DuckDB and Parquet."""
    processed = ProcessedDocuments(store.root)
    inventory = store.inventory()
    wanted = processed.publication_inputs(set(inventory.files), store.root)
    manifest = publish(wanted.documents, with_first_seen(wanted.rejections, store.root), store.root,
                       code_version=pipeline_version(), keep_snapshots=publication.keep_snapshots,
                       inputs=wanted.inputs, source_position=wanted.position,
                       ignored=[(i.source_name, i.reason, i.detail) for i in inventory.ignored])
    rows = {name: entry.row_count for name, entry in manifest.tables.items()}
    common = {"snapshot_id": manifest.snapshot_id, "documents": rows["documents"],
              "rejected": len(wanted.rejections),
              "withdrawn": ", ".join(manifest.withdrawn), "build": manifest.build}
    yield dg.MaterializeResult(asset_key="warehouse", metadata={
        **common, **{f"rows/{name}": count for name, count in rows.items()},
        "path": str(store.root / "warehouse.duckdb"),
    })
    yield dg.MaterializeResult(asset_key="parquet", metadata={
        **common, "files": sum(len(t.files) for t in manifest.tables.values()),
        "path": str(store.root / "parquet"),
    })
