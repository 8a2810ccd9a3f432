"""The seed OCR text of a real report: numbering, chapters, footnotes and citations."""

from __future__ import annotations

from pathlib import Path

import pytest

from unreports.reading.ocr_text import read_text
from unreports.sources import describe
from unreports.structure.build import StructuredDocument, build_structure

ARABIC_CHAPTERS = ["أولا", "ثانيا", "ثالثا", "رابعا", "خامسا"]


@pytest.fixture(scope="module")
def seed(seed_path: Path) -> StructuredDocument:
    return build_structure(read_text(describe(seed_path), seed_path.read_bytes()))


def test_seventy_nine_paragraphs_in_order(seed: StructuredDocument) -> None:
    assert [p.number for p in seed.paragraphs] == list(range(1, 80))


def test_every_paragraph_has_one_of_five_chapters_in_order(seed: StructuredDocument) -> None:
    chapters = [p.chapter for p in seed.paragraphs]
    assert set(chapters) == set(ARABIC_CHAPTERS)
    order = [ARABIC_CHAPTERS.index(c) for c in chapters]
    assert order == sorted(order)
    chapter_headings = [h.label for h in seed.headings if h.level == 1]
    assert chapter_headings == ARABIC_CHAPTERS


def test_sections_follow_the_printed_headings(seed: StructuredDocument) -> None:
    by_number = {p.number: p for p in seed.paragraphs}
    sections = [h for h in seed.headings if h.level == 2]
    assert len(sections) >= 4  # the report has lettered sections in several chapters
    for heading in sections:
        assert heading.before_paragraph is not None
        assert by_number[heading.before_paragraph].section == heading.label
    # Chapter V has no lettered sections: its paragraphs carry none.
    fifth = [p for p in seed.paragraphs if p.chapter == "خامسا"]
    assert fifth and all(p.section is None for p in fifth)


def test_paragraph_three_lost_its_start(seed: StructuredDocument) -> None:
    third = seed.paragraphs[2]
    assert third.number_source == "inferred"
    assert "start_missing" in third.flags
    assert all("start_missing" not in p.flags for p in seed.paragraphs if p.number != 3)


def test_paragraph_74_is_split_out_of_73(seed: StructuredDocument) -> None:
    p73, p74 = seed.paragraphs[72], seed.paragraphs[73]
    assert p74.number == 74 and p74.number_source == "printed"
    assert "٧٤ -" not in p73.text and "٧٤ -" not in p74.text
    assert p73.text.rstrip().endswith(".")


def test_continuation_lines_join_their_paragraph(seed: StructuredDocument) -> None:
    # Paragraph 8 runs across a footnote: its text continues after the note.
    eighth = seed.paragraphs[7]
    assert "بروتوكول منع وقمع ومعاقبة" in eighth.text and "المكمل لاتفاقية" in eighth.text
    # No paragraph text starts with a paragraph-number token.
    assert all(not p.text[:1].isdigit() for p in seed.paragraphs)


def test_three_footnotes_linked(seed: StructuredDocument) -> None:
    notes = {f.marker: f for f in seed.footnotes}
    assert set(notes) == {"*", "1", "2"}
    assert notes["*"].paragraph_number is None
    assert notes["1"].paragraph_number == 4
    assert notes["2"].paragraph_number == 9
    assert seed.reissue_note and "١٧" in seed.reissue_note


def test_garbled_symbols_repaired_and_kept_as_printed(seed: StructuredDocument) -> None:
    repaired = {c.symbol: c for c in seed.citations if c.repaired}
    assert repaired["S/2017/403"].as_printed == "8/2017/403"
    assert repaired["S/2017/403"].paragraph_number == 6
    assert repaired["A/71/303"].as_printed == "A/T1/303"
    assert "S/72/361-S/2017/821" in repaired
    assert any(c.kind == "resolution" and c.symbol == "resolution 2331 (2016)" for c in seed.citations)


def test_offsets_point_into_the_document_text(seed: StructuredDocument) -> None:
    body = "\n".join(p.text for p in seed.paragraphs)
    for paragraph in seed.paragraphs:
        assert body[paragraph.char_start:paragraph.char_end] == paragraph.text
