"""Scanned PDFs (issue 17): page classification, OCR of image-only pages, OCR-grade repair,
figures flagged `ocr`. Tests needing tesseract skip without it; ../shared ones without it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SCANNED_CORPUS
from tests.reading.scanned_compare import compare, read_bundle
from unreports.fixtures.scanned import image_only_pdf
from unreports.reading import ocr
from unreports.reading.classify import classify_page, document_source
from unreports.reading.pdf import Glyph, PageGlyphs, PdfReadError
from unreports.reading.pdf_document import read_pdf
from unreports.reading.repair import join_letter_spaced, repair_ocr_line, symbol_from_name
from unreports.samples import render_samples
from unreports.sources import describe
from unreports.structure.citations import find_citations

SCANNED = SCANNED_CORPUS
needs_tesseract = pytest.mark.skipif(
    not ocr.installed_languages() >= {"eng"}, reason="tesseract (eng) not installed"
)
needs_shared = pytest.mark.skipif(not SCANNED.is_dir(), reason="../shared/corpus/scanned absent")


def test_letter_spaced_words_are_joined() -> None:
    assert join_letter_spaced("F o r t y - f i f t h session") == "Forty-fifth session"
    assert join_letter_spaced("* A / 4 5 / 5 0 .") == "* A/45/50."
    assert join_letter_spaced("Total 3 4 5 6") == "Total 3 4 5 6"  # table cells stay apart
    assert join_letter_spaced("in a war of 3 years") == "in a war of 3 years"


def test_ocr_lookalikes_of_capital_i() -> None:
    assert repair_ocr_line("ll. Trends during the period", "en") == "II. Trends during the period"
    assert repair_ocr_line("lll. Action by Member States", "en") == "III. Action by Member States"
    assert repair_ocr_line("| encourage all States", "en") == "I encourage all States"
    assert repair_ocr_line("11. Eleven", "en") == "11. Eleven"


def test_symbol_from_file_name() -> None:
    assert symbol_from_name("A_45_189-EN.pdf") == "A/45/189"
    assert symbol_from_name("S_2017_939-AR.pdf") == "S/2017/939"
    assert symbol_from_name("A_HRC_40_3-FR.pdf") == "A/HRC/40/3"
    assert symbol_from_name("report.pdf") is None


def test_ocr_symbol_misreads_are_repaired() -> None:
    found = [(c.symbol, c.repaired) for c in find_citations("see s/21225 and $/25309, not $/100")]
    assert found == [("S/21225", True), ("S/25309", True)]


def _page(glyphs: int, images: int = 0) -> PageGlyphs:
    return PageGlyphs(
        1, 595, 842, tuple(Glyph("a", i, i + 1, 700, 10, False, i) for i in range(glyphs)), (), images
    )


def test_page_classification() -> None:
    assert classify_page(_page(500), 0.0, False) == "text_layer"
    assert classify_page(_page(500, 1), 1.0, False) == "ocr_layer"  # text over a page-size image
    assert classify_page(_page(500), 0.0, True) == "ocr_layer"  # made by an OCR program
    assert classify_page(_page(0, 1), 1.0, False) == "ocr"
    assert classify_page(_page(0), 0.0, False) == "empty"
    assert document_source({1: "text_layer", 2: "ocr", 3: "ocr"}) == "ocr"
    assert document_source({1: "empty"}) == "text_layer"


def test_hocr_words_in_pdf_points() -> None:
    hocr = ("""<html xmlns="http://www.w3.org/1999/xhtml"><body><div class='ocr_page'>
      <span class='ocr_line' title="bbox 300 300 900 350; baseline 0 -10; x_size 50; x_descenders 10">
        <span class='ocrx_word' title='bbox 300 300 500 340; x_wconf 95'>Forty</span>
        <span class='ocrx_word' title='bbox 520 300 900 340; x_wconf 41'>1,234</span>"""
            "</span></div></body></html>")
    [line] = ocr.parse_hocr(hocr, 842.0, dpi=300)
    assert line.size == 12.0
    assert line.baseline == pytest.approx(842 - 340 * 72 / 300)
    assert [(w.text, w.x0, w.confidence) for w in line.words] == [("Forty", 72.0, 95), ("1,234", 124.8, 41)]
    glyphs = ocr.page_glyphs(ocr.OcrPage(1, 595, 842, "eng", (line,), 0.0)).glyphs
    assert "".join(g.text for g in glyphs) == "Forty 1,234"


@pytest.fixture(scope="module")
def english_scan(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("scanned")
    born = next(p for p in render_samples(folder) if p.stem.endswith("-en"))
    scanned = folder / "S_2030_512-EN.pdf"
    image_only_pdf(born, scanned)
    return born, scanned


def test_without_tesseract_an_image_only_pdf_is_rejected_with_how_to_install(
    english_scan, monkeypatch
) -> None:
    monkeypatch.setattr(ocr, "installed_languages", lambda: frozenset())
    _, scanned = english_scan
    with pytest.raises(PdfReadError) as raised:
        read_pdf(describe(scanned), scanned.read_bytes())
    assert raised.value.reason == "no text layer (scanned?)"
    assert (
        "install tesseract-ocr (apt-get install tesseract-ocr tesseract-ocr-eng) to OCR it"
        in raised.value.detail
    )


@needs_tesseract
def test_image_only_english_sample_reads_like_the_born_digital_one(english_scan) -> None:
    born, scanned = english_scan
    result, _, read = compare(born, scanned)
    assert result.similarity >= 0.98
    assert result.numbers_ocr == result.numbers_born
    assert result.statistics_born <= result.statistics_ocr
    assert result.ocr_flags and all("ocr" in flags for flags in result.ocr_flags)
    assert all("ocr" in m.flags for m in read.numeric_mentions)
    assert read.metadata.text_source == "ocr"
    assert [(p.page, p.text_source, p.ocr_language) for p in read.pages] == [
        (1, "ocr", "eng"),
        (2, "ocr", "eng"),
    ]
    assert all(p.image_coverage == 1.0 and p.glyph_count == 0 for p in read.pages)


@needs_tesseract
def test_born_digital_text_stays_exact_and_unflagged(english_scan) -> None:
    born = read_bundle(english_scan[0])
    assert born.metadata.text_source == "text_layer"
    assert {p.text_source for p in born.pages} == {"text_layer"}
    assert not any(s.flags for s in born.statistics if "ocr" in s.flags)
    assert not any(m.flags for m in born.numeric_mentions)


@pytest.mark.slow
@pytest.mark.skipif(not ocr.installed_languages() >= {"ara"}, reason="tesseract (ara) not installed")
def test_image_only_arabic_sample_figures_are_all_flagged_ocr(tmp_path) -> None:
    born = next(p for p in render_samples(tmp_path) if p.stem.endswith("-ar"))
    scanned = tmp_path / "S_2030_512-AR.pdf"
    image_only_pdf(born, scanned)
    _, _, read = compare(born, scanned)
    assert read.metadata.text_source == "ocr" and read.metadata.symbol == "S/2030/512"
    assert all("ocr" in s.flags for s in read.statistics)
    assert all("ocr" in m.flags for m in read.numeric_mentions)


@needs_shared
@needs_tesseract
def test_real_image_only_letter_is_read() -> None:
    packed = read_bundle(SCANNED / "A_47_843-EN.pdf")
    assert packed.metadata.symbol == "A/47/843"
    assert str(packed.metadata.published_on) == "1992-12-24"
    assert packed.metadata.text_source == "ocr"
    assert [p.text_source for p in packed.pages] == ["ocr", "ocr"]
    assert all(p.ocr_confidence and p.ocr_confidence > 85 for p in packed.pages)


@needs_shared
def test_acrobat_capture_letter_is_an_ocr_layer_with_its_symbol_repaired() -> None:
    path = SCANNED / "A_45_189-EN.pdf"
    read = read_pdf(describe(path), path.read_bytes())
    assert read.metadata.text_source == "ocr_layer"
    assert {p.text_source for p in read.pages} == {"ocr_layer"}
    assert read.metadata.symbol == "A/45/189"
    assert any("Forty-fifth" in line.text for line in (*read.lines, *read.furniture))
