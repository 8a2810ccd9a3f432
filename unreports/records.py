"""Typed records passed between stages.

Every stage takes and returns these frozen dataclasses; nothing downstream sees pdfminer
objects, Dagster objects or DuckDB rows. Field names match the published column names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class SourceDocument:
    """One input file as received: bytes identity, no parsing yet."""

    document_id: str  # file-safe partition key, e.g. "s-2017-939-ar"
    source_name: str  # file name as received
    source_path: str
    source_sha256: str
    size_bytes: int
    media_type: str  # "application/pdf" | "text/plain"
    source_stamp: str | None = None  # sources.file_stamp when it was hashed (None: unsettled)


@dataclass(frozen=True)
class Line:
    """One visual line in logical (reading) order.

    Geometry is in PDF points with the origin at the page's bottom-left; it is None for
    OCR text, which has no geometry.
    """

    page: int  # 1-based
    text: str
    kind: str = "body"  # "body" | "footnote" | "furniture"
    x0: float | None = None
    y0: float | None = None  # baseline
    x1: float | None = None
    y1: float | None = None
    font_size: float | None = None
    direction: str = "ltr"  # "rtl" | "ltr"
    # Self-check of the reading order: 1.0 sure, lower is doubtful (see pdf/ordering.py).
    confidence: float = 1.0
    # Lines of pages we OCR'd ourselves (reading/ocr.py): the lowest word confidence of the
    # engine (0-100) and the words it was unsure of (below ocr.LOW_CONFIDENCE), as read.
    ocr_confidence: float | None = None
    low_confidence_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentMetadata:
    """UN metadata read from page furniture (header, masthead, footer)."""

    symbol: str | None = None  # "S/2017/939"
    language: str | None = None  # ISO 639-1 of this version: "ar", "en", ...
    original_language: str | None = None  # "en" for "Original: English"
    title: str | None = None
    published_on: date | None = None
    job_number: str | None = None  # "17-20223 (A)"
    distribution: str | None = None  # "General"
    reissue_note: str | None = None  # the "*" note: reissued for technical reasons
    page_count: int = 0  # pages read
    # Pages the PDF's page tree declares; None for text files. More than page_count means
    # pages were lost to damage (a warning says so).
    pages_declared: int | None = None
    # Where the text came from: "text_layer" (born-digital PDF: digits and layout exact),
    # "ocr_layer" (a scan's OCR text layer) or "ocr" (OCR text, or image-only pages we
    # OCR'd). OCR-grade text gets the look-alike repair; a text layer's printed numbers are
    # taken as printed. That of most pages with text; each page's is in ReadDocument.pages.
    text_source: str = "text_layer"


@dataclass(frozen=True)
class PageSource:
    """Where one page's text came from (reading/classify.py), published as `pages`."""

    document_id: str
    page: int  # 1-based
    text_source: str  # "text_layer" | "ocr_layer" | "ocr" | "image_only" (not OCR'd) | "empty"
    glyph_count: int | None = None  # glyphs with text in the PDF's own text layer; None for text files
    image_coverage: float | None = None  # share of the page its largest image covers
    ocr_confidence: float | None = None  # our OCR: mean word confidence of the engine, 0-100
    ocr_language: str | None = None  # our OCR: the engine's language data ("eng", "ara")


@dataclass(frozen=True)
class ReadDocument:
    """Output of the `pages` stage: body and footnote lines, furniture kept apart."""

    source: SourceDocument
    metadata: DocumentMetadata
    lines: tuple[Line, ...]
    furniture: tuple[Line, ...] = ()
    warnings: tuple[str, ...] = ()
    pages: tuple[PageSource, ...] = ()  # per page provenance (PDFs; empty for text files)


@dataclass(frozen=True)
class Paragraph:
    document_id: str
    number: int
    number_source: str  # "printed" | "repaired" | "inferred" | "unnumbered" (ordinal by layout)
    chapter: str | None
    section: str | None
    text: str  # normalised (presentation forms folded, spaces collapsed; digits as printed)
    text_as_read: str  # exactly as read from the page lines, joined
    page_start: int
    page_end: int
    char_start: int  # offsets into the document body text (paragraph texts joined by "\n")
    char_end: int
    number_as_printed: str | None = None
    flags: tuple[str, ...] = ()  # e.g. "start_missing"


