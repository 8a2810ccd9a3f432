"""The structure stage: page lines -> numbered paragraphs, headings, footnotes, citations."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

from unreports.reading.furniture import is_footer_text, language_code
from unreports.records import Citation, Footnote, Heading, Line, Paragraph, ReadDocument
from unreports.structure.annex import ANNEX_LABEL_RE, Annex, annex_records
from unreports.structure.citations import find_citations
from unreports.structure.footnotes import FootnoteLine, body_markers, read_footnote_line
from unreports.structure.headings import HeadingLine, label_index, read_heading
from unreports.structure.numbering import (
    DASHES,
    Decision,
    NumberToken,
    Unit,
    decode_numbering,
    read_leading_token,
)
from unreports.structure.printed import (
    NUMBER_START_RE,
    PrintedNumbering,
    has_geometry,
    read_printed_numbering,
)
from unreports.structure.text import join_lines, normalise_text
from unreports.structure.unnumbered import OLD_FOOTNOTE_RE, UnnumberedLayout
from unreports.text.digits import to_ascii_digits

PLAIN_FOOTNOTE_RE = re.compile(r"^([0-9٠-٩۰-۹]{1,2})\s+(\S.*)$")
MAX_LABEL_SKIP = 2  # a heading label may skip one lost heading, no more
# An A4 line holds fewer characters than this at any body size: a longer line of OCR text
# is a whole block (a paragraph, or its part before a page break) that the OCR joined.
MAX_PRINTED_LINE_CHARS = 160
SENTENCE_END = (".", ":", "؛", "!", "?", ".)", ".”", ".\"", "»")
# Two paragraphs merged on one OCR line: "... end of 73. ٧٤ - Start of 74".
# English: "... end of 18. 19. Start of 19" (a number, its period, a capital).
# A document is numbered when at least this many lines start with a paragraph number and its
# separator ("12.", "١٢ -"); otherwise its paragraphs are found by layout (unnumbered.py).
MIN_NUMBERED_STARTS = 2
# Lines the reader left in the body that are page furniture (a scan's header "English",
# "Page 2", a job number): skipped in an unnumbered body rather than made paragraphs.
JOB_NUMBER_LINE_RE = re.compile(r"^\d{2}-\d{5}\b")
# OCR of the running header: a symbol alone ("s/21225"), "Page 8" misread ("Pago 5", "esge 8").
RUNNING_HEADER_RE = re.compile(
    r"^[ASEase$][/l]\S*\d{3,}\S*$|^(?:pag[eo]|paqe|esge)\s+\S{1,3}$", re.IGNORECASE
)
INLINE_START_RE = re.compile(
    rf"(?<=[.:؛)])\s+(?=[0-9٠-٩۰-۹VA•7]{{1,3}}\s*[{DASHES}]\s+\S|[0-9]{{1,3}}\.\.?\s+[A-Z])"
)


@dataclass(frozen=True)
class StructuredDocument:
    paragraphs: tuple[Paragraph, ...]
    headings: tuple[Heading, ...]
    footnotes: tuple[Footnote, ...]
    citations: tuple[Citation, ...]
    title: str | None
    reissue_note: str | None
    warnings: tuple[str, ...] = ()
    # Annex content (tables, notes, text) as Paragraph records with number_source "annex",
    # numbered apart from the body (1001.. for the first annex): see structure/annex.py.
    annex: tuple[Paragraph, ...] = ()


@dataclass
class _Segment:
    text: str
    line: Line
    unit: Unit
    chapter: str | None
    section: str | None
    headings_before: list[int] = field(default_factory=list)  # indexes into headings
    position: int = -1  # index of the line in ReadDocument.lines


@dataclass
class _Draft:
    number: int
    source: str
    token: NumberToken | None
    segments: list[_Segment]
    after_gap: bool = False


def _split_inline(text: str) -> list[tuple[str, bool]]:
    """A line split where a second paragraph number follows a sentence end."""
    pieces: list[tuple[str, bool]] = []
    start = 0
    for match in INLINE_START_RE.finditer(text):
        pieces.append((text[start:match.start()], start > 0))
        start = match.end()
    pieces.append((text[start:], start > 0))
    return [(piece, inline) for piece, inline in pieces if piece.strip()]


def build_structure(document: ReadDocument) -> StructuredDocument:
    """Page lines to paragraphs, headings, footnotes and citations: one pass files each line
    (`_LinePass`), then the body segments are cut into numbered paragraphs and the headings
    and footnotes are linked to them."""
    language = document.metadata.language
    document_id = document.source.document_id
    lines = list(document.lines)
    printed, warnings = _printed_numbering(document, lines, language)
    layout = None if _numbered(lines, printed) else UnnumberedLayout(lines)
    if layout is not None:
        printed = None  # no printed starts to take: paragraphs come from the layout
    found = _LinePass(document_id, language, lines, printed, layout)
    for position, line in enumerate(lines):
        found.read(position, line)

    segments, front, annexes = found.segments, found.front, found.annexes
    decisions = _decisions(segments, printed, layout)
    drafts = _group(segments, decisions, front)
    paragraphs = _paragraphs(document_id, drafts)
    headings = _link_headings(found.headings, segments, decisions)
    dropped_notes: list[str] = []
    footnotes = _link_footnotes(document_id, found.footnote_lines, paragraphs, dropped_notes)
    citations = _citations(document_id, paragraphs)
    reissue = next((f.text for f in footnotes if f.marker == "*"), None)
    title = normalise_text(" ".join(front)) if front else None
    body_end = paragraphs[-1].char_end + 1 if paragraphs else 0
    annex, annex_headings = annex_records(
        document_id, annexes, max((p.number for p in paragraphs), default=0), body_end, len(headings)
    )
    warnings += _numbering_warnings(paragraphs)
    warnings += _source_warnings(paragraphs, printed, layout)
    warnings += _annex_warnings(annexes, annex)
    warnings += _dropped_warnings(found.skipped, dropped_notes)
    return StructuredDocument(tuple(paragraphs), tuple(headings) + tuple(annex_headings), tuple(footnotes),
                              tuple(citations), title or None, reissue, tuple(warnings), tuple(annex))


class _LinePass:
    """The one pass over a document's lines, in reading order: each line is filed in an
    annex, as a footnote, a heading, front matter, a body segment, or skipped.

    A line's place depends on what came before it (the chapter and section it is under,
    whether the body has started, the headings waiting for their first paragraph), so the
    pass keeps that state here and reads one line at a time.
    """

    def __init__(self, document_id: str, language: str | None, lines: list[Line],
                 printed: PrintedNumbering | None, layout: UnnumberedLayout | None) -> None:
        self.document_id = document_id
        self.language = language
        self.printed = printed
        self.layout = layout
        self.body_start = layout.body_start() if layout is not None else None
        self.foot_notes = layout.footnotes(lambda text: _unnumbered_note(text) is not None, _furniture_like) \
            if layout is not None else set()
        self.annex_start = _annex_start(lines, language) if printed is not None else None
        # What the pass files.
        self.headings: list[Heading] = []
        self.footnote_lines: list[tuple[str, str, int]] = []  # marker, text, page
        self.front: list[str] = []
        self.segments: list[_Segment] = []
        self.annexes: list[Annex] = []
        self.skipped: list[Line] = []
        # Where the pass is.
        self.chapter: str | None = None
        self.section: str | None = None
        self.chapter_index = self.section_index = -1
        self.after_heading = False
        self.pending_headings: list[int] = []
        self.body_started = False
        self.previous_text = ""
        self.previous_is_block = False
        self.furniture_at: tuple[int, float] | None = None  # (page, baseline) of furniture skipped

    def read(self, position: int, line: Line) -> None:
        if self.annexes:
            self._annex_line(line)
        elif not self._footnote_or_skipped(position, line):
            self._text_line(position, line)

    def _annex_line(self, line: Line) -> None:
        # After the first annex heading every line belongs to an annex, notes included:
        # an annex table's notes ("a Authorized strength ...") are not body footnotes.
        if _starts_annex(line, self.language):
            self.annexes.append(Annex(" ".join(line.text.split()), line.page))
        else:
            self.annexes[-1].lines.append(line)

    def _footnote_or_skipped(self, position: int, line: Line) -> bool:
        """File a footnote line, or skip a line that is neither body nor heading: True if done."""
        if position in self.foot_notes:
            note = _unnumbered_note(line.text)
            if note is not None:
                self.footnote_lines.append((note.marker, note.text, line.page))
                return True
        if line.kind == "footnote" and self.layout is not None and _furniture_like(line.text):
            self.skipped.append(line)  # "/..." (continued) at a typewritten page's foot
            return True
        if line.kind == "footnote":
            self._footnote(line)
            return True
        if line.kind not in ("body", "heading"):
            self.skipped.append(line)
            return True
        return False

    def _footnote(self, line: Line) -> None:
        notes = self.footnote_lines
        note = read_footnote_line(line.text) or _plain_footnote(line.text, notes)
        if note:
            notes.append((note.marker, note.text, line.page))
        elif notes:  # a note wrapped over several lines
            marker, text, page = notes[-1]
            notes[-1] = (marker, join_lines([text, line.text]), page)
        else:
            self.skipped.append(line)  # note text with no marker to file it under: say so

    def _text_line(self, position: int, line: Line) -> None:
        """A body or heading line: a heading, front matter or a body segment."""
        heading = read_heading(line.text, self.language)
        layout = self.layout
        in_body = self.body_started or self.body_start is not None and position >= self.body_start
        if layout is not None and in_body:  # an unnumbered body
            if self._furniture(line):
                return
            if heading is None and line.kind == "heading" and layout.reads_as_prose(line):
                line = replace(line, kind="body")  # a line of prose or a list item set like a heading
        if heading is not None and heading.level in (1, 2):
            heading = self._in_sequence(heading)
        if heading is not None:
            self._heading(position, line, heading)
        elif line.kind == "heading":
            self._unnumbered_heading(line)
        elif self.body_started or self._starts_body(position, line):
            self.body_started = True
            self._body(position, line)
        else:
            self.front.append(line.text)

    def _furniture(self, line: Line) -> bool:
        """Furniture the reader left in an unnumbered body (a scan's "Page 2", a job
        number, and what shares its baseline) is no paragraph: skip it."""
        at = self.furniture_at
        if _furniture_like(line.text) or (at is not None and line.y0 is not None and at[0] == line.page
                                          and abs(at[1] - line.y0) <= 1.0):
            self.skipped.append(line)
            if line.y0 is not None and _furniture_like(line.text):
                self.furniture_at = (line.page, line.y0)
            return True
        return False

    def _in_sequence(self, heading: HeadingLine) -> HeadingLine | None:
        """Labels run in sequence (I, II / A, B); "M. Smith said" is not section M."""
        index = label_index(heading.label, heading.level)
        current = self.chapter_index if heading.level == 1 else self.section_index
        if index is None or not current < index <= current + MAX_LABEL_SKIP:
            return _as_section(heading, self.section_index)
        return heading

    def _heading(self, position: int, line: Line, heading: HeadingLine) -> None:
        if heading.part == "annex" and self._annex_after_body(position):
            self.annexes.append(Annex(" ".join(line.text.split()), line.page))
            return
        order = len(self.headings)
        if heading.level == 1:
            self.chapter, self.section = heading.label, None
            self.chapter_index, self.section_index = label_index(heading.label, 1) or 0, -1
        elif heading.level == 2:
            self.section = heading.label
            self.section_index = label_index(heading.label, 2) or 0
        self.headings.append(Heading(self.document_id, max(heading.level, 1) if heading.level else 0,
                                     heading.label, heading.title, order, line.page, None,
                                     _part(heading, self.body_started)))
        self.pending_headings.append(order)
        self.after_heading = True
        if heading.level == 1:
            self.body_started = True

    def _annex_after_body(self, position: int) -> bool:
        """An annex after numbered paragraphs is not body text; a letter whose numbered
        paragraphs are all in its annex keeps them."""
        if self.printed is not None:
            return position == self.annex_start
        if self.layout is not None:
            return self.body_started
        return any(s.unit.token is not None and s.unit.token.has_dash for s in self.segments)

    def _unnumbered_heading(self, line: Line) -> None:
        # Set apart by the layout (bold, underlined, larger) but unnumbered: the title
        # before the body, a subheading inside it.
        if self.body_started:
            self.headings.append(Heading(self.document_id, 3, None, normalise_text(line.text),
                                         len(self.headings), line.page, None, "body"))
            self.pending_headings.append(len(self.headings) - 1)
            self.after_heading = True
        else:
            self.front.append(line.text)

    def _starts_body(self, position: int, line: Line) -> bool:
        if self.layout is not None:
            return self.body_start is not None and position >= self.body_start
        if self.printed is not None:
            return position in self.printed.starts
        token = read_leading_token(line.text)
        return token is not None and token.has_dash

    def _body(self, position: int, line: Line) -> None:
        # A text layer prints paragraph numbers only at the start position: a line is never
        # split at a number in its middle, and only a printed start carries a token.
        pieces = (
            [(line.text, False)] if self.printed is not None or self.layout is not None
            else _split_inline(line.text)
        )
        for piece, inline in pieces:
            previous_text = self.previous_text
            unit = Unit(
                token=self._token(position, piece),
                after_heading=self.after_heading,
                previous_ends_sentence=previous_text.rstrip().endswith(SENTENCE_END) or not previous_text,
                inline=inline,
                block_start=self.previous_is_block and not inline,
            )
            self.segments.append(
                _Segment(piece, line, unit, self.chapter, self.section, self.pending_headings, position)
            )
            self.pending_headings = []  # a new list: the segment keeps the one it was given
            self.after_heading = False
            self.previous_text = piece
        self.previous_is_block = line.y0 is None and len(line.text) > MAX_PRINTED_LINE_CHARS

    def _token(self, position: int, piece: str) -> NumberToken | None:
        if self.layout is not None:
            return None
        if self.printed is not None:
            start = self.printed.starts.get(position)
            return start.token if start is not None else None
        return read_leading_token(piece)


def _decisions(segments: list[_Segment], printed: PrintedNumbering | None,
               layout: UnnumberedLayout | None) -> list[Decision]:
    """Which segments start a paragraph, and its number: by layout, printed starts or the decoder."""
    if layout is not None:
        return _layout_decisions(segments, layout)
    if printed is not None:
        return _printed_decisions(segments, printed)
    return decode_numbering([s.unit for s in segments])


def _source_warnings(paragraphs: list[Paragraph], printed: PrintedNumbering | None,
                     layout: UnnumberedLayout | None) -> list[str]:
    warnings = []
    if layout is not None and paragraphs:
        warnings.append(f"paragraphs not numbered in the document: {len(paragraphs)} paragraphs by layout "
                        "(number_source unnumbered: an ordinal, not a printed number)")
    if printed is not None and printed.out_of_sequence:
        warnings.append("numbers at the paragraph position that do not fit the printed sequence, kept as "
                        "text of the paragraph above: "
                        + "; ".join(f"p. {page} {number!r}" for page, number in printed.out_of_sequence[:10]))
    return warnings


def _dropped_warnings(skipped: list[Line], dropped_notes: list[str]) -> list[str]:
    warnings = []
    if skipped:
        warnings.append(f"{len(skipped)} lines skipped (no paragraph, heading or footnote to hold them): "
                        + "; ".join(f"p. {line.page} {line.text[:40]!r}" for line in skipped[:5]))
    if dropped_notes:
        warnings.append("footnotes printed twice, the later text dropped: " + "; ".join(dropped_notes[:5]))
    return warnings


def _printed_numbering(document: ReadDocument, lines: list[Line],
                       language: str | None) -> tuple[PrintedNumbering | None, list[str]]:
    """The printed-layout numbering of a born-digital PDF, or None for the OCR decoder.

    OCR text ("ocr"), a scan's OCR layer ("ocr_layer") and text without geometry get the
    decoder with look-alike repair. So does a text layer whose numbers are themselves OCR
    output (letters for digits, mixed digit scripts, numbers out of sequence), with a warning.
    """
    if document.metadata.text_source != "text_layer" or not has_geometry(lines):
        return None, []
    annex_start = _annex_start(lines, language)
    printed = read_printed_numbering(lines[:annex_start] if annex_start is not None else lines)
    if printed.looks_like_ocr:
        warning = (f"text layer reads like OCR ({printed.ocr_signs} paragraph numbers with look-alike "
                   "characters or out of sequence): numbers decoded as OCR, with repair")
        return None, [warning]
    return printed, []


def _numbered(lines: list[Line], printed: PrintedNumbering | None) -> bool:
    """Does the document print paragraph numbers? A text layer: its printed layout found
    paragraph starts. OCR-grade text: enough lines start with a number and its separator."""
    if printed is not None:
        return bool(printed.starts)
    starts = 0
    for line in lines:
        if line.kind not in ("body", "heading"):
            continue
        for piece, _ in _split_inline(line.text):
            token = read_leading_token(piece)
            if token is not None and token.has_dash:
                starts += 1
                if starts >= MIN_NUMBERED_STARTS:
                    return True
    return False


def _unnumbered_note(text: str) -> FootnoteLine | None:
    """A footnote line left in an unnumbered body: a marked note or an old "1/ ..." one."""
    note = read_footnote_line(text)
    if note is not None:
        return note
    match = OLD_FOOTNOTE_RE.match(text)
    if match is None:
        return None
    marker = match.group("marker").translate(str.maketrans("il]|", "1111"))
    return FootnoteLine(marker, text[match.end("marker") + 1:].strip())


def _furniture_like(text: str) -> bool:
    stripped = " ".join(text.split())
    return (is_footer_text(stripped) or language_code(stripped) is not None and len(stripped.split()) == 1
            or JOB_NUMBER_LINE_RE.match(stripped) is not None or RUNNING_HEADER_RE.match(stripped) is not None
            or sum(c.isalnum() for c in stripped) <= 1)


def _layout_decisions(segments: list[_Segment], layout: UnnumberedLayout) -> list[Decision]:
    """Paragraphs 1..N of an unnumbered body: a new one where the layout ends a block."""
    decisions = []
    number = 0
    previous: Line | None = None
    for segment in segments:
        if segment.unit.after_heading or layout.starts_block(previous, segment.line):
            number += 1
            decisions.append(Decision(number, "unnumbered"))
        else:
            decisions.append(Decision(None, None))
        previous = segment.line
    return decisions


def _annex_start(lines: list[Line], language: str | None) -> int | None:
    """The first annex heading after a line that starts like a numbered paragraph."""
    numbered = False
    for position, line in enumerate(lines):
        if line.kind not in ("body", "heading"):
            continue
        heading = read_heading(line.text, language)
        if heading is not None and heading.part == "annex" and numbered:
            return position
        numbered = numbered or (line.kind == "body" and NUMBER_START_RE.match(line.text.strip()) is not None)
    return None


def _starts_annex(line: Line, language: str | None) -> bool:
    """A further annex: an annex heading set apart by the layout, or the bare label ("Annex II")."""
    if line.kind not in ("body", "heading"):
        return False
    heading = read_heading(line.text, language)
    if heading is None or heading.part != "annex":
        return False
    return line.kind == "heading" or ANNEX_LABEL_RE.fullmatch(" ".join(line.text.split())) is not None


def _printed_decisions(segments: list[_Segment], printed: PrintedNumbering) -> list[Decision]:
    decisions = []
    for segment in segments:
        start = printed.starts.get(segment.position)
        if start is not None and segment.unit.token is not None:
            decisions.append(Decision(start.value, "printed", after_gap=start.after_gap))
        else:
            decisions.append(Decision(None, None))
    return decisions


def _annex_warnings(annexes: list[Annex], units: list[Paragraph]) -> list[str]:
    if not annexes:
        return []
    described = []
    for annex in annexes:
        mine = [u for u in units if u.chapter == annex.label]
        described.append(f"{annex.label} (p. {annex.page}, {len(mine)} units)")
    return ["annex content kept apart from the body paragraphs, as annex units: " + "; ".join(described)]


def _as_section(heading: HeadingLine, section_index: int) -> HeadingLine | None:
    """"I. Human rights" after section H is section I, not chapter I."""
    if heading.level != 1 or heading.label is None or len(heading.label) != 1:
        return None
    index = label_index(heading.label, 2)
    if index is None or not section_index < index <= section_index + MAX_LABEL_SKIP:
        return None
    return HeadingLine(2, heading.label, heading.title, heading.part)


def _plain_footnote(text: str, notes: list[tuple[str, str, int]]) -> FootnoteLine | None:
    """A line under the footnote rule starting with the next footnote number ("3 See ...")."""
    match = PLAIN_FOOTNOTE_RE.match(text)
    if not match:
        return None
    numbered = [int(m) for m, _, _ in notes if m.isdigit()]
    marker = int(to_ascii_digits(match.group(1)))
    if marker != (numbered[-1] + 1 if numbered else marker):
        return None
    return FootnoteLine(str(marker), match.group(2).strip())


def _part(heading: HeadingLine, body_started: bool) -> str:
    if heading.part != "body":
        return heading.part
    return "body" if body_started or heading.level == 1 else "front"


def _group(segments: list[_Segment], decisions: list[Decision], front: list[str]) -> list[_Draft]:
    drafts: list[_Draft] = []
    for segment, decision in zip(segments, decisions, strict=True):
        if decision.number is not None:
            drafts.append(_Draft(decision.number, decision.source or "printed", segment.unit.token, [segment],
                                 decision.after_gap))
        elif drafts:
            drafts[-1].segments.append(segment)
        else:
            front.append(segment.text)  # text before paragraph 1
    return drafts


def _paragraphs(document_id: str, drafts: list[_Draft]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    offset = 0
    for draft in drafts:
        first = draft.segments[0]
        texts = [s.text for s in draft.segments]
        as_read = join_lines(texts)
        body_texts = list(texts)
        printed = None
        if draft.token is not None and draft.source != "inferred":
            printed = draft.token.printed
            body_texts[0] = texts[0].strip()[draft.token.length:] if draft.token.length else texts[0]
            body_texts[0] = body_texts[0].lstrip().lstrip(DASHES + ". ").lstrip()
        text = normalise_text(join_lines(body_texts))
        flags: tuple[str, ...] = ("start_missing",) if draft.source == "inferred" else ()
        if draft.after_gap:
            flags += ("previous_paragraph_missing",)
        paragraphs.append(Paragraph(
            document_id=document_id,
            number=draft.number,
            number_source=draft.source,
            chapter=first.chapter,
            section=first.section,
            text=text,
            text_as_read=as_read,
            page_start=first.line.page,
            page_end=draft.segments[-1].line.page,
            char_start=offset,
            char_end=offset + len(text),
            number_as_printed=printed,
            flags=flags,
        ))
        offset += len(text) + 1  # paragraphs are joined with "\n" in the document text
    return paragraphs


def _link_headings(headings: list[Heading], segments: list[_Segment],
                   decisions: list[Decision]) -> list[Heading]:
    """Each heading learns the number of the first paragraph after it."""
    following: dict[int, int | None] = {}
    next_number: int | None = None
    for segment, decision in reversed(list(zip(segments, decisions, strict=True))):
        if decision.number is not None:
            next_number = decision.number
        for index in segment.headings_before:
            following[index] = next_number
    linked = []
    for heading in headings:
        number = following.get(heading.order)
        linked.append(Heading(heading.document_id, heading.level, heading.label, heading.title,
                              heading.order, heading.page, number, heading.part))
    return linked


def _link_footnotes(document_id: str, notes: list[tuple[str, str, int]],
                    paragraphs: list[Paragraph], dropped: list[str]) -> list[Footnote]:
    carrier: dict[str, int] = {}
    for paragraph in paragraphs:
        for marker, _, _ in body_markers(paragraph.text):
            carrier.setdefault(marker, paragraph.number)
    footnotes: dict[str, Footnote] = {}
    for marker, text, page in notes:
        if marker in footnotes:  # OCR repeats a note; keep the first reading, say what went
            dropped.append(f"{marker} (p. {page}) {text[:40]!r}")
            continue
        number = None if marker == "*" else carrier.get(marker)
        footnotes[marker] = Footnote(document_id, marker, normalise_text(text), number, page)
    return list(footnotes.values())


def _citations(document_id: str, paragraphs: list[Paragraph]) -> list[Citation]:
    citations = []
    for paragraph in paragraphs:
        for found in find_citations(paragraph.text):
            citations.append(Citation(document_id, paragraph.number, found.kind, found.symbol,
                                      found.as_printed, found.repaired, found.start, found.end))
    return citations


def _numbering_warnings(paragraphs: list[Paragraph]) -> list[str]:
    repaired = sum(1 for p in paragraphs if p.number_source == "repaired")
    inferred = [p.number for p in paragraphs if p.number_source == "inferred"]
    warnings = []
    if repaired:
        warnings.append(f"{repaired} paragraph numbers repaired from misprinted tokens")
    if inferred:
        warnings.append(f"paragraph numbers inferred (start missing): {inferred}")
    missing = [n for previous, paragraph in pairwise(paragraphs) if paragraph.number - previous.number > 1
               for n in range(previous.number + 1, paragraph.number)]
    if paragraphs and paragraphs[0].number > 1:
        missing = list(range(1, paragraphs[0].number)) + missing
    if missing:
        warnings.append(f"paragraph numbers not found in the text (kept as a gap): {missing[:20]}")
    return warnings
