"""Measure how exactly the PDF reader gives back text the fixture renderer drew."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from unreports.fixtures.render import render_plain
from unreports.reading.furniture import is_footer_text
from unreports.reading.pdf_document import read_pdf
from unreports.records import ReadDocument
from unreports.sources import describe

DIGIT_RUN = re.compile(r"[0-9]{2,}|[٠-٩]{2,}|[۰-۹]{2,}")
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9./:_\-']*[A-Za-z0-9]")
PRESENTATION_FORM = re.compile(r"[\uFB50-\uFDFF\uFE70-\uFEFF]")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u0640", "")
    return " ".join(text.split())


@dataclass(frozen=True)
class RoundTrip:
    similarity: float
    reversed_digit_runs: int
    missing_digit_runs: int
    presentation_forms: int
    missing_latin_runs: list[str]
    read: ReadDocument
    pages: int


def round_trip(paragraphs: list[str], folder: Path, *, font: str, storage: str) -> RoundTrip:
    pdf = folder / f"seed-{font}-{storage}.pdf"
    info = render_plain(paragraphs, pdf, language="ar", font=font, storage=storage)
    read = read_pdf(describe(pdf), pdf.read_bytes())
    drawn: dict[int, list[str]] = defaultdict(list)
    for page, text in info.lines:
        drawn[page].append(text)
    # Masthead lines of the text are furniture to the reader: compare every line it read.
    got: dict[int, list[str]] = defaultdict(list)
    masthead = tuple(line for line in read.furniture if not is_footer_text(line.text))
    for line in sorted(read.lines + masthead, key=lambda line: (line.page, -(line.y0 or 0))):
        got[line.page].append(line.text)
    matched = total = 0
    for page in sorted(drawn):
        expected, actual = normalise(" ".join(drawn[page])), normalise(" ".join(got[page]))
        blocks = SequenceMatcher(None, expected, actual, autojunk=False).get_matching_blocks()
        matched += sum(b.size for b in blocks)
        total += max(len(expected), len(actual))
    source = " ".join(text for _, text in info.lines)
    result = " ".join(" ".join(texts) for _, texts in sorted(got.items()))
    expected_runs, actual_runs = Counter(DIGIT_RUN.findall(source)), Counter(DIGIT_RUN.findall(result))
    reversed_runs = sum(
        count for run, count in (actual_runs - expected_runs).items() if run[::-1] in expected_runs
    )
    missing_runs = sum((expected_runs - actual_runs).values())
    latin_expected, latin_actual = Counter(LATIN_RUN.findall(source)), Counter(LATIN_RUN.findall(result))
    return RoundTrip(
        similarity=matched / total if total else 1.0,
        reversed_digit_runs=reversed_runs,
        missing_digit_runs=missing_runs,
        presentation_forms=len(PRESENTATION_FORM.findall(result)),
        missing_latin_runs=sorted((latin_expected - latin_actual).elements()),
        read=read,
        pages=info.page_count,
    )
