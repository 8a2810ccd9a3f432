"""Annexes: the text, tables and notes after the body, kept as units of their own.

An annex is not body text (its lines carry no paragraph numbers, or numbers of their own),
but its content is data: a troop-contributions table, a cost estimate, a letter. Each annex
becomes a run of units, Paragraph records here with number_source "annex" and the annex
label ("Annex", "Annex I") as their chapter; documents.bundle publishes them as rows of
annex_units (an ordinal and a kind, no paragraph number), never as paragraphs:

- a table row (lines sharing a baseline, i.e. cells) is one unit, its cells joined by " | ";
- running text is one unit per block (a wider vertical gap or a numbered line starts the next);
- a note under the table (a marker, then its text) is one unit;
- a bold or larger single line is an annex subheading (a Heading with part "annex").

Annex units are numbered in a range of their own so that (document_id, number) stays a key
next to the body paragraphs inside the structure stage (headings link to them by it): with
body paragraphs below 1000, units of the first annex are 1001, 1002, ..., of the second
2001, ...; the range grows if a body or an annex is longer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from unreports.records import Heading, Line, Paragraph
from unreports.structure.footnotes import read_footnote_line
from unreports.structure.printed import NUMBER_START_RE
from unreports.structure.text import join_lines, normalise_text

ANNEX_NUMBER_BASE = 1000
ROW_TOLERANCE = 0.5  # x font size: cells (and a raised note marker) share a baseline this closely
PROSE_GAP = 1.5  # x font size: a wider gap between lines of running text starts a new block
MAX_MARKER = 3  # characters: a note marker printed as its own small piece ("a", "b", "*")
CELL_SEPARATOR = " | "
SENTENCE_END = (".", ":", "؛", "!", "?", ".)", ".”", "»")
ANNEX_LABEL_RE = re.compile(r"^(?:Annex|ANNEX|Appendix|APPENDIX|المرفق|مرفق)(?:\s+[IVXLC]+\b)?")


@dataclass
class Annex:
    """One annex as met in reading order: its heading line and every line after it."""

    title: str
    page: int
    lines: list[Line] = field(default_factory=list)

    @property
    def label(self) -> str:
        match = ANNEX_LABEL_RE.match(self.title)
        return match.group(0) if match else self.title.split()[0]


@dataclass
class _Row:
    cells: list[Line]

    @property
    def page(self) -> int:
        return self.cells[0].page

    @property
    def y(self) -> float | None:
        return self.cells[0].y0

    @property
    def size(self) -> float:
        return max((c.font_size or 10.0) for c in self.cells)

    @property
    def kind(self) -> str:
        kinds = {c.kind for c in self.cells}
        if kinds == {"footnote"}:
            return "note"
        if len(self.cells) > 1:
            return "table"
        return "heading" if kinds == {"heading"} else "text"

    def texts(self) -> list[str]:
        """Cell texts in reading order; in a note, its raised marker ("a") comes first
        although it is printed inside the text's indent."""
        def key(cell: Line) -> tuple[bool, float]:
            across = -(cell.x1 or 0) if cell.direction == "rtl" else (cell.x0 or 0)
            return (not (self.kind == "note" and self._is_marker(cell)), across)
        return [c.text.strip() for c in sorted(self.cells, key=key) if c.text.strip()]

    def _is_marker(self, cell: Line) -> bool:
        return len(cell.text.strip()) <= MAX_MARKER and (cell.font_size or 0) < self.size


@dataclass
class _Unit:
    kind: str  # "text" | "table" | "note" | "heading"
    rows: list[_Row]

    def add(self, row: _Row) -> None:
        self.rows.append(row)


def _rows(lines: list[Line]) -> list[_Row]:
    """Consecutive lines on one baseline are the cells of one row (geometry-less text: one line each)."""
    rows: list[_Row] = []
    for line in lines:
        last = rows[-1] if rows else None
        if (last is not None and line.y0 is not None and last.y is not None and line.page == last.page
                and abs(line.y0 - last.y) <= ROW_TOLERANCE * max(last.size, line.font_size or 10.0)):
            last.cells.append(line)
        else:
            rows.append(_Row([line]))
    return rows


