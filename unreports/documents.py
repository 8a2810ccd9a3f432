"""One document through the text stages: read lines -> structure -> statistics -> bundle."""

from __future__ import annotations

from dataclasses import replace

from unreports import __version__
from unreports.checks import missing_indicators
from unreports.publish.tables import schema_sha256
from unreports.records import AnnexUnit, DocumentBundle, Heading, PageSource, Paragraph, ReadDocument
from unreports.statistics.extract import extract_statistics
from unreports.statistics.mentions import numeric_mentions
from unreports.statistics.provenance import OcrEvidence
from unreports.statistics.registry import Indicator, load_registry, registry_sha256
from unreports.structure.build import StructuredDocument, build_structure
from unreports.version import code_sha256


def structure(document: ReadDocument) -> StructuredDocument:
    return build_structure(document)


def bundle(document: ReadDocument, structured: StructuredDocument,
           registry: tuple[Indicator, ...] | None = None) -> DocumentBundle:
    """Statistics and numeric mentions for a structured document, packed for publishing."""
    registry = registry if registry is not None else load_registry()
    language = document.metadata.language
    metadata = replace(
        document.metadata,
        title=document.metadata.title or structured.title,
        reissue_note=document.metadata.reissue_note or structured.reissue_note,
    )
    pages = document.pages or _pages_of_text(document)
    evidence = OcrEvidence.of(document.metadata.text_source, pages, document.lines)
    statistics = extract_statistics(structured.paragraphs, structured.citations, structured.footnotes,
                                    registry, language, text_source=document.metadata.text_source,
                                    evidence=evidence)
    mentions = numeric_mentions(structured.paragraphs, structured.footnotes, language, evidence)
    packed = DocumentBundle(
        source=document.source,
        metadata=metadata,
        paragraphs=structured.paragraphs,
        headings=tuple(_published_heading(h) for h in structured.headings),
        footnotes=structured.footnotes,
        citations=structured.citations,
        statistics=tuple(statistics),
        numeric_mentions=tuple(mentions),
        annex_units=annex_units(structured.annex),
        warnings=document.warnings + structured.warnings,
        pages=pages,
    )
    # Trigger words with no value read: the reason is published with the document.
    unread = tuple(f"indicator not read: {m}" for m in missing_indicators(packed, registry))
    return replace(packed, warnings=packed.warnings + unread)


def _pages_of_text(document: ReadDocument) -> tuple[PageSource, ...]:
    """A text file's pages (inferred from its footnote blocks) all have its text source."""
    return tuple(PageSource(document.source.document_id, page, document.metadata.text_source)
                 for page in range(1, document.metadata.page_count + 1))


def annex_units(units: tuple[Paragraph, ...]) -> tuple[AnnexUnit, ...]:
    """The structure stage's annex units (Paragraph-shaped, numbered 1001.. apart from the
    body) as published: an ordinal in reading order and a kind, no paragraph number."""
    published = []
    for ordinal, unit in enumerate(units, start=1):
        if unit.chapter is None:
            raise ValueError(f"annex unit {unit.number} of {unit.document_id} has no annex label")
        kind = "table_row" if "table_row" in unit.flags else "note" if "annex_note" in unit.flags else "text"
        published.append(AnnexUnit(unit.document_id, unit.chapter, ordinal, kind, unit.text,
                                   unit.text_as_read, unit.page_start, unit.page_end))
    return tuple(published)


def _published_heading(heading: Heading) -> Heading:
    """An annex heading precedes annex units, not a paragraph: before_paragraph is NULL."""
    return replace(heading, before_paragraph=None) if heading.part == "annex" else heading


def pipeline_version() -> str:
    """What every document's outputs depend on besides its own bytes: the domain code, the
    indicator registry and the published tables' schemas. Documents processed under another
    one are processed again (their stored rows would be made by other rules, or lack a new
    table or column)."""
    return f"{__version__}+{code_sha256()[:12]}:{registry_sha256()[:16]}:{schema_sha256()[:8]}"
