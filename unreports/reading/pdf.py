"""The one module that imports pdfminer: PDF bytes -> pages of plain glyph records.

We ask pdfminer for raw glyphs (`laparams=None`): its own line and box grouping splits
Arabic lines into direction runs and costs time; we group glyphs ourselves (lines.py).
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTFigure, LTImage, LTLine, LTRect
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser, PDFSyntaxError
from pdfminer.psparser import PSException

from unreports.text.digits import normalise_arabic

RULE_MAX_THICKNESS = 2.0  # points: a drawn rule, not a filled box


class PdfReadError(ValueError):
    """The PDF cannot be read as text; the message is the recorded reason."""


@dataclass(frozen=True)
class Glyph:
    text: str  # logical text of the glyph (a lam-alef glyph is two letters)
    x0: float
    x1: float
    baseline: float
    size: float
    bold: bool
    order: int  # position in the content stream
    unmapped: bool = False  # no Unicode mapping: "(cid:N)"


@dataclass(frozen=True)
class Rule:
    x0: float
    x1: float
    y: float


@dataclass(frozen=True)
class PageGlyphs:
    number: int  # 1-based
    width: float
    height: float
    glyphs: tuple[Glyph, ...]
    rules: tuple[Rule, ...]
    images: int


def _walk(items, glyphs: list[Glyph], rules: list[Rule], counts: list[int]) -> None:
    for item in items:
        if isinstance(item, LTChar):
            text = item.get_text()
            unmapped = text.startswith("(cid:")
            if not unmapped:
                text = normalise_arabic(unicodedata.normalize("NFC", text))
            font = item.fontname.lower()
            glyphs.append(Glyph(
                text="" if unmapped else text,
                x0=item.x0, x1=item.x1, baseline=item.matrix[5], size=item.size,
                bold="bold" in font or "black" in font, order=len(glyphs), unmapped=unmapped,
            ))
        elif isinstance(item, (LTLine, LTRect)):
            if item.height <= RULE_MAX_THICKNESS and item.width > RULE_MAX_THICKNESS:
                rules.append(Rule(item.x0, item.x1, (item.y0 + item.y1) / 2))
        elif isinstance(item, LTImage):
            counts[0] += 1
        elif isinstance(item, LTFigure):
            _walk(item, glyphs, rules, counts)


def read_pdf_pages(data: bytes, *, max_pages: int = 0) -> Iterator[PageGlyphs]:
    """Pages of glyphs; raises PdfReadError with a short reason when the file is unusable."""
    if not data.lstrip()[:1024].count(b"%PDF-"):
        raise PdfReadError("not a PDF")
    try:
        parser = PDFParser(io.BytesIO(data))
        document = PDFDocument(parser)
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise PdfReadError("encrypted") from error
    except (PDFSyntaxError, PSException) as error:
        raise PdfReadError(f"truncated or damaged PDF ({type(error).__name__})") from error
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    try:
        for number, page in enumerate(PDFPage.create_pages(document), start=1):
            if max_pages and number > max_pages:
                raise PdfReadError(f"limit: pages (more than {max_pages})")
            interpreter.process_page(page)
            layout = device.get_result()
            glyphs: list[Glyph] = []
            rules: list[Rule] = []
            counts = [0]
            _walk(layout, glyphs, rules, counts)
            yield PageGlyphs(number, layout.width, layout.height, tuple(glyphs), tuple(rules), counts[0])
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise PdfReadError("encrypted") from error
    except (PDFSyntaxError, PSException) as error:
        raise PdfReadError(f"truncated or damaged PDF ({type(error).__name__})") from error
