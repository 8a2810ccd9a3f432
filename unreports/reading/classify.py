"""What each PDF page is: born-digital text, an OCR text layer, image-only, or empty.

- `text_layer`: glyphs with text, drawn by the program that wrote the document: exact.
- `ocr_layer`: glyphs with text that an OCR program put over (or beside) a scan: the PDF's
  /Creator or /Producer names an OCR program (Acrobat Capture, Paper Capture, ABBYY
  FineReader, OmniPage, ...), or the page is covered by one image with text over it.
  OCR-grade: repaired like OCR text.
- `ocr`: no text layer but an image covering the page: a scan, read by our own OCR (ocr.py).
- `image_only`: the same, when it could not be OCR'd (engine missing, page failed).
- `empty`: neither text nor a page-size image (a blank page).

The image coverage (share of the page covered by its largest image) comes from
`PageGlyphs.image_coverage` where the reader provides it, else from PDFium, asked only for
pages that have images.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from unreports.reading.pdf import DAMAGE_ERRORS, PageGlyphs

MIN_PAGE_GLYPHS = 20  # fewer glyphs with text than this: the page has no text layer
SCAN_COVERAGE = 0.5  # an image covering this share of a page without text is a scan
PAGE_IMAGE_COVERAGE = 0.85  # text over an image this large is an OCR layer
OCR_PRODUCER_RE = re.compile(
    r"acrobat capture|paper capture|capture server|finereader|abbyy|omnipage|readiris|tesseract|ocrmypdf"
    r"|clearscan|scansoft|kofax|textbridge|prime ?ocr|\bocr\b",
    re.IGNORECASE,
)
# Least exact last: a document (or paragraph) is as exact as its least exact page.
SOURCE_ORDER = ("text_layer", "ocr_layer", "ocr")


def producer(document: object) -> str:
    """The PDF's /Creator and /Producer, joined ("" when unreadable)."""
    from pdfminer.pdftypes import resolve1

    names = []
    try:
        for info in getattr(document, "info", []) or []:
            for key in ("Creator", "Producer"):
                value = resolve1(info.get(key)) if isinstance(info, dict) else None
                if isinstance(value, bytes):
                    value = value.decode("latin-1", "replace")
                if isinstance(value, str) and value.strip():
                    names.append(value.strip())
    except DAMAGE_ERRORS:
        pass
    return " / ".join(names)


def image_coverage(pages: Iterable[PageGlyphs], data: bytes) -> dict[int, float]:
    """Per page number, the share of the page its largest image covers (0 without images)."""
    coverage: dict[int, float] = {}
    ask: list[PageGlyphs] = []
    for page in pages:
        known = getattr(page, "image_coverage", None)
        if known is not None:
            coverage[page.number] = float(known)
        elif page.images:
            ask.append(page)
        else:
            coverage[page.number] = 0.0
    if ask:
        coverage.update(_pdfium_coverage(data, [p.number for p in ask]))
        for page in ask:
            coverage.setdefault(page.number, 0.0)
    return coverage


def _pdfium_coverage(data: bytes, numbers: list[int]) -> dict[int, float]:
    try:
        import pypdfium2
        import pypdfium2.raw as pdfium_c
    except ImportError:
        return {}
    result: dict[int, float] = {}
    try:
        document = pypdfium2.PdfDocument(data)
    except Exception:  # noqa: BLE001 - PDFium cannot open what pdfminer could: no coverage
        return {}
    try:
        for number in numbers:
            if number > len(document):
                continue
            page = document[number - 1]
            try:
                width, height = page.get_size()
                area = max(1.0, width * height)
                best = 0.0
                for item in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
                    left, bottom, right, top = item.get_bounds()
                    shown = max(0.0, min(right, width) - max(left, 0.0)) * max(
                        0.0, min(top, height) - max(bottom, 0.0)
                    )
                    best = max(best, shown / area)
                result[number] = round(min(best, 1.0), 3)
            finally:
                page.close()
    except Exception:  # noqa: BLE001 - a page PDFium cannot walk keeps no coverage
        pass
    finally:
        document.close()
    return result


def text_glyphs(page: PageGlyphs) -> int:
    return sum(1 for g in page.glyphs if not g.unmapped and g.text.strip())


def classify_page(page: PageGlyphs, coverage: float, ocr_producer: bool) -> str:
    """`text_layer`, `ocr_layer`, `ocr` (to be OCR'd) or `empty` (see the module notes)."""
    if text_glyphs(page) >= MIN_PAGE_GLYPHS:
        return "ocr_layer" if ocr_producer or coverage >= PAGE_IMAGE_COVERAGE else "text_layer"
    if coverage >= SCAN_COVERAGE:
        return "ocr"
    if text_glyphs(page) > 0:
        return "ocr_layer" if ocr_producer else "text_layer"
    return "empty"


def document_source(page_sources: Mapping[int, str]) -> str:
    """The document's text source: that of most of its pages with text; a tie goes to the
    less exact one. Pages without text do not count; none at all reads as text_layer."""
    counts = Counter(s for s in page_sources.values() if s in SOURCE_ORDER)
    if not counts:
        return "text_layer"
    return max(SOURCE_ORDER, key=lambda s: (counts[s], SOURCE_ORDER.index(s)))


def least_exact(sources: Iterable[str]) -> str | None:
    known = [s for s in sources if s in SOURCE_ORDER]
    return max(known, key=SOURCE_ORDER.index) if known else None
