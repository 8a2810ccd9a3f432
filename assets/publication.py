"""Stages 5 and 6: the DuckDB warehouse and the Parquet files, published as one snapshot."""

import dagster as dg

from pipelines.resources import DocumentStore, Publication
from unreports import __version__
from unreports.publish.rejections import with_first_seen
from unreports.publish.snapshot import publish
from unreports.publish.tables import DocumentTables
from unreports.records import Rejection


@dg.multi_asset(
    outs={
        "warehouse": dg.AssetOut(
            group_name="publication",
            description="DATA_DIR/warehouse.duckdb: every published table and the analyst views"),
        "parquet": dg.AssetOut(
            group_name="publication",
            description="DATA_DIR/parquet/<table>/language=<xx>/part-0.parquet (zstd)"),
    },
    # Every processed document, rejected ones included. A registered partition with no
    # stored output yet (its run is queued, or failed for good) is left out of the snapshot
    # rather than failing it.
    ins={"document_statistics": dg.AssetIn(metadata={"allow_missing_partitions": True})},
    can_subset=False,
)
def published_snapshot(context: dg.AssetExecutionContext, document_statistics,
                       store: DocumentStore, publication: Publication):
    """Build DuckDB and Parquet aside, validate, then switch both to the new snapshot at once."""
    # The IO manager hands over {partition: outcome}, or the outcome itself for one partition.
    outcomes = list(document_statistics.values()) if isinstance(document_statistics, dict) else [
        document_statistics]
    documents = [o for o in outcomes if isinstance(o, DocumentTables)]
    rejections = [o for o in outcomes if isinstance(o, Rejection)]
    manifest = publish(documents, with_first_seen(rejections, store.root), store.root,
                       code_version=__version__, keep_snapshots=publication.keep_snapshots)
    rows = {name: entry.row_count for name, entry in manifest.tables.items()}
    common = {"snapshot_id": manifest.snapshot_id, "documents": len(documents), "rejected": len(rejections)}
    yield dg.MaterializeResult(asset_key="warehouse", metadata={
        **common, **{f"rows/{name}": count for name, count in rows.items()},
        "path": str(store.root / "warehouse.duckdb"),
    })
    yield dg.MaterializeResult(asset_key="parquet", metadata={
        **common, "files": sum(len(t.files) for t in manifest.tables.values()),
        "path": str(store.root / "parquet"),
    })
