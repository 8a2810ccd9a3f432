"""Paragraphs of a document that prints no paragraph numbers, from its layout.

Most UN documents are letters and notes verbales of one to five pages: their paragraphs are
not numbered. Their body is still published as paragraphs, numbered 1..N in reading order
with number_source "unnumbered" (an ordinal, not a printed number: unlike printed numbers
it is no join key across language versions). build.py decides whether a document is
numbered at all; a document with printed numbers never gets unnumbered paragraphs.

Where a paragraph ends, for lines with geometry (a PDF page, our own OCR of a scan):

- a vertical gap wider than the page's usual line spacing (a blank line, paragraph space);
- a first-line indent: a line set in from the left margin (right margin, right to left)
  after a line that was not;
- a short line: the line before stopped where the next line's first word would have fit,
  and it ended a sentence (a deliberate break, not a wrap), or it is less than half the
  column wide (a salutation, "Sir,", a one-line caption);
- a list item "12)" starts its own paragraph (list items are text, never paragraph
  numbers: see numbering.read_leading_token);
- across a page break, only a sentence end followed by an indent or a short last line.

For OCR text without geometry (read_text drops blank lines): a line that ends a sentence
where the next line's first word would still have fit within the document's usual (long)
line length, a line of a whole block (longer than a printed line can be), a very short
line, or a list item.

Where the body starts (what comes before is front matter, the title): at the block of the
first line of prose, a line that spans the column and holds several words, that is not the
letter's own title ("Letter dated ... addressed to the Secretary-General").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from statistics import median

from unreports.records import Line

SENTENCE_END = (".", ":", "؛", "!", "?", ".)", ".”", ".\"", "»", ";", ")")
GAP_FACTOR = 1.3  # x the page's median line spacing: a wider gap is a blank line
INDENT = 1.5  # x font size: a first line set in this far from the margin is indented
MARGIN_BIN = 3.0  # points: line starts are grouped by this to find the margin
FIT_SLACK = 1.0  # x font size kept free at the line end when asking "would the word fit"
SHORT_SHARE = 0.5  # of the column width: a shorter line ends its paragraph
PROSE_SHARE = 0.75  # of the column width: a line of prose spans at least this much
PROSE_WORDS = 6
MIN_PAGE_GAPS = 4  # line gaps a page needs to have a spacing of its own
FAR_IN = 6.0  # x font size: a line this far in after a page break is a new block (a centred title)
# Old UN footnotes ("1/ See A/45/50."), with the digit as OCR reads it ("i/", "]/").
OLD_FOOTNOTE_RE = re.compile(r"^\s*(?P<marker>[0-9il\]|]{1,2})/\s+\S")
# OCR text without geometry.
TEXT_SHORT_SHARE = 0.8  # of the usual line length: a line of prose is at least this long
TEXT_VERY_SHORT_SHARE = 0.5
MAX_PRINTED_LINE_CHARS = 160  # a longer OCR text line is a whole block (see build.py)
LIST_ITEM_RE = re.compile(r"^\s*\(?[0-9٠-٩]{1,3}\s*\)\s+\S|^\s*\([a-z]{1,3}\)\s+\S")
LETTER_TITLE_RE = re.compile(
    r"^(?:identical\s+)?(?:letters?|note\s+verbale|notes\s+verbales)\s+dated\b|^(?:note|report)\s+by\s+the\b"
    r"|^(?:رسالة|رسالتان|مذكرة\s+شفوية)\s+(?:مؤرخة|متطابقتان)",
    re.IGNORECASE,
)

# Where a letter's title ends ("... addressed to the Secretary-General"): the body follows.
TITLE_END_RE = re.compile(
    r"addressed\s+to\s+the\s+(?:Secretary-General|President\s+of\s+the\s+[\w ]+)\s*$|إلى الأمين العام\s*$",
    re.IGNORECASE)


@dataclass(frozen=True)
class _PageMetrics:
    left: float  # the body's left margin
    right: float  # the body's right edge (where full lines end)
    spacing: float | None  # median distance between consecutive baselines


def _metrics(lines: list[Line]) -> dict[int, _PageMetrics]:
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        if line.kind in ("body", "heading") and _geometric(line):
            by_page.setdefault(line.page, []).append(line)
    spacings: dict[int, list[float]] = {}
    for page, page_lines in by_page.items():
        body = [line for line in page_lines if line.kind == "body"]
        spacings[page] = [a.y0 - b.y0 for a, b in pairwise(body)  # type: ignore[operator]
                          if 0 < a.y0 - b.y0 < 3 * (b.font_size or 10.0)]  # type: ignore[operator]
    everywhere = [gap for gaps in spacings.values() for gap in gaps]
    metrics = {}
    for page, page_lines in by_page.items():
        starts = Counter(round(line.x0 / MARGIN_BIN) for line in page_lines)  # type: ignore[operator]
        # The margin: the most common start, or a common start further out (first lines are indented).
        common = max(starts.values())
        left = min(b for b, n in starts.items() if n >= max(2, common / 3) or n == common) * MARGIN_BIN
        ends = [line.x1 for line in page_lines if line.x1 is not None]  # all of them: _geometric
        ends.sort()
        right = ends[int(0.9 * (len(ends) - 1))]
        # A page with few lines of running text takes the document's line spacing.
        gaps = spacings[page] if len(spacings[page]) >= MIN_PAGE_GAPS else everywhere
        metrics[page] = _PageMetrics(left, max(right, left + 1.0), median(gaps) if gaps else None)
    return metrics


def _geometric(line: Line) -> bool:
    return line.x0 is not None and line.x1 is not None and line.y0 is not None


class UnnumberedLayout:
    """Block boundaries and the body start of one document's lines (reading order)."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.pages = _metrics(lines)
        lengths = sorted(
            len(line.text.strip()) for line in lines if line.kind == "body" and not _geometric(line)
        )
        self.usual_length = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0

    # ----------------------------------------------------------------------------------
    # Block boundaries

    def starts_block(self, previous: Line | None, line: Line) -> bool:
        """Does `line` start a new paragraph after `previous` (the body line before it)?"""
        if previous is None:
            return True
        if LIST_ITEM_RE.match(line.text):
            return True
        if _geometric(previous) and _geometric(line):
            return self._starts_block_on_page(previous, line)
        return self._starts_block_in_text(previous, line)

    def _starts_block_on_page(self, previous: Line, line: Line) -> bool:
        before, here = self.pages.get(previous.page), self.pages.get(line.page)
        if before is None or here is None:
            return True
        size = line.font_size or 10.0
        ends_sentence = previous.text.rstrip().endswith(SENTENCE_END)
        indented = (
            self._indent(line, here) > INDENT * size and self._indent(previous, before) <= INDENT * size
        )
        if previous.page != line.page:
            if self._indent(line, here) > FAR_IN * size:
                return True
            return ends_sentence and (indented or self._room_left(previous, before) > 3 * size)
        gap = previous.y0 - line.y0  # type: ignore[operator]
        if here.spacing is not None and gap > GAP_FACTOR * here.spacing:
            return True
        if gap <= 0:  # a line beside the previous one (a cell, a right-aligned signature)
            return False
        if indented:
            return True
        width = previous.x1 - previous.x0  # type: ignore[operator]
        if width < SHORT_SHARE * (here.right - here.left):
            return True
        return ends_sentence and self._would_fit(previous, line, here)

    def _indent(self, line: Line, page: _PageMetrics) -> float:
        if line.direction == "rtl":
            return page.right - line.x1  # type: ignore[operator]
        return line.x0 - page.left  # type: ignore[operator]

    def _room_left(self, line: Line, page: _PageMetrics) -> float:
        if line.direction == "rtl":
            return line.x0 - page.left  # type: ignore[operator]
        return page.right - line.x1  # type: ignore[operator]

    def _would_fit(self, previous: Line, line: Line, page: _PageMetrics) -> bool:
        """The first word of `line` would have fit at the end of `previous`."""
        text = previous.text.strip()
        if not text:
            return True
        per_character = (previous.x1 - previous.x0) / len(text)  # type: ignore[operator]
        words = line.text.split()  # logical order: the first word is words[0] in either direction
        first = words[0] if words else ""
        needed = (len(first) + 1) * per_character + FIT_SLACK * (line.font_size or 10.0)
        return self._room_left(previous, page) > needed

    def _starts_block_in_text(self, previous: Line, line: Line) -> bool:
        text = previous.text.strip()
        if len(text) > MAX_PRINTED_LINE_CHARS:
            return True  # the previous line was a whole block
        usual = self.usual_length or len(text)
        if len(text) < TEXT_VERY_SHORT_SHARE * usual:
            return True
        first = line.text.split()[0] if line.text.split() else ""
        # A sentence end where the next line's first word would have fit: a deliberate break.
        return text.endswith(SENTENCE_END) and len(text) + 1 + len(first) <= usual

    # ----------------------------------------------------------------------------------
    # Footnotes at the foot of a page the reader left in the body (no rule, same size)

    def footnotes(self, is_note: Callable[[str], bool], is_furniture: Callable[[str], bool]) -> set[int]:
        """Positions of lines at the bottom of a page (below its last line of running text,
        with only furniture after them) that read as footnotes."""
        found: set[int] = set()
        last_page_index: dict[int, int] = {}
        for i, line in enumerate(self.lines):
            if line.kind in ("body", "heading") and _geometric(line):
                last_page_index[line.page] = i
        furniture = {(line.page, round(line.y0)) for line in self.lines  # type: ignore[arg-type]
                     if _geometric(line) and line.kind in ("body", "heading") and is_furniture(line.text)}

        def beside_furniture(line: Line) -> bool:  # shares a baseline with furniture (a job number's barcode)
            return any((line.page, round(line.y0) + d) in furniture for d in (-1, 0, 1))  # type: ignore[arg-type]

        for last in last_page_index.values():
            page = self.lines[last].page
            i = last
            while i >= 0 and self.lines[i].page == page:
                line = self.lines[i]
                if line.kind in ("body", "heading"):
                    if is_note(line.text):
                        found.add(i)
                    elif not (is_furniture(line.text) or beside_furniture(line)):
                        break
                i -= 1
        return found

    # ----------------------------------------------------------------------------------
    # Where the body starts

    def body_start(self) -> int | None:
        """Index (into the lines) of the first line of the body, or None without prose."""
        body = [i for i, line in enumerate(self.lines) if line.kind == "body"]
        for k, i in enumerate(body):
            if not self._prose(self.lines[i]):
                continue
            start = k
            while (start > 0 and not self.starts_block(self.lines[body[start - 1]], self.lines[body[start]])
                   and not TITLE_END_RE.search(self.lines[body[start - 1]].text)):
                start -= 1
            if LETTER_TITLE_RE.match(self.lines[body[start]].text.strip()):
                continue
            return body[start]
        return next((i for i in body if len(self.lines[i].text.split()) >= PROSE_WORDS), None)

    def _prose(self, line: Line) -> bool:
        if len(line.text.split()) < PROSE_WORDS:
            return False
        if not _geometric(line):
            return len(line.text.strip()) >= TEXT_SHORT_SHARE * self.usual_length
        page = self.pages.get(line.page)
        if page is None:
            return False
        column = page.right - page.left
        size = line.font_size or 10.0
        return (
            line.x1 - line.x0 >= PROSE_SHARE * column  # type: ignore[operator]
            and self._indent(line, page) <= 4 * INDENT * size
            and self._room_left(line, page) <= 4 * INDENT * size
        )

    def reads_as_prose(self, line: Line) -> bool:
        """A line the layout took for a heading (bold OCR) that is a full line of prose."""
        text = line.text.strip()
        return self._prose(line) or text[:1].islower() or LIST_ITEM_RE.match(text) is not None
