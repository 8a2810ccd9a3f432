"""Our glyph device (pdf._GlyphDevice) gives, page by page, exactly what the path it
replaced gave: pdfminer's PDFPageAggregator(laparams=None), its LTPage walked into glyphs,
rules and images. That reference path is kept here, as it was in unreports/reading/pdf.py.

Compared on the real UN PDFs in ../shared (skipped when absent), on generated Arabic (both
storages) and English reports, on the generated hostile PDFs and on damaged copies of a
generated report (the same pages lost, the same failures, the same rejection).
"""

from __future__ import annotations

import logging
import random
from datetime import date
from pathlib import Path

import pytest
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTFigure, LTImage, LTLine, LTPage, LTRect

from tests.conftest import real_un_pdfs
from tests.reading.hostile import HOSTILE_PDFS
from tests.reading.mutations import mutants
from unreports.fixtures.render import Block, ReportSpec, render_plain, render_report
from unreports.reading import pdf
from unreports.reading.pdf import (
    RULE_MAX_THICKNESS,
    Glyph,
    PageGlyphs,
    PdfPages,
    PdfReadError,
    Rule,
    _bold_font,
    _glyph_text,
)

# Hostile files that need the sandbox's limits to end (or just take long) are left out.
UNBOUNDED = {"bomb.pdf", "self-reference.pdf", "operator-flood.pdf"}
ENGLISH = (
    "The Secretary-General reports that the Member States have continued their work on the "
    "protection of civilians, and that 450 hostages were released during the period under review."
)
ARABIC = (
    "يقدم هذا التقرير عملا بقرار مجلس الأمن ٢٣٣١ (٢٠١٦)، وحررت القوات ما لا يقل عن ٤٥٠ رهينة "
    "في عام ٢٠٢٠ (S/2020/1234) وفقا للمادة 12 من البروتوكول."
)


def _walk(items, glyphs: list[Glyph], rules: list[Rule], images: list[tuple]) -> None:
    for item in items:
        if isinstance(item, LTChar):
            text, unmapped = _glyph_text(item.get_text())
            glyphs.append(Glyph(text, item.x0, item.x1, item.matrix[5], item.size,
                                _bold_font(item.fontname), len(glyphs), unmapped))
        elif isinstance(item, (LTLine, LTRect)):
            if item.height <= RULE_MAX_THICKNESS and item.width > RULE_MAX_THICKNESS:
                rules.append(Rule(item.x0, item.x1, (item.y0 + item.y1) / 2))
        elif isinstance(item, LTImage):
            images.append(item.bbox)
        elif isinstance(item, LTFigure):
            _walk(item, glyphs, rules, images)


def _coverage(layout: LTPage, boxes: list[tuple]) -> float:
    page_area = layout.width * layout.height
    best = 0.0
    for x0, y0, x1, y1 in boxes:
        width, height = min(x1, layout.width) - max(x0, 0), min(y1, layout.height) - max(y0, 0)
        if width > 0 and height > 0 and page_area > 0:
            best = max(best, min(1.0, width * height / page_area))
    return best


class _ReferenceDevice(PDFPageAggregator):
    """The old path: pdfminer's layout objects, walked."""

    def __init__(self, manager) -> None:
        super().__init__(manager, laparams=None)

    def page(self, number: int) -> PageGlyphs:
        layout = self.get_result()
        glyphs: list[Glyph] = []
        rules: list[Rule] = []
        images: list[tuple] = []
        _walk(layout, glyphs, rules, images)
        return PageGlyphs(number, layout.width, layout.height, tuple(glyphs), tuple(rules), len(images),
                          _coverage(layout, images))


def _read(data: bytes, device_class) -> tuple:
    """(pages, failures, census) or the rejection, through the given device."""
    original = pdf._interpreter
    if device_class is not None:
        pdf._interpreter = lambda manager: pdf.PDFPageInterpreter(manager, device_class(manager))
    try:
        pages = PdfPages(data)
        return list(pages), pages.failures, pages.census
    except PdfReadError as error:
        return error.reason, error.detail
    finally:
        pdf._interpreter = original


