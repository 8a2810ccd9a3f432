"""Stage 3: numbered paragraphs, headings, footnotes and citations."""

import dagster as dg

from assets.preview import paragraphs_preview
from pipelines.partitions import documents
from unreports.checks import numbering_problems
from unreports.documents import structure
from unreports.records import ReadDocument, Rejection
from unreports.structure.build import StructuredDocument


@dg.asset(partitions_def=documents, group_name="structure", code_version="1")
def document_paragraphs(document_pages: ReadDocument | Rejection) -> dg.Output[StructuredDocument | Rejection]:
    """Paragraphs numbered 1..N (printed, repaired or inferred), with chapter and section."""
    if isinstance(document_pages, Rejection):
        return dg.Output(document_pages, metadata={"rejected": document_pages.reason})
    structured = structure(document_pages)
    sources = [p.number_source for p in structured.paragraphs]
    return dg.Output(structured, metadata={
        "paragraphs": len(structured.paragraphs),
        "repaired_numbers": sources.count("repaired"),
        "inferred_numbers": sources.count("inferred"),
        "headings": len(structured.headings),
        "footnotes": len(structured.footnotes),
        "citations": len(structured.citations),
        "preview": dg.MetadataValue.md(paragraphs_preview(structured.paragraphs)),
    })


@dg.asset_check(asset=document_paragraphs, description="Body paragraphs run 1..N without gaps")
def paragraph_numbers_are_consecutive(document_paragraphs: StructuredDocument | Rejection) -> dg.AssetCheckResult:
    if isinstance(document_paragraphs, Rejection):
        return dg.AssetCheckResult(passed=True, metadata={"skipped": "rejected document"})
    problems = numbering_problems(document_paragraphs.paragraphs)
    return dg.AssetCheckResult(passed=not problems, metadata={"problems": "; ".join(problems)})
