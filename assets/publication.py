"""Stages 5 and 6: the DuckDB warehouse and the Parquet files, published as one snapshot."""

import dagster as dg

from pipelines.resources import DocumentStore, Publication
from unreports.documents import pipeline_version
from unreports.processed import PROCESSED, ProcessedDocuments, manifest_inputs
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
)
def published_snapshot(context: dg.AssetExecutionContext, store: DocumentStore, publication: Publication):
    """Every processed document whose input is in the inbox, from the processed-documents
    store: built aside, validated, then switched to at once for DuckDB and Parquet."""
    processed = ProcessedDocuments(store.root)
    present = set(store.files())
    outcomes = [o for key, o in processed.outcomes().items() if key in present]
    documents = [processed.load_tables(o) for o in outcomes if o.status == PROCESSED]
    rejections = [o.rejection() for o in outcomes if o.status != PROCESSED]
    manifest = publish(documents, with_first_seen(rejections, store.root), store.root,
                       code_version=pipeline_version(), keep_snapshots=publication.keep_snapshots,
                       inputs=manifest_inputs(outcomes))
    rows = {name: entry.row_count for name, entry in manifest.tables.items()}
    common = {"snapshot_id": manifest.snapshot_id, "documents": len(documents), "rejected": len(rejections),
              "withdrawn": ", ".join(manifest.withdrawn)}
    yield dg.MaterializeResult(asset_key="warehouse", metadata={
        **common, **{f"rows/{name}": count for name, count in rows.items()},
        "path": str(store.root / "warehouse.duckdb"),
    })
    yield dg.MaterializeResult(asset_key="parquet", metadata={
        **common, "files": sum(len(t.files) for t in manifest.tables.values()),
        "path": str(store.root / "parquet"),
    })
