"""One document through every stage, in a limited child: bytes -> lines -> paragraphs ->
statistics -> the rows it publishes, written to the processed-documents store.

The child does all of a document's work and writes its rows itself; what crosses the pipe
back to the parent is a small summary (counts, warnings, check problems, a few records for
previews). So every stage is bounded by the same memory, CPU and wall-clock limits, and
one parent can keep every core busy.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from unreports.checks import missing_indicators, numbering_problems, statistic_problems
from unreports.documents import bundle, structure
from unreports.pool import Failure, run_isolated
from unreports.processed import ProcessedDocuments
from unreports.publish.tables import document_tables
from unreports.reading.sandbox import ReadLimits, read_document, size_rejection
from unreports.records import DocumentMetadata, Line, Paragraph, Rejection, SourceDocument, Statistic
from unreports.statistics.registry import Indicator

PREVIEW_RECORDS = 8
# Names of the data-quality checks, as Dagster shows them.
NUMBERING_CHECK = "paragraph_numbers_are_consecutive"
CONSISTENCY_CHECK = "statistics_are_consistent"
COVERAGE_CHECK = "indicators_found_where_mentioned"


@dataclass(frozen=True)
class DocumentSummary:
    """What a processed document reports to the run: counts per stage, warnings, the
    problems each check found, and the first few records of each stage for previews."""

    source: SourceDocument
    rows_dir: Path  # where the child staged the document's rows
    metadata: DocumentMetadata
    counts: dict[str, int]
    warnings: tuple[str, ...]
    problems: dict[str, tuple[str, ...]]  # check name -> problems (empty: passed)
    first_lines: tuple[Line, ...] = ()
    first_paragraphs: tuple[Paragraph, ...] = ()
    first_statistics: tuple[Statistic, ...] = ()
    indicator_counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0  # wall-clock time of every stage in the child, rows written included


@dataclass(frozen=True)
class _Job:
    source: SourceDocument
    limits: ReadLimits
    registry: tuple[Indicator, ...]
    rows_dir: Path


def _process(job: _Job) -> DocumentSummary:
    """Runs in the child: every stage, then the rows written to job.rows_dir."""
    started = time.perf_counter()
    source, limits = job.source, job.limits
    data = Path(source.source_path).read_bytes()
    read = read_document(source, data, limits)
    structured = structure(read)
    packed = bundle(read, structured, job.registry)
    ProcessedDocuments.write_rows(job.rows_dir, document_tables(packed))
    sources = [p.number_source for p in structured.paragraphs]
    per_indicator: dict[str, int] = {}
    for statistic in packed.statistics:
        per_indicator[statistic.indicator] = per_indicator.get(statistic.indicator, 0) + 1
    return DocumentSummary(
        source=source,
        rows_dir=job.rows_dir,
        metadata=packed.metadata,
        counts={
            "pages": read.metadata.page_count,
            "lines": len(read.lines),
            "furniture_lines": len(read.furniture),
            "paragraphs": len(structured.paragraphs),
            "repaired_numbers": sources.count("repaired"),
            "inferred_numbers": sources.count("inferred"),
            "headings": len(structured.headings),
            "footnotes": len(structured.footnotes),
            "citations": len(structured.citations),
            "statistics": len(packed.statistics),
            "numeric_mentions": len(packed.numeric_mentions),
        },
        warnings=packed.warnings,
        problems={
            NUMBERING_CHECK: tuple(numbering_problems(structured.paragraphs)),
            CONSISTENCY_CHECK: tuple(statistic_problems(packed)),
            COVERAGE_CHECK: tuple(missing_indicators(packed, job.registry)),
        },
        first_lines=read.lines[:PREVIEW_RECORDS],
        first_paragraphs=structured.paragraphs[:PREVIEW_RECORDS],
        first_statistics=packed.statistics[:PREVIEW_RECORDS],
        indicator_counts=per_indicator,
        seconds=time.perf_counter() - started,
    )


def _tiny_pdf(text: str) -> bytes:
    """A one-page PDF with one line of Helvetica text (offsets computed, so no repair)."""
    stream = f"BT /F1 11 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


WARM_UP_TEXT = "1. In 2020, at least 12 States became parties to the Convention (S/2020/1)."


@functools.cache
def warm_up(registry: tuple[Indicator, ...]) -> None:
    """Run every stage once in this process on a tiny PDF and a tiny text, before forking.

    Forked children inherit what the parent has loaded: the lazy imports (pyarrow loads
    pandas on first use, pdfminer its font metrics) and compiled patterns. Without this
    each child paid them again: about 1 s per document, more than a short letter's work.
    """
    for media_type, data in (("application/pdf", _tiny_pdf(WARM_UP_TEXT)),
                             ("text/plain", WARM_UP_TEXT.encode())):
        source = SourceDocument("warm-up", "warm-up", "", "0" * 64, len(data), media_type)
        read = read_document(source, data, ReadLimits())
        document_tables(bundle(read, structure(read), registry))


def process_documents(
    sources: Sequence[SourceDocument], limits: ReadLimits, registry: tuple[Indicator, ...],
    store: ProcessedDocuments, *, workers: int = 1,
) -> Iterator[tuple[SourceDocument, DocumentSummary | Rejection]]:
    """Each source through every stage in its own limited child, `workers` at a time,
    largest files first.

    Yields as documents finish. A summary's rows are staged in the store (not yet
    committed: the caller commits each outcome with `store.commit_*`).
    """
    startable: list[_Job] = []
    for source in sources:
        early = size_rejection(source, limits)
        if early is not None:
            yield source, early
        else:
            startable.append(_Job(source, limits, registry, store.new_rows_dir(source.document_id)))
    if startable:
        warm_up(registry)
    # Largest files first (long reports, scanned pages to OCR): started last, one of them
    # would keep one core busy while the others have nothing left to do.
    startable.sort(key=lambda job: -job.source.size_bytes)
    for job, outcome in run_isolated(startable, _process, limits.child(), workers):
        if isinstance(outcome, Failure):
            store.discard_rows(job.rows_dir)
            yield job.source, Rejection(job.source.source_name, job.source.source_sha256,
                                        outcome.reason, outcome.detail)
        else:
            yield job.source, outcome
