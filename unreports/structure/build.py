"""The structure stage: page lines -> numbered paragraphs, headings, footnotes, citations."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from unreports.records import Citation, Footnote, Heading, Line, Paragraph, ReadDocument
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
from unreports.text.digits import normalise_arabic, to_ascii_digits

PLAIN_FOOTNOTE_RE = re.compile(r"^([0-9٠-٩۰-۹]{1,2})\s+(\S.*)$")
MAX_LABEL_SKIP = 2  # a heading label may skip one lost heading, no more
# An A4 line holds fewer characters than this at any body size: a longer line of OCR text
# is a whole block (a paragraph, or its part before a page break) that the OCR joined.
MAX_PRINTED_LINE_CHARS = 160
SENTENCE_END = (".", ":", "؛", "!", "?", ".)", ".”", ".\"", "»")
# Two paragraphs merged on one OCR line: "... end of 73. ٧٤ - Start of 74".
INLINE_START_RE = re.compile(
    rf"(?<=[.:؛)])\s+(?=[0-9٠-٩۰-۹VA•7]{{1,3}}\s*[{DASHES}]\s+\S)"
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


@dataclass
class _Segment:
    text: str
    line: Line
    unit: Unit
    chapter: str | None
    section: str | None
    headings_before: list[int] = field(default_factory=list)  # indexes into headings


@dataclass
class _Draft:
    number: int
    source: str
    token: NumberToken | None
    segments: list[_Segment]
    after_gap: bool = False


def normalise_text(text: str) -> str:
    """Published paragraph text: presentation forms folded, tatweel removed, spaces collapsed.

    Digits stay in the script they were printed in; readers of numbers accept all three.
    """
    return " ".join(normalise_arabic(text).split())


def join_lines(parts: list[str]) -> str:
    """Join visual lines of one paragraph; an English word broken with a hyphen is rejoined."""
    joined = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if joined.endswith("-") and len(joined) > 1 and joined[-2].isalpha() and part[:1].islower():
            joined += part
        else:
            joined = f"{joined} {part}" if joined else part
    return joined


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
    language = document.metadata.language
    document_id = document.source.document_id
    headings: list[Heading] = []
    footnote_lines: list[tuple[str, str, int]] = []  # marker, text, page
    front: list[str] = []
    segments: list[_Segment] = []
    chapter: str | None = None
    section: str | None = None
    after_heading = False
    pending_headings: list[int] = []
    body_started = False
    in_annex = False
    previous_text = ""
    previous_is_block = False
    chapter_index = section_index = -1

    for line in document.lines:
        if line.kind == "footnote":
            note = read_footnote_line(line.text) or _plain_footnote(line.text, footnote_lines)
            if note:
                footnote_lines.append((note.marker, note.text, line.page))
            elif footnote_lines:  # a note wrapped over several lines
                marker, text, page = footnote_lines[-1]
                footnote_lines[-1] = (marker, join_lines([text, line.text]), page)
            continue
        if line.kind not in ("body", "heading") or in_annex:
            continue
        heading = read_heading(line.text, language)
        if heading is not None and heading.level in (1, 2):
            # Labels run in sequence (I, II / A, B); "M. Smith said" is not section M.
            index = label_index(heading.label, heading.level)
            current = chapter_index if heading.level == 1 else section_index
            if index is None or not current < index <= current + MAX_LABEL_SKIP:
                heading = _as_section(heading, section_index)
        if heading is not None:
            # An annex after numbered paragraphs is not body text; a letter whose numbered
            # paragraphs are all in its annex keeps them.
            if heading.part == "annex" and any(s.unit.token is not None and s.unit.token.has_dash
                                               for s in segments):
                in_annex = True
                continue
            order = len(headings)
            if heading.level == 1:
                chapter, section = heading.label, None
                chapter_index, section_index = label_index(heading.label, 1) or 0, -1
            elif heading.level == 2:
                section = heading.label
                section_index = label_index(heading.label, 2) or 0
            headings.append(Heading(document_id, max(heading.level, 1) if heading.level else 0,
                                    heading.label, heading.title, order, line.page, None,
                                    _part(heading, body_started)))
            pending_headings.append(order)
            after_heading = True
            if heading.level == 1:
                body_started = True
            continue
        if heading is None and line.kind == "heading":
            # Set apart by the layout (bold, underlined, larger) but unnumbered: the title
            # before the body, a subheading inside it.
            if body_started:
                headings.append(Heading(document_id, 3, None, normalise_text(line.text), len(headings),
                                        line.page, None, "body"))
                pending_headings.append(len(headings) - 1)
                after_heading = True
            else:
                front.append(line.text)
            continue
        if not body_started:
            token = read_leading_token(line.text)
            if token is None or not token.has_dash:
                front.append(line.text)
                continue
            body_started = True
        for piece, inline in _split_inline(line.text):
            unit = Unit(
                token=read_leading_token(piece),
                after_heading=after_heading,
                previous_ends_sentence=previous_text.rstrip().endswith(SENTENCE_END) or not previous_text,
                inline=inline,
                block_start=previous_is_block and not inline,
            )
            segments.append(_Segment(piece, line, unit, chapter, section, pending_headings))
            pending_headings = []
            after_heading = False
            previous_text = piece
        previous_is_block = line.y0 is None and len(line.text) > MAX_PRINTED_LINE_CHARS

    decisions = decode_numbering([s.unit for s in segments])
    drafts = _group(segments, decisions, front)
    paragraphs = _paragraphs(document_id, drafts)
    headings = _link_headings(headings, segments, decisions)
    footnotes = _link_footnotes(document_id, footnote_lines, paragraphs)
    citations = _citations(document_id, paragraphs)
    reissue = next((f.text for f in footnotes if f.marker == "*"), None)
    title = normalise_text(" ".join(front)) if front else None
    warnings = _numbering_warnings(paragraphs)
    return StructuredDocument(tuple(paragraphs), tuple(headings), tuple(footnotes), tuple(citations),
                              title or None, reissue, tuple(warnings))


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
    for segment, decision in zip(segments, decisions):
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
        flags = ("start_missing",) if draft.source == "inferred" else ()
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
    for segment, decision in reversed(list(zip(segments, decisions))):
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
                    paragraphs: list[Paragraph]) -> list[Footnote]:
    carrier: dict[str, int] = {}
    for paragraph in paragraphs:
        for marker, _, _ in body_markers(paragraph.text):
            carrier.setdefault(marker, paragraph.number)
    footnotes: dict[str, Footnote] = {}
    for marker, text, page in notes:
        if marker in footnotes:  # OCR repeats a note; keep the first reading
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
    return warnings
