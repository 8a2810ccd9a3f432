"""Every number in every paragraph and footnote, with the noun it counts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from unreports.records import Footnote, NumericMention, Paragraph
from unreports.statistics.provenance import OcrEvidence
from unreports.text.numbers import NumberMatch, find_numbers

# "249 children (227 boys, 22 girls)": numbers in a parenthesis right after a count and
# its noun break that count down ("16,889 persons (58 per cent females ...)" too, as shares).
_BREAKDOWN_OPEN_RE = re.compile(r"^\s*\S+(?:\s+\S+)?\s*\(")


def _mentions(document_id: str, text: str, language: str, paragraph_number: int | None,
              footnote_marker: str | None, evidence: OcrEvidence,
              pages: tuple[int, int]) -> list[NumericMention]:
    numbers = find_numbers(text, language)
    parents = _breakdown_parents(text, numbers)
    return [
        NumericMention(
            document_id=document_id,
            paragraph_number=paragraph_number,
            footnote_marker=footnote_marker,
            value=Decimal(number.value),
            as_printed=number.as_printed,
            kind=number.kind,
            noun=number.noun,
            qualifier=number.qualifier,
            char_start=number.start,
            char_end=number.end,
            parent_value=parents.get(index),
            flags=evidence.flags(number.as_printed, *pages),
        )
        for index, number in enumerate(numbers)
    ]


def _breakdown_parents(text: str, numbers: list[NumberMatch]) -> dict[int, Decimal]:
    parents: dict[int, Decimal] = {}
    for number in numbers:
        if number.kind not in ("count", "word") or not number.noun:
            continue
        after = text[number.end:]
        opening = after.find("(")
        if opening < 0 or not _BREAKDOWN_OPEN_RE.match(after[:opening + 1]):
            continue
        closing = after.find(")", opening)
        if closing < 0:
            continue
        start, end = number.end + opening, number.end + closing
        for inner_index, inner in enumerate(numbers):
            if start < inner.start < end and inner.kind in ("count", "word", "percent"):
                parents[inner_index] = Decimal(number.value)
    return parents


def numeric_mentions(paragraphs: Sequence[Paragraph], footnotes: Sequence[Footnote],
                     language: str | None, evidence: OcrEvidence | None = None) -> list[NumericMention]:
    """Every number; `evidence` (default: born-digital) flags those read from OCR-grade text."""
    if language is None:
        return []
    evidence = evidence if evidence is not None else OcrEvidence()
    mentions: list[NumericMention] = []
    for paragraph in paragraphs:
        mentions.extend(_mentions(paragraph.document_id, paragraph.text, language, paragraph.number, None,
                                  evidence, (paragraph.page_start, paragraph.page_end)))
    for footnote in footnotes:
        mentions.extend(_mentions(footnote.document_id, footnote.text, language, footnote.paragraph_number,
                                  footnote.marker, evidence, (footnote.page, footnote.page)))
    return mentions