def _starts_note(row: _Row) -> bool:
    texts = row.texts()
    return bool(texts) and (len(texts[0]) <= MAX_MARKER or read_footnote_line(" ".join(texts)) is not None)


def _continues_text(unit: _Unit | None, row: _Row) -> bool:
    if unit is None or unit.kind != "text":
        return False
    if NUMBER_START_RE.match(" ".join(row.texts())):
        return False
    previous = unit.rows[-1]
    if previous.page != row.page:
        return not " ".join(previous.texts()).endswith(SENTENCE_END)
    if previous.y is None or row.y is None:
        return False  # OCR text: one line is one block
    return previous.y - row.y <= PROSE_GAP * row.size


def _units(rows: list[_Row]) -> list[_Unit]:
    units: list[_Unit] = []
    for row in rows:
        current = units[-1] if units else None
        kind = row.kind
        if kind == "note" and current is not None and current.kind == "note" and not _starts_note(row):
            current.add(row)
        elif kind == "text" and _continues_text(current, row):
            current.add(row)  # type: ignore[union-attr]
        else:
            units.append(_Unit(kind, [row]))
    return units


def _unit_texts(unit: _Unit) -> tuple[str, str]:
    """(published text, text as read) of a unit."""
    if unit.kind == "table":
        cells = unit.rows[0].texts()
        return normalise_text(CELL_SEPARATOR.join(cells)), " ".join(cells)
    as_read = join_lines([" ".join(row.texts()) for row in unit.rows])
    return normalise_text(as_read), as_read


def annex_number_span(body_max: int, annexes: list[Annex]) -> int:
    """The size of each annex's number range: above every body number and every annex's length."""
    longest = max((len(a.lines) for a in annexes), default=0)  # units never outnumber lines
    span = ANNEX_NUMBER_BASE
    while span <= max(body_max, longest):
        span += ANNEX_NUMBER_BASE
    return span


UNIT_FLAGS = {"table": ("table_row",), "note": ("annex_note",), "text": ()}


def annex_records(document_id: str, annexes: list[Annex], body_max: int, offset: int,
                  first_order: int) -> tuple[list[Paragraph], list[Heading]]:
    """Annex units as Paragraph records (number_source "annex") and annex headings.

    `offset`: where the annex text starts in the document text (after the body paragraphs);
    `first_order`: the order of the first annex heading among the document's headings.
    """
    span = annex_number_span(body_max, annexes)
    paragraphs: list[Paragraph] = []
    headings: list[Heading] = []
    for position, annex in enumerate(annexes, start=1):
        number = span * position
        pending = [
            Heading(document_id, 0, annex.label, normalise_text(annex.title), 0, annex.page, None, "annex")
        ]
        for unit in _units(_rows(annex.lines)):
            text, as_read = _unit_texts(unit)
            if unit.kind == "heading":
                pending.append(Heading(document_id, 3, None, text, 0, unit.rows[0].page, None, "annex"))
                continue
            number += 1
            headings.extend(_linked(h, number) for h in pending)
            pending = []
            paragraphs.append(Paragraph(
                document_id=document_id, number=number, number_source="annex", chapter=annex.label,
                section=None, text=text, text_as_read=as_read, page_start=unit.rows[0].page,
                page_end=unit.rows[-1].page, char_start=offset, char_end=offset + len(text),
                flags=UNIT_FLAGS[unit.kind],
            ))
            offset += len(text) + 1
        headings.extend(_linked(h, None) for h in pending)
    ordered = [
        Heading(h.document_id, h.level, h.label, h.title, first_order + i, h.page, h.before_paragraph, h.part)
        for i, h in enumerate(headings)
    ]
    return paragraphs, ordered


def _linked(heading: Heading, before: int | None) -> Heading:
    return Heading(heading.document_id, heading.level, heading.label, heading.title, heading.order,
                   heading.page, before, heading.part)