@dataclass(frozen=True)
class AnnexUnit:
    """One unit of an annex (see structure/annex.py): a table row, a note under a table or
    a block of running text. Annexes carry no paragraph numbers of the body's sequence, so a
    unit has an ordinal, not a paragraph number."""

    document_id: str
    annex: str  # the annex label as printed: "Annex", "Annex I"
    ordinal: int  # 1.. over all of the document's annex units, in reading order
    kind: str  # "text" | "table_row" (cells joined by " | ") | "note"
    text: str  # normalised like Paragraph.text
    text_as_read: str
    page_start: int
    page_end: int


@dataclass(frozen=True)
class Heading:
    document_id: str
    level: int  # 1 chapter, 2 lettered section, 3 unnumbered subheading
    label: str | None  # "I", "أولا", "A", "ألف"; None for unnumbered
    title: str
    order: int  # position among the document's headings
    page: int
    before_paragraph: int | None  # number of the first paragraph after it
    part: str = "body"  # "front" | "body" | "annex"


@dataclass(frozen=True)
class Footnote:
    document_id: str
    marker: str  # "1", "2", "*"
    text: str
    paragraph_number: int | None  # the paragraph whose text carries the marker
    page: int


@dataclass(frozen=True)
class Citation:
    document_id: str
    paragraph_number: int | None
    kind: str  # "document" | "resolution"
    symbol: str  # repaired: "S/2017/403", "resolution 2331 (2016)"
    as_printed: str  # "8/2017/403"
    repaired: bool
    char_start: int  # offsets into the paragraph text
    char_end: int


@dataclass(frozen=True)
class NumericMention:
    document_id: str
    paragraph_number: int | None
    footnote_marker: str | None
    value: Decimal
    as_printed: str
    kind: str  # see numeric_mentions.kind in sql/001_tables.sql
    noun: str | None
    qualifier: str
    char_start: int
    char_end: int
    parent_value: Decimal | None = None  # breakdowns in parentheses: 22 girls of 249 children
    flags: tuple[str, ...] = ()  # "ocr": read from OCR-grade text; "ocr_low_confidence": its word doubtful


@dataclass(frozen=True)
class Statistic:
    document_id: str
    indicator: str
    value: Decimal
    qualifier: str  # exact | at_least | more_than | about | up_to | fewer_than
    unit: str | None
    subject: str | None
    paragraph_number: int | None
    quote: str
    language: str
    rule_id: str
    confidence: float  # 0-1 from evidence (statistics/extract.py module notes), not a probability
    measure: str = "level"  # "level": a count as at a date; "change": during a period
    instrument: str | None = None
    actor: str | None = None
    location: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    as_of: date | None = None
    as_of_as_printed: str | None = None
    breakdown_of: str | None = None  # statistic_key of the total this one breaks down
    cited_source: str | None = None  # footnote marker ("footnote 2") or a UN symbol
    char_start: int = 0  # offsets into the paragraph text
    char_end: int = 0
    flags: tuple[str, ...] = ()

    @property
    def statistic_key(self) -> str:
        """Stable key within a document: indicator, paragraph, position."""
        return f"{self.indicator}:{self.paragraph_number}:{self.char_start}"


@dataclass(frozen=True)
class Rejection:
    source_name: str
    source_sha256: str
    reason: str  # short, stable: "encrypted", "not a PDF", "limit: time", ...
    detail: str = ""


@dataclass(frozen=True)
class DocumentBundle:
    """Everything published for one document."""

    source: SourceDocument
    metadata: DocumentMetadata
    paragraphs: tuple[Paragraph, ...]
    headings: tuple[Heading, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    citations: tuple[Citation, ...] = ()
    statistics: tuple[Statistic, ...] = ()
    numeric_mentions: tuple[NumericMention, ...] = ()
    annex_units: tuple[AnnexUnit, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)
    pages: tuple[PageSource, ...] = ()
