"""Stage 3: numbered paragraphs, headings, footnotes and citations."""

from collections.abc import Iterator

import dagster as dg

from assets.preview import paragraphs_preview
from pipelines.partitions import documents
from unreports.checks import numbering_problems
from unreports.documents import structure
from unreports.records import Rejection

NUMBERING_CHECK = "paragraph_numbers_are_consecutive"


@dg.asset(
    partitions_def=documents, group_name="structure", code_version="1",
    check_specs=[dg.AssetCheckSpec(NUMBERING_CHECK, asset="document_paragraphs",
                                   description="Body paragraphs run 1..N without gaps")],
)
def document_paragraphs(document_pages) -> Iterator:
    """Paragraphs numbered 1..N (printed, repaired or inferred), with chapter and section;
    a StructuredDocument, or the Rejection passed on."""
    if isinstance(document_pages, Rejection):
        yield dg.Output(document_pages, metadata={"rejected": document_pages.reason})
        yield dg.AssetCheckResult(check_name=NUMBERING_CHECK, passed=True, metadata={"skipped": "rejected"})
        return
    structured = structure(document_pages)
    sources = [p.number_source for p in structured.paragraphs]
    yield dg.Output(structured, metadata={
        "paragraphs": len(structured.paragraphs),
        "repaired_numbers": sources.count("repaired"),
        "inferred_numbers": sources.count("inferred"),
        "headings": len(structured.headings),
        "footnotes": len(structured.footnotes),
        "citations": len(structured.citations),
        "preview": dg.MetadataValue.md(paragraphs_preview(structured.paragraphs)),
    })
    problems = numbering_problems(structured.paragraphs)
    yield dg.AssetCheckResult(check_name=NUMBERING_CHECK, passed=not problems,
                              metadata={"problems": "; ".join(problems)})
