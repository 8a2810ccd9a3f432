"""Stages 5 and 6: the DuckDB warehouse and the Parquet files, published as one snapshot."""

import dagster as dg

from pipelines.resources import DocumentStore, Publication
from unreports import __version__
from unreports.publish.rejections import with_first_seen
from unreports.publish.snapshot import publish
from unreports.records import DocumentBundle, Rejection

# Every processed document, rejected ones included; a partition never materialised is skipped.
UPSTREAM = dg.AssetDep("document_statistics")


def _specs() -> list[dg.AssetSpec]:
    # Built in a function: module-level specs would be loaded a second time as assets.
    return [
        dg.AssetSpec("warehouse", group_name="publication", deps=[UPSTREAM],
                     description="DATA_DIR/warehouse.duckdb: every published table and the analyst views"),
        dg.AssetSpec("parquet", group_name="publication", deps=[UPSTREAM],
                     description="DATA_DIR/parquet/<table>/language=<xx>/part-0.parquet (zstd)"),
    ]


@dg.multi_asset(
    specs=_specs(),
    ins={"document_statistics": dg.AssetIn(key="document_statistics")},
    can_subset=False,
)
def published_snapshot(context: dg.AssetExecutionContext, document_statistics,
                       store: DocumentStore, publication: Publication):
    """Build DuckDB and Parquet aside, validate, then switch both to the new snapshot at once."""
    # The IO manager hands over {partition: outcome}, or the outcome itself for one partition.
    outcomes = list(document_statistics.values()) if isinstance(document_statistics, dict) else [
        document_statistics]
    bundles = [o for o in outcomes if isinstance(o, DocumentBundle)]
    rejections = [o for o in outcomes if isinstance(o, Rejection)]
    manifest = publish(bundles, with_first_seen(rejections, store.root), store.root,
                       code_version=__version__, keep_snapshots=publication.keep_snapshots)
    rows = {name: entry.row_count for name, entry in manifest.tables.items()}
    common = {"snapshot_id": manifest.snapshot_id, "documents": len(bundles), "rejected": len(rejections)}
    yield dg.MaterializeResult(asset_key="warehouse", metadata={
        **common, **{f"rows/{name}": count for name, count in rows.items()},
        "path": str(store.root / "warehouse.duckdb"),
    })
    yield dg.MaterializeResult(asset_key="parquet", metadata={
        **common, "files": sum(len(t.files) for t in manifest.tables.values()),
        "path": str(store.root / "parquet"),
    })
