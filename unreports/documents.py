"""One document through the text stages: read lines -> structure -> statistics -> bundle."""

from __future__ import annotations

from dataclasses import replace

from unreports import __version__
from unreports.checks import missing_indicators
from unreports.records import DocumentBundle, ReadDocument
from unreports.statistics.extract import extract_statistics
from unreports.statistics.mentions import numeric_mentions
from unreports.statistics.registry import Indicator, load_registry, registry_sha256
from unreports.structure.build import StructuredDocument, build_structure


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
    statistics = extract_statistics(structured.paragraphs, structured.citations, structured.footnotes,
                                    registry, language, text_source=document.metadata.text_source)
    mentions = numeric_mentions(structured.paragraphs, structured.footnotes, language)
    packed = DocumentBundle(
        source=document.source,
        metadata=metadata,
        paragraphs=structured.paragraphs,
        headings=structured.headings,
        footnotes=structured.footnotes,
        citations=structured.citations,
        statistics=tuple(statistics),
        numeric_mentions=tuple(mentions),
        warnings=document.warnings + structured.warnings,
    )
    # Trigger words with no value read: the reason is published with the document.
    unread = tuple(f"indicator not read: {m}" for m in missing_indicators(packed, registry))
    return replace(packed, warnings=packed.warnings + unread)


def pipeline_version() -> str:
    """What every document's outputs depend on besides its own bytes: the code version and
    the indicator registry. Documents processed under another one are processed again."""
    return f"{__version__}:{registry_sha256()[:16]}"
