"""What the evidence report shows, read from a published warehouse (read-only queries only).

Offsets: statistics.char_start/char_end index paragraphs.text (the normalised text, digits
as printed), not text_as_read; `Value.printed` is that slice, the number as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import duckdb

FOOTNOTE_SOURCE = re.compile(r"footnote\s+(\S+)", re.IGNORECASE)


@dataclass(frozen=True)
class Value:
    """One statistics row with its document, paragraph and footnote."""

    document_id: str
    statistic_key: str
    indicator: str
    value: Decimal | None
    qualifier: str | None
    unit: str | None
    subject: str | None
    measure: str | None
    instrument: str | None
    actor: str | None
    location: str | None
    as_of: date | None
    as_of_as_printed: str | None
    period_start: date | None
    period_end: date | None
    breakdown_of: str | None
    cited_source: str | None
    confidence: float | None
    flags: tuple[str, ...]
    quote: str | None
    language: str | None  # of the quote; the document's when the statistic has none
    paragraph_number: int | None
    paragraph_text: str | None  # None when the paragraph is not published
    char_start: int | None
    char_end: int | None
    symbol: str | None
    document_language: str | None
    published_on: date | None
    footnote_marker: str | None  # from cited_source "footnote N"
    footnote_text: str | None  # None when the marker is not in the footnotes table

    @property
    def span(self) -> tuple[str, int, int] | None:
        """(paragraph text, char_start, char_end) when the offsets mark a non-empty slice of
        the text, else None."""
        text, start, end = self.paragraph_text, self.char_start, self.char_end
        if text is not None and start is not None and end is not None and 0 <= start < end <= len(text):
            return text, start, end
        return None

    @property
    def span_ok(self) -> bool:
        """The offsets mark a non-empty slice of the paragraph text."""
        return self.span is not None

    @property
    def printed(self) -> str | None:
        """The value as printed in the paragraph (text[char_start:char_end])."""
        span = self.span
        return span[0][span[1]:span[2]] if span is not None else None

    @property
    def plot_date(self) -> tuple[date | None, str]:
        """Where the value sits on a time axis, and why: as-at date (levels and named
        members), else period end, else period start, else the document's date."""
        for when, basis in ((self.as_of, "as at"), (self.period_end, "period end"),
                            (self.period_start, "period start"), (self.published_on, "document date")):
            if when is not None:
                return when, basis
        return None, "undated"


@dataclass(frozen=True)
class DocumentWarnings:
    document_id: str
    symbol: str | None
    language: str | None
    source_name: str | None
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Rejection:
    source_name: str | None
    source_sha256: str | None
    reason: str | None
    detail: str | None
    rejected_at: datetime | None


@dataclass(frozen=True)
class DocumentRow:
    document_id: str
    symbol: str | None
    language: str | None
    title: str | None
    published_on: date | None
    text_source: str | None
    paragraphs: int
    statistics: int


@dataclass(frozen=True)
class Snapshot:
    snapshot_id: str | None
    created_at: datetime | None
    code_version: str | None


@dataclass(frozen=True)
class ReportData:
    snapshot: Snapshot
    documents: list[DocumentRow]
    values: list[Value]
    warnings: list[DocumentWarnings]
    rejections: list[Rejection]

    def indicators(self) -> dict[str, list[Value]]:
        """Values per indicator, indicators by name (NULL last)."""
        grouped: dict[str, list[Value]] = {}
        for value in self.values:
            grouped.setdefault(value.indicator, []).append(value)
        return dict(sorted(grouped.items(), key=lambda item: (item[0] is None, item[0] or "")))


VALUES_SQL = """
select s.document_id, s.statistic_key, s.indicator, s.value, s.qualifier, s.unit, s.subject, s.measure,
       s.instrument, s.actor, s.location, s.as_of, s.as_of_as_printed, s.period_start, s.period_end,
       s.breakdown_of, s.cited_source, s.confidence, s.flags, s.quote,
       coalesce(s.language, d.language), s.paragraph_number, p.text, s.char_start, s.char_end,
       d.symbol, d.language, d.published_on
from statistics as s
left join documents as d on d.document_id = s.document_id
left join paragraphs as p on p.document_id = s.document_id and p.number = s.paragraph_number
order by s.indicator, d.symbol, s.document_id, s.paragraph_number, s.char_start, s.statistic_key
"""


def read_report_data(con: duckdb.DuckDBPyConnection) -> ReportData:
    """Everything the report shows, from a connection to a published warehouse."""
    footnotes = {(doc, marker): text for doc, marker, text in
                 con.execute("select document_id, marker, text from footnotes").fetchall()}
    values = []
    for row in con.execute(VALUES_SQL).fetchall():
        cited = row[16]
        match = FOOTNOTE_SOURCE.fullmatch(cited.strip()) if cited else None
        marker = match.group(1) if match else None
        # The row's columns in field order, then footnote_marker and footnote_text (the last two).
        fields: list[Any] = [*row[:18], tuple(row[18] or ()), *row[19:],
                             marker, footnotes.get((row[0], marker))]
        values.append(Value(*fields))
    documents = [DocumentRow(*row) for row in con.execute("""
        select d.document_id, d.symbol, d.language, d.title, d.published_on, d.text_source,
               (select count(*) from paragraphs p where p.document_id = d.document_id),
               (select count(*) from statistics s where s.document_id = d.document_id)
        from documents d order by d.symbol, d.language, d.document_id""").fetchall()]
    warnings = [DocumentWarnings(*[*row[:4], tuple(row[4])]) for row in con.execute("""
        select document_id, symbol, language, source_name, warnings from documents
        where len(coalesce(warnings, [])) > 0 order by symbol, language, document_id""").fetchall()]
    rejections = [Rejection(*row) for row in con.execute("""
        select source_name, source_sha256, reason, detail, rejected_at from rejected_documents
        order by source_name, source_sha256""").fetchall()]
    snapshot_row = con.execute(
        "select snapshot_id, created_at, code_version from snapshot limit 1"
    ).fetchone()
    snapshot = Snapshot(*snapshot_row) if snapshot_row else Snapshot(None, None, None)
    return ReportData(snapshot, documents, values, warnings, rejections)
