"""Every number with the noun it counts, breakdowns in parentheses, years and symbols typed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from unreports.reading.pdf_document import read_pdf
from unreports.records import Footnote, Paragraph
from unreports.sources import describe
from unreports.statistics.mentions import numeric_mentions
from unreports.structure.build import build_structure


def _paragraph(text: str) -> Paragraph:
    return Paragraph("doc", 1, "printed", None, None, text, text, 1, 1, 0, len(text))


def test_breakdown_in_parentheses() -> None:
    text = "The task force verified the recruitment of 249 children (227 boys, 22 girls) in 2023."
    mentions = {m.value: m for m in numeric_mentions([_paragraph(text)], [], "en")}
    assert mentions[Decimal(249)].noun == "children" and mentions[Decimal(249)].parent_value is None
    assert mentions[Decimal(227)].noun == "boys" and mentions[Decimal(227)].parent_value == 249
    assert mentions[Decimal(22)].noun == "girls" and mentions[Decimal(22)].parent_value == 249
    assert mentions[Decimal(2023)].kind == "year"


def test_arabic_breakdown_and_symbols() -> None:
    text = "وتحققت فرقة العمل من تجنيد ٢٤٩ طفلا (٢٢٧ فتى و ٢٢ فتاة) (انظر S/2024/384)."
    mentions = numeric_mentions([_paragraph(text)], [], "ar")
    by_value = {m.value: m for m in mentions}
    assert by_value[Decimal(227)].parent_value == 249 and by_value[Decimal(22)].parent_value == 249
    assert Decimal(384) not in by_value  # part of a UN symbol, not a number of the text
    for mention in mentions:
        assert text[mention.char_start:mention.char_end] == mention.as_printed


def test_footnote_numbers_carry_their_marker() -> None:
    note = Footnote("doc", "3", "Some 1,200 families were reached in 2021.", 1, 1)
    mentions = numeric_mentions([], [note], "en")
    assert [(m.value, m.footnote_marker, m.qualifier) for m in mentions if m.kind == "count"] == [
        (Decimal(1200), "3", "about")]


def test_english_corpus_numbers_have_offsets_and_nouns(english_corpus: list[Path]) -> None:
    counted = 0
    for path in english_corpus:
        structured = build_structure(read_pdf(describe(path), path.read_bytes()))
        mentions = numeric_mentions(structured.paragraphs, structured.footnotes, "en")
        texts = {p.number: p.text for p in structured.paragraphs}
        for mention in mentions:
            if mention.footnote_marker is None:
                text = texts[mention.paragraph_number]
                assert text[mention.char_start:mention.char_end] == mention.as_printed
            assert mention.kind != "count" or mention.value >= 0
        counted += sum(1 for m in mentions if m.kind == "count" and m.noun)
    assert counted > 100
