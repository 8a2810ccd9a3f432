"""Helpers for the printed-layout numbering tests: generated PDFs and line accounting.

`render_with_line_starts` renders a UN-like report whose paragraphs have continuation lines
that begin with figures and dates ("10 April 2011 ...", "25 per cent ..."), by lengthening
the text before each phrase until the renderer wraps the line just before it.

`unaccounted` checks that every line of a read PDF ends up somewhere: compares the
characters of the body, heading and footnote lines with those of the paragraphs, headings,
footnotes, title and annex units built from them.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from unreports.fixtures.render import Block, RenderInfo, ReportSpec, render_report
from unreports.reading.pdf_document import read_pdf
from unreports.records import ReadDocument
from unreports.sources import describe
from unreports.structure.build import StructuredDocument, build_structure
from unreports.structure.text import normalise_text

MAX_ATTEMPTS = 80
HEADING_SEPARATORS = set(".-–—")


@dataclass(frozen=True)
class Planned:
    """A paragraph: its number, text before the phrase, the phrase that must start a line, text after."""

    number: str  # "12." or "١٢ -"
    before: str
    phrase: str | None
    after: str


@dataclass
class Rendered:
    info: RenderInfo
    read: ReadDocument
    structured: StructuredDocument
    paragraphs: list[Planned]
    fillers: list[int]


def _text(paragraph: Planned, filler: list[str], count: int) -> str:
    words = [paragraph.before, *(filler[i % len(filler)] for i in range(count))]
    if paragraph.phrase:
        words.append(paragraph.phrase)
    words.append(paragraph.after)
    return f"{paragraph.number} " + " ".join(w for w in words if w)


def _spec(language: str, title: str, heading: str, paragraphs: list[Planned], filler: list[str],
          counts: list[int]) -> ReportSpec:
    blocks = [Block("chapter", heading)]
    blocks += [Block("paragraph", _text(p, filler, n)) for p, n in zip(paragraphs, counts, strict=True)]
    return ReportSpec(symbol="S/2099/55", language=language, original_language="English",
                      distribution_date=date(2099, 4, 10), job_number="99-05555 (A)" if language == "ar"
                      else "99-05555 (E)", title=title, blocks=tuple(blocks))


def render_with_line_starts(folder: Path, language: str, title: str, heading: str,
                            paragraphs: list[Planned], filler: list[str]) -> Rendered:
    """Render until every planned phrase starts a printed line (a continuation line)."""
    counts = [0] * len(paragraphs)
    path = folder / f"line-starts-{language}.pdf"
    for _ in range(MAX_ATTEMPTS):
        info = render_report(_spec(language, title, heading, paragraphs, filler, counts), path)
        starts = [text for _, text in info.lines]
        missing = [i for i, p in enumerate(paragraphs)
                   if p.phrase and not any(line.startswith(p.phrase) for line in starts)]
        if not missing:
            read = read_pdf(describe(path), path.read_bytes())
            return Rendered(info, read, build_structure(read), paragraphs, counts)
        for i in missing:
            counts[i] += 1
    raise AssertionError(f"phrases never reached a line start: {missing}")


def characters(text: str) -> Counter[str]:
    # NFKC: a footnote printed with "¹" is filed under marker "1".
    return Counter(c for c in unicodedata.normalize("NFKC", normalise_text(text)) if not c.isspace())


def unaccounted(read: ReadDocument, structured: StructuredDocument) -> tuple[Counter[str], Counter[str]]:
    """(characters of body lines found nowhere, characters found that no body line has).

    A chapter heading "I. Introduction" is published as label "I" and title "Introduction":
    its separator is the only character a heading may leave out (see `only_heading_separators`).
    """
    printed = Counter[str]()
    for line in read.lines:
        if line.kind in ("body", "heading", "footnote"):
            printed += characters(line.text)
    built = Counter[str]()
    for paragraph in (*structured.paragraphs, *structured.annex):
        built += characters(paragraph.text_as_read)
    for heading in structured.headings:
        # An annex heading's title holds its label; other headings print the label apart.
        label = heading.label if heading.label and heading.part != "annex" else ""
        built += characters(f"{label} {heading.title}")
    for note in structured.footnotes:
        built += characters(f"{note.marker} {note.text}")
    if structured.title:
        built += characters(structured.title)
    return printed - built, built - printed


def only_heading_separators(lost: Counter[str], structured: StructuredDocument) -> bool:
    labelled = sum(1 for h in structured.headings if h.label and h.level in (1, 2))
    return set(lost) <= HEADING_SEPARATORS and sum(lost.values()) <= labelled
