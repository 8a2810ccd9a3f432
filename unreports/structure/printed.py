"""Paragraph numbers of a born-digital PDF, read from its printed layout.

A text layer's digits are exact: "10" at the start of a line is ten, never a misread "115".
What needs deciding is only whether a line that starts with a number starts a paragraph.
UN layout answers that: a paragraph number sits at the paragraph-start position (the left
edge of the body for left-to-right text, the right edge for right-to-left), followed by its
period ("12.") or dash ("١٢ -"), and the numbers follow each other. A line that starts with
a figure or a date ("10 April 2011 after ...", "25 per cent ...") is a wrapped line of the
paragraph above and keeps all its text.

Nothing here repairs look-alikes, renumbers or invents a number: a printed gap stays a gap
(flagged), and a well-formed number that does not fit the sequence stays inside the text of
the paragraph it was printed in (and a warning names it).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from unreports.records import Line
from unreports.structure.numbering import NumberToken, read_leading_token
from unreports.text.digits import DIGIT_CHARACTERS, to_ascii_digits

_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
# "12. Text" (the period then the tab stop) or "١٢ - نص" / "12 - Text" (a dash between spaces).
NUMBER_START_RE = re.compile(rf"^(?P<digits>[{_DIGIT}]{{1,3}})(?:\.(?=\s)|\s*[-–—−]\s)(?=\s*\S)")
# A paragraph number starts where the body's numbered lines start, give or take this much
# (x body font size): the number is set flush with the margin, so the spread is tiny.
POSITION_TOLERANCE = 0.5
# A position is a paragraph-start position if this share of the well-formed numbered lines
# start there (a document can have two, e.g. mirrored margins on odd and even pages).
MIN_POSITION_SHARE = 0.1
POSITION_BIN = 2.0  # points: numbered lines are grouped by their start rounded to this
# Choosing which well-formed numbers start paragraphs (a longest-sequence fit): each start
# is worth START, each printed number skipped costs SKIPPED, and a start that the layout
# also marks as a paragraph boundary (the line before it ended short, ended a sentence,
# or a heading or a page top precedes it) is worth BOUNDARY_BONUS more, which decides
# between a stray "13 - 15 April" inside paragraph 12 and the real paragraph 13.
START = 1.0
SKIPPED = 0.6
BOUNDARY_BONUS = 0.5
SHORT_LINE = 2.0  # x font size short of the column edge: the last line of a paragraph
SENTENCE_END = (".", ":", "؛", "!", "?", ".)", ".”", ".\"", "»", ";")
# A text layer whose paragraph numbers are printed with letters for digits ("1V -"), mixed
# digit scripts ("7٧ -") or out of sequence this often is OCR text in a PDF: its numbers are
# read by the OCR decoder instead (see build.py).
MAX_OCR_SIGNS = 2
MAX_OCR_SIGN_SHARE = 0.1


@dataclass(frozen=True)
class PrintedStart:
    index: int  # position of the line in the lines given
    value: int
    token: NumberToken
    after_gap: bool  # numbers between the previous start and this one were not printed


@dataclass(frozen=True)
class PrintedNumbering:
    starts: dict[int, PrintedStart]  # line index -> the paragraph it starts
    positions: tuple[float, ...]  # the paragraph-start positions found
    out_of_sequence: tuple[tuple[int, str], ...]  # (page, number) kept as text, not a start
    ocr_signs: int  # look-alike or out-of-sequence numbers at the start position

    @property
    def looks_like_ocr(self) -> bool:
        return self.ocr_signs > max(MAX_OCR_SIGNS, MAX_OCR_SIGN_SHARE * len(self.starts))


def has_geometry(lines: list[Line]) -> bool:
    return any(line.x0 is not None and line.x1 is not None for line in lines)


def read_printed_numbering(lines: list[Line]) -> PrintedNumbering:
    """The paragraph starts among body `lines` (all lines of one document, reading order)."""
    rtl = _mostly_rtl(lines)
    candidates = {
        i: m
        for i, line in enumerate(lines)
        if line.kind == "body" and line.x0 is not None and (m := NUMBER_START_RE.match(line.text.strip()))
    }
    positions = _start_positions([lines[i] for i in candidates], rtl)
    at_position = [i for i in candidates if _at_position(lines[i], positions, rtl)]
    chosen = _fit_sequence(lines, at_position, {i: _value(candidates[i]) for i in at_position})
    starts: dict[int, PrintedStart] = {}
    previous = 0
    for i in chosen:
        match = candidates[i]
        value = _value(match)
        token = NumberToken(match.group(0).strip(), match.group("digits"), True, match.end())
        starts[i] = PrintedStart(i, value, token, after_gap=value > previous + 1)
        previous = value
    out_of_sequence = tuple(
        (lines[i].page, candidates[i].group(0).strip()) for i in at_position if i not in starts
    )
    signs = len(out_of_sequence) + _lookalike_numbers(lines, positions, rtl)
    return PrintedNumbering(starts, positions, out_of_sequence, signs)


def _value(match: re.Match[str]) -> int:
    return int(to_ascii_digits(match.group("digits")))


def _mostly_rtl(lines: list[Line]) -> bool:
    body = [line.direction for line in lines if line.kind == "body"]
    return body.count("rtl") > len(body) / 2


def _edge(line: Line, rtl: bool) -> float:
    return float(line.x1 if rtl else line.x0)  # type: ignore[arg-type]


def _start_positions(numbered: list[Line], rtl: bool) -> tuple[float, ...]:
    """Where this document sets its paragraph numbers, from the lines that look numbered.

    Continuation lines that happen to start with "12." are few next to the real starts, so
    the position most numbered lines share is a paragraph-start position, and so is any
    other that at least MIN_POSITION_SHARE of them (and two or more) share.
    """
    if not numbered:
        return ()
    bins = Counter(round(_edge(line, rtl) / POSITION_BIN) for line in numbered)
    floor = max(2, MIN_POSITION_SHARE * len(numbered))
    dominant = bins.most_common(1)[0][0]
    return tuple(sorted(b * POSITION_BIN for b, count in bins.items() if count >= floor or b == dominant))


def _at_position(line: Line, positions: tuple[float, ...], rtl: bool) -> bool:
    tolerance = max(POSITION_BIN, POSITION_TOLERANCE * (line.font_size or 10.0))
    return any(abs(_edge(line, rtl) - x) <= tolerance for x in positions)


def _fit_sequence(lines: list[Line], indexes: list[int], values: dict[int, int]) -> list[int]:
    """The well-formed numbers that start paragraphs: the best increasing subsequence.

    Quadratic in the number of candidates (a few hundred at most in a report).
    """
    best: list[float] = []
    back: list[int | None] = []
    for k, i in enumerate(indexes):
        gain = START + (BOUNDARY_BONUS if _boundary_before(lines, i) else 0.0)
        # The first start may be any number (a report can continue another's numbering).
        score, link = gain - (SKIPPED if values[i] > 1 else 0.0), None
        for j in range(k):
            previous = values[indexes[j]]
            if previous < values[i]:
                candidate = best[j] + gain - SKIPPED * (values[i] - previous - 1)
                if candidate > score:
                    score, link = candidate, j
        best.append(score)
        back.append(link)
    if not best or max(best) <= 0:
        return []
    at: int | None = max(range(len(best)), key=lambda n: (best[n], -n))
    chosen = []
    while at is not None:
        chosen.append(indexes[at])
        at = back[at]
    return sorted(chosen)


def _boundary_before(lines: list[Line], index: int) -> bool:
    """The layout ends a paragraph just before line `index`."""
    previous = next(
        (lines[j] for j in range(index - 1, -1, -1) if lines[j].kind in ("body", "heading")), None
    )
    line = lines[index]
    if previous is None or previous.kind == "heading" or previous.page != line.page:
        return True
    if previous.text.rstrip().endswith(SENTENCE_END):
        return True
    size = line.font_size or 10.0
    if previous.x0 is None or previous.x1 is None or line.x0 is None or line.x1 is None:
        return False
    # The last line of a paragraph stops short of the column edge the next line reaches.
    if line.direction == "rtl":
        return previous.x0 - line.x0 > SHORT_LINE * size
    return line.x1 - previous.x1 > SHORT_LINE * size


def _lookalike_numbers(lines: list[Line], positions: tuple[float, ...], rtl: bool) -> int:
    """Numbers at the start position printed with letters for digits or mixed scripts."""
    count = 0
    for line in lines:
        if line.kind != "body" or line.x0 is None or not _at_position(line, positions, rtl):
            continue
        token = read_leading_token(line.text)
        if token is None or not token.has_dash:
            continue
        characters = token.characters
        scripts = {ord(c) // 16 for c in characters if c in DIGIT_CHARACTERS}
        if any(c not in DIGIT_CHARACTERS for c in characters) or len(scripts) > 1:
            count += 1
    return count
