"""Stage 2: page lines in reading order, furniture apart; or the reason the file was rejected."""

import dagster as dg

from assets.preview import lines_preview
from pipelines.partitions import documents
from pipelines.resources import DocumentStore, ReadingLimits
from unreports.publish.rejections import quarantine
from unreports.reading.sandbox import read_isolated
from unreports.records import Rejection, SourceDocument


@dg.asset(partitions_def=documents, group_name="reading", code_version="1")
def document_pages(context: dg.AssetExecutionContext, source_document: SourceDocument,
                   limits: ReadingLimits, store: DocumentStore) -> dg.Output:
    """Body and footnote lines with page, position and direction (parsed in a limited child process)."""
    read = read_isolated(source_document, limits.limits())
    if isinstance(read, Rejection):
        copy = quarantine(source_document, store.root)
        context.log.warning(f"rejected {read.source_name}: {read.reason} (copy in {copy})")
        return dg.Output(read, metadata={"rejected": read.reason, "quarantine": str(copy)})
    return dg.Output(read, metadata={
        "pages": read.metadata.page_count,
        "lines": len(read.lines),
        "furniture_lines": len(read.furniture),
        "symbol": read.metadata.symbol or "",
        "language": read.metadata.language or "",
        "warnings": "; ".join(read.warnings),
        "preview": dg.MetadataValue.md(lines_preview(read.lines)),
    })
