"""Real English UN PDFs (../shared/corpus/en): furniture out of the body, metadata kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from unreports.reading.pdf_document import read_pdf
from unreports.records import ReadDocument
from unreports.sources import describe
from unreports.structure.build import StructuredDocument, build_structure

# Printed numbering of the body paragraphs of each document (counted by hand on the PDFs).
PRINTED_PARAGRAPHS = {
    "S_2013_220-EN.pdf": 124,
    "S_2025_257-EN.pdf": 22,
    "A_80_434-EN.pdf": 11,
    "S_2025_378-EN.pdf": 6,
    "S_1996_112-EN.pdf": 65,
}
JOB_NUMBER = re.compile(r"\b\d{2}-\d{5}\b")
BARCODE = re.compile(r"\*\s*\d{7}\s*\*")


@pytest.fixture(scope="module")
def corpus(english_corpus: list[Path]) -> dict[str, tuple[ReadDocument, StructuredDocument]]:
    documents = {}
    for path in english_corpus:
        read = read_pdf(describe(path), path.read_bytes())
        documents[path.name] = (read, build_structure(read))
    return documents


def test_body_paragraphs_match_printed_numbering(corpus) -> None:
    for name, (_, structured) in corpus.items():
        expected = PRINTED_PARAGRAPHS[name]
        assert [p.number for p in structured.paragraphs] == list(range(1, expected + 1)), name


def test_no_furniture_inside_paragraphs(corpus) -> None:
    for name, (read, structured) in corpus.items():
        symbol = read.metadata.symbol
        for paragraph in structured.paragraphs:
            assert not JOB_NUMBER.search(paragraph.text), (name, paragraph.number)
            assert not BARCODE.search(paragraph.text), (name, paragraph.number)
            # The running symbol header never lands in the text (the symbol alone, as a header).
            assert f" {symbol} " not in f" {paragraph.text} ".replace(f"({symbol})", ""), (name, paragraph.number)
        pages = read.metadata.page_count
        own_numbers = {(line.page, line.text) for line in read.lines if line.kind == "body"} & {
            (page, text) for page in range(1, pages + 1) for text in (str(page), f"{page}/{pages}", f"-{page}-")
        }
        assert not own_numbers, name


def test_metadata_from_furniture(corpus) -> None:
    for name, (read, _) in corpus.items():
        metadata = read.metadata
        assert metadata.symbol and name.startswith(metadata.symbol.replace("/", "_")), name
        assert metadata.published_on is not None, name
        assert metadata.original_language == "en", name
        assert metadata.language == "en", name
        assert metadata.job_number and metadata.job_number.endswith("(E)"), name


def test_paragraphs_do_not_break_at_page_ends(corpus) -> None:
    """A paragraph running over a page break keeps its text whole: no stub paragraphs."""
    for name, (_, structured) in corpus.items():
        for paragraph in structured.paragraphs:
            assert paragraph.number_source == "printed", (name, paragraph.number)
            assert len(paragraph.text) > 20, (name, paragraph.number)


def test_footnotes_are_separate_and_linked(corpus) -> None:
    _, structured = corpus["S_2025_257-EN.pdf"]
    notes = {f.marker: f for f in structured.footnotes}
    assert notes["1"].paragraph_number == 1
    assert "S/2018/451" in notes["1"].text
    assert not any("S/2018/451" in p.text for p in structured.paragraphs)


def test_headings_stay_out_of_paragraph_text(corpus) -> None:
    """Unnumbered subheadings (bold, underlined) become headings, not the tail of a paragraph."""
    for name, (_, structured) in corpus.items():
        for paragraph in structured.paragraphs:
            assert paragraph.text.rstrip().endswith((".", ":", ";", "”", ")", "¹", "²", "³")), (
                name, paragraph.number, paragraph.text[-60:])
    _, structured = corpus["S_2025_257-EN.pdf"]
    subheadings = [h.title for h in structured.headings if h.level == 3]
    assert subheadings == ["Inspections", "Seizure and disposal of prohibited items"]
    chapter_two = next(h for h in structured.headings if h.label == "II")
    assert chapter_two.title.endswith("2684 (2023) and 2733 (2024)")  # one heading over four lines
