"""Stage 7: the evidence report, DATA_DIR/report.html, rendered after each publication."""

import dagster as dg

from pipelines.resources import DocumentStore
from unreports.report import write_report

REPORT_FILE = "report.html"


@dg.asset(group_name="publication", deps=["warehouse"],
          description="DATA_DIR/report.html: per indicator a plot and a table of values, each linked to its "
                      "paragraph with the number highlighted; rejected files and document warnings")
def evidence_report(store: DocumentStore) -> dg.MaterializeResult:
    """Rendered from the published warehouse (read-only) and replaced atomically."""
    out = store.root / REPORT_FILE
    values = write_report(store.root / "warehouse.duckdb", out)
    return dg.MaterializeResult(metadata={"path": str(out), "values": values,
                                          "bytes": out.stat().st_size})