def assert_same_reading(data: bytes, label: str) -> None:
    new = _read(data, None)
    old = _read(data, _ReferenceDevice)
    if isinstance(old[0], str) or isinstance(new[0], str):
        assert new == old, label
        return
    new_pages, new_failures, new_census = new
    old_pages, old_failures, old_census = old
    assert (new_failures, new_census) == (old_failures, old_census), label
    assert len(new_pages) == len(old_pages), label
    for got, expected in zip(new_pages, old_pages, strict=True):
        where = f"{label} page {expected.number}"
        assert (got.number, got.width, got.height) == (expected.number, expected.width, expected.height), (
            where
        )
        assert got.rules == expected.rules, where
        assert (got.images, got.image_coverage) == (expected.images, expected.image_coverage), where
        assert len(got.glyphs) == len(expected.glyphs), where
        for mine, theirs in zip(got.glyphs, expected.glyphs, strict=True):
            # Dataclass equality: text, x0, x1, baseline, size, bold, order, unmapped, floats exact.
            assert mine == theirs, (where, mine, theirs)



@pytest.mark.parametrize("path", real_un_pdfs() or [None], ids=lambda p: p.name if p else "absent")
def test_real_un_pdfs(path: Path | None) -> None:
    if path is None:
        pytest.skip("../shared corpus not present")
    assert_same_reading(path.read_bytes(), path.name)


def _spec(language: str) -> ReportSpec:
    text = ARABIC if language == "ar" else ENGLISH
    blocks = [Block("chapter", "أولا - مقدمة" if language == "ar" else "I. Introduction")]
    for number in range(1, 40):
        label = f"{number} - " if language == "ar" else f"{number}. "
        footnotes = (("1", "See S/2019/1234."),) if number % 7 == 0 else ()
        blocks.append(Block("paragraph", label + text + (" 1" if footnotes else ""), footnotes=footnotes))
    return ReportSpec(symbol="S/2030/512", language=language, original_language="English",
                      distribution_date=date(2030, 5, 12), job_number="30-01234 (E)", title="Report",
                      blocks=tuple(blocks))


@pytest.mark.parametrize(("language", "font", "storage"), [
    ("ar", "dejavu-sans", "visual"), ("ar", "dejavu-sans", "logical"),
    ("ar", "dejavu-sans-mono", "logical"), ("en", "dejavu-sans", "visual"),
])
def test_generated_reports(language: str, font: str, storage: str, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    render_report(_spec(language), path, font=font, storage=storage)
    assert_same_reading(path.read_bytes(), f"report {language} {font} {storage}")
    plain = tmp_path / "plain.pdf"
    render_plain([ARABIC if language == "ar" else ENGLISH] * 30, plain, language=language, font=font,
                 storage=storage)
    assert_same_reading(plain.read_bytes(), f"plain {language} {font} {storage}")


@pytest.mark.parametrize(
    "hostile", [h for h in HOSTILE_PDFS if h.name not in UNBOUNDED], ids=lambda h: h.name
)
def test_hostile_pdfs(hostile) -> None:
    assert_same_reading(hostile.build(random.Random(f"glyph-device-{hostile.name}")), hostile.name)


@pytest.mark.slow
def test_damaged_copies(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    render_report(_spec("en"), path)
    for mutant in mutants("report", path.read_bytes(), 30):
        assert_same_reading(mutant.data, f"{mutant.name}: {mutant.description}")


def test_image_coverage_of_a_scanned_page() -> None:
    image_only = next(h for h in HOSTILE_PDFS if h.name == "image-only.pdf")
    [page] = _read(image_only.build(random.Random(1)), None)[0]
    assert page.images == 1 and 0.5 < page.image_coverage <= 1.0
    text_only = next(h for h in HOSTILE_PDFS if h.name == "lost-page.pdf")
    assert all(p.image_coverage == 0.0 for p in _read(text_only.build(random.Random(1)), None)[0])


def test_pdfminer_debug_calls_still_skipped() -> None:
    """pdfminer's per-token debug calls go nowhere while our device receives the page."""
    seen = []

    class Watching(pdf._GlyphDevice):
        def begin_page(self, page, ctm) -> None:
            seen.append([logging.getLogger(name).debug is pdf._skip_debug for name in pdf._PER_TOKEN_LOGGERS])
            super().begin_page(page, ctm)

    hostile = next(h for h in HOSTILE_PDFS if h.name == "lost-page.pdf")
    pages = _read(hostile.build(random.Random(1)), Watching)[0]
    assert pages and seen == [[True, True]] * len(pages)
