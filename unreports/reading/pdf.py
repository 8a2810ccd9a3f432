"""The one module that imports pdfminer: PDF bytes -> pages of plain glyph records.

We ask pdfminer for raw glyphs (`laparams=None`): its own line and box grouping splits
Arabic lines into direction runs and costs time; we group glyphs ourselves (lines.py).
"""

from __future__ import annotations

import io
import logging
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTFigure, LTImage, LTLine, LTRect
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdffont import PDFCIDFont, PDFFont
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import LITERAL_PAGE, LITERAL_PAGES, PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFStream, list_value, resolve1
from pdfminer.psparser import PSException

from unreports.reading.ordering import CACHED_TEXT_LENGTH
from unreports.text.digits import normalise_arabic

RULE_MAX_THICKNESS = 2.0  # points: a drawn rule, not a filled box


class PdfReadError(ValueError):
    """The PDF cannot be read as text; the message is the recorded reason (short, stable),
    `detail` says more about this file (kept apart so that reasons group)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


def _damaged(what: str, detail: str = "") -> PdfReadError:
    return PdfReadError(f"truncated or damaged PDF ({what})", detail)


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


# pdfminer calls log.debug for every token it parses and every operator it runs (about 80
# calls per glyph in fpdf2's output). With DEBUG off each call still costs a method call and
# a level check, which neither a higher level nor logging.disable avoids: only not calling
# does (measured in BENCHMARKS.md).
_PER_TOKEN_LOGGERS = ("pdfminer.psparser", "pdfminer.pdfinterp")


def _skip_debug(*args, **kwargs) -> None:
    return None


@contextmanager
def _pdfminer_debug_calls_skipped() -> Iterator[None]:
    """While a page is interpreted, pdfminer's per-token debug calls go nowhere, unless
    someone listens at DEBUG (then nothing changes)."""
    loggers = [logging.getLogger(name) for name in _PER_TOKEN_LOGGERS]
    quiet = [lg for lg in loggers if "debug" not in vars(lg) and not lg.isEnabledFor(logging.DEBUG)]
    for logger in quiet:
        logger.debug = _skip_debug
    try:
        yield
    finally:
        for logger in quiet:
            if vars(logger).get("debug") is _skip_debug:
                del logger.debug


def _normalised_glyph_text(raw: str) -> tuple[str, bool]:
    if raw.startswith("(cid:"):
        return "", True
    return normalise_arabic(unicodedata.normalize("NFC", raw)), False


_cached_glyph_text = lru_cache(maxsize=8192)(_normalised_glyph_text)


def _glyph_text(raw: str) -> tuple[str, bool]:
    """(logical text, unmapped) of pdfminer's text for one glyph. Cached: a document draws
    the same few hundred glyph texts over and over, and normalising each costs more than
    looking it up (measured in BENCHMARKS.md)."""
    if len(raw) <= CACHED_TEXT_LENGTH:
        return _cached_glyph_text(raw)
    return _normalised_glyph_text(raw)


@lru_cache(maxsize=1024)
def _bold_font(fontname: str) -> bool:
    font = fontname.lower()
    return "bold" in font or "black" in font


def _walk(items, glyphs: list[Glyph], rules: list[Rule], counts: list[int]) -> None:
    for item in items:
        if isinstance(item, LTChar):
            text, unmapped = _glyph_text(item.get_text())
            glyphs.append(Glyph(text, item.x0, item.x1, item.matrix[5], item.size,
                                _bold_font(item.fontname), len(glyphs), unmapped))
        elif isinstance(item, (LTLine, LTRect)):
            if item.height <= RULE_MAX_THICKNESS and item.width > RULE_MAX_THICKNESS:
                rules.append(Rule(item.x0, item.x1, (item.y0 + item.y1) / 2))
        elif isinstance(item, LTImage):
            counts[0] += 1
        elif isinstance(item, LTFigure):
            _walk(item, glyphs, rules, counts)


def read_pdf_pages(data: bytes, *, max_pages: int = 0) -> Iterator[PageGlyphs]:
    """Pages of glyphs; raises PdfReadError with a short reason when the file is unusable.

    The page tree is walked before any page is interpreted: a loop in it is a damaged file
    and more pages than `max_pages` is `limit: pages`, both found without parsing content.
    """
    if not data.lstrip()[:1024].count(b"%PDF-"):
        raise PdfReadError("not a PDF")
    try:
        parser = PDFParser(io.BytesIO(data))
        document = PDFDocument(parser)
        page_count = _count_pages(document, max_pages)
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise PdfReadError("encrypted", str(error)[:200]) from error
    except PSException as error:  # PDFSyntaxError and every pdfminer error
        raise _damaged(type(error).__name__, str(error)[:200]) from error
    except RecursionError as error:  # pdfminer follows /Prev and /XRefStm recursively
        raise _damaged("xref loop", "the chain of cross-reference sections never ends") from error
    if max_pages and page_count > max_pages:
        raise PdfReadError("limit: pages", f"more than {max_pages} pages")
    manager = _ResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    try:
        for number, page in enumerate(PDFPage.create_pages(document), start=1):
            if max_pages and number > max_pages:  # pages found outside the tree
                raise PdfReadError("limit: pages", f"more than {max_pages} pages")
            with _pdfminer_debug_calls_skipped():
                interpreter.process_page(page)
            layout = device.get_result()
            glyphs: list[Glyph] = []
            rules: list[Rule] = []
            counts = [0]
            _walk(layout, glyphs, rules, counts)
            yield PageGlyphs(number, layout.width, layout.height, tuple(glyphs), tuple(rules), counts[0])
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise PdfReadError("encrypted", str(error)[:200]) from error
    except PSException as error:  # PDFSyntaxError and every pdfminer error
        raise _damaged(type(error).__name__, str(error)[:200]) from error
    except RecursionError as error:  # e.g. a form XObject that draws itself
        raise _damaged("reference loop", "objects refer to each other without end") from error


def _count_pages(document: PDFDocument, max_pages: int) -> int:
    """Leaves of the page tree (counted as pdfminer visits them, a shared node once).

    A node that is its own ancestor is a damaged file: pdfminer would quietly skip the
    loop, but then which pages the document has is anybody's guess. Stops counting past
    `max_pages` (when set), so a tree of a million pages costs no more than the limit.
    """
    root = document.catalog.get("Pages")
    if root is None:
        return 0
    pages = 0
    on_path: set[int] = set()  # Pages nodes between the root and the current node
    done: set[int] = set()
    stack: list[tuple[bool, object]] = [(False, root)]
    while stack:
        leaving, reference = stack.pop()
        objid = getattr(reference, "objid", None)
        if leaving:
            on_path.discard(objid)
            done.add(objid)
            continue
        if objid is not None and objid in on_path:
            raise _damaged("page tree loop", f"page tree node {objid} is among its own descendants")
        if objid is not None and objid in done:
            continue
        node = resolve1(reference)
        if not isinstance(node, dict):
            continue
        kind = node.get("Type", node.get("type"))
        if kind is LITERAL_PAGES and "Kids" in node:
            if objid is not None:
                on_path.add(objid)
            stack.append((True, reference))
            stack.extend((False, kid) for kid in reversed(list_value(node["Kids"])))
        elif kind is LITERAL_PAGE:
            pages += 1
            if objid is not None:
                done.add(objid)
            if max_pages and pages > max_pages:
                break
    return pages


class _ResourceManager(PDFResourceManager):
    """pdfminer's resource manager, minus one guess.

    A CID TrueType font without a ToUnicode CMap is mapped by pdfminer through the embedded
    font's own cmap table, indexed by CID. That is right only when CIDs are glyph ids; with
    a CIDToGIDMap stream (every subset font a producer renumbers) it reads confident
    garbage ("r ,- r.-01-2314"). Such a font is left without a mapping, so its glyphs are
    unmapped ("(cid:N)") and the document is rejected as an unreadable font encoding.
    """

    def get_font(self, objid: object, spec: Mapping[str, object]) -> PDFFont:
        font = super().get_font(objid, spec)
        if (
            isinstance(font, PDFCIDFont)
            and "ToUnicode" not in spec
            and isinstance(resolve1(spec.get("CIDToGIDMap")), PDFStream)
        ):
            font.unicode_map = None
        return font
