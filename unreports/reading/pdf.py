"""The one module that imports pdfminer: PDF bytes -> pages of plain glyph records.

pdfminer's interpreter runs the content streams; our own device (_GlyphDevice) receives
each glyph and keeps only what we use. pdfminer's layout objects (LTChar and its page tree)
are not built: they cost more than the rest of reading, and its line and box grouping would
split Arabic lines into direction runs; we group glyphs ourselves (lines.py).
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.layout import LTLine, LTRect
from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdfdocument import (
    PDFDocument,
    PDFEncryptionError,
    PDFNoValidXRef,
    PDFPasswordIncorrect,
    PDFXRefFallback,
)
from pdfminer.pdffont import PDFCIDFont, PDFFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import LITERAL_PAGE, LITERAL_PAGES, PDFPage
from pdfminer.pdfparser import PDFParser, PDFStreamParser, PDFSyntaxError
from pdfminer.pdftypes import PDFObjRef, PDFStream, list_value, resolve1, stream_value
from pdfminer.psparser import LIT, PSEOF, PSException
from pdfminer.utils import apply_matrix_rect, mult_matrix

from unreports.reading.content import ContentInterpreter
from unreports.reading.ordering import CACHED_TEXT_LENGTH
from unreports.text.digits import normalise_arabic

RULE_MAX_THICKNESS = 2.0  # points: a drawn rule, not a filled box
MAX_SANE_PAGE_COUNT = 10_000_000  # a /Count above this is damage, not a page count
# What pdfminer raises on a damaged object besides its own errors (a number where a list
# belongs, a stream cut short, a missing key). MemoryError and RecursionError are not here:
# they are limits, handled by the caller.
DAMAGE_ERRORS = (PSException, ValueError, TypeError, KeyError, IndexError, AttributeError,
                 AssertionError, ZeroDivisionError, zlib.error)
_ENCRYPTION_ERRORS = (PDFPasswordIncorrect, PDFEncryptionError)  # PSExceptions, but not damage
LITERAL_CATALOG = LIT("Catalog")
LITERAL_OBJSTM = LIT("ObjStm")
LITERAL_XREF = LIT("XRef")
TRAILER_KEYS = ("Root", "Info", "ID", "Encrypt")


class PdfReadError(ValueError):
    """The PDF cannot be read as text; the message is the recorded reason (short, stable),
    `detail` says more about this file (kept apart so that reasons group)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


def _damaged(what: str, detail: str = "") -> PdfReadError:
    return PdfReadError(
        f"truncated or damaged PDF ({what})", detail or f"pdfminer raised {what} without a message"
    )


def _message(error: BaseException) -> str:
    """One line saying what went wrong, never empty (some pdfminer errors carry no text)."""
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}"[:200] if text else type(error).__name__


class Glyph(NamedTuple):
    """One drawn character (a tuple: a page has thousands, made 3x faster than a dataclass)."""

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
    # Fraction of the page (0.0 to 1.0) covered by its largest image, the image's box clipped
    # to the page; 0.0 without images. Near 1.0 under text, the text is most likely a scan's
    # OCR layer (a page-size picture of the page with invisible text on it), not born-digital.
    image_coverage: float = 0.0


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
        logger.debug = _skip_debug  # type: ignore[method-assign]  # restored in the finally below
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


_log = logging.getLogger("pdfminer.pdfdevice")  # where pdfminer's own device warns


class _PathSink:
    """Receives pdfminer's path items (LTLine, LTRect, LTCurve) and keeps the rules."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules

    def add(self, item: object) -> None:
        if isinstance(item, (LTLine, LTRect)) and item.height <= RULE_MAX_THICKNESS < item.width:
            self.rules.append(Rule(item.x0, item.x1, (item.y0 + item.y1) / 2))


class _GlyphDevice(PDFTextDevice):
    """A pdfminer device that makes our records as the interpreter draws.

    What pdfminer's PDFPageAggregator(laparams=None) gives, walked in stream order (figure
    contents where the figure is), minus the objects: a glyph's box is computed with the
    same arithmetic as LTChar's (same operations in the same order, so the same floats),
    each font's glyph texts and widths are looked up once per character code, and paths
    still go through pdfminer's own paint_path (rare, and its LTLine/LTRect rules are
    subtle). tests/reading/test_glyph_device.py compares both on real and generated PDFs.
    """

    # pdfminer's path splitting and shape recognition, adding to self.cur_item (our sink).
    # Borrowed methods: PDFDevice names paint_path's first parameter differently, and mypy
    # does not accept a PDFLayoutAnalyzer method on this class (it only reads the device's state).
    paint_path = PDFLayoutAnalyzer.paint_path  # type: ignore[assignment]
    handle_undefined_char = PDFLayoutAnalyzer.handle_undefined_char

    def __init__(self, rsrcmgr: PDFResourceManager) -> None:
        super().__init__(rsrcmgr)
        # Per font: character code -> (text, unmapped, width in text space, bold).
        self._fonts: dict[PDFFont, dict[int, tuple[str, bool, float, bool]]] = {}
        self._start((0, 0, 0, 0))

    def _start(self, mediabox) -> None:
        (x0, y0, x1, y1) = mediabox
        self.width = abs(x0 - x1)
        self.height = abs(y0 - y1)
        self.glyphs: list[Glyph] = []
        self.rules: list[Rule] = []
        self.cur_item = _PathSink(self.rules)
        self.images = 0
        self.image_coverage = 0.0
        self._figures: list[tuple[float, float, float, float]] = []

    def begin_page(self, page: PDFPage, ctm) -> None:
        self._start(apply_matrix_rect(ctm, page.mediabox))

    def end_page(self, page: PDFPage) -> None:
        assert not self._figures, str(len(self._figures))

    def page(self, number: int) -> PageGlyphs:
        return PageGlyphs(number, self.width, self.height, tuple(self.glyphs), tuple(self.rules),
                          self.images, self.image_coverage)

    def begin_figure(self, name: str, bbox, matrix) -> None:
        (x, y, w, h) = bbox  # pdfminer reads a form's /BBox as (x, y, width, height)
        assert self.ctm is not None, "a figure outside a page"  # the interpreter sets it first
        self._figures.append(apply_matrix_rect(mult_matrix(matrix, self.ctm), (x, y, x + w, y + h)))

    def end_figure(self, name: str) -> None:
        self._figures.pop()

    def render_image(self, name: str, stream: PDFStream) -> None:
        # The interpreter draws an image as a unit figure of its own: its box is the image's.
        (x0, y0, x1, y1) = self._figures[-1]
        self.images += 1
        width = min(x1, self.width) - max(x0, 0)
        height = min(y1, self.height) - max(y0, 0)
        if width > 0 and height > 0 and self.width > 0 and self.height > 0:
            coverage = min(1.0, width * height / (self.width * self.height))
            self.image_coverage = max(self.image_coverage, coverage)

    def _learn(self, font: PDFFont, cid: int, known: dict) -> tuple[str, bool, float, bool]:
        """What LTChar takes from the font for one character code, in the same order."""
        try:
            raw = font.to_unichr(cid)
            assert isinstance(raw, str), str(type(raw))
        except PDFUnicodeNotDefined:
            raw = self.handle_undefined_char(font, cid)  # type: ignore[misc]  # borrowed, see above
        width = font.char_width(cid)
        text, unmapped = _glyph_text(raw)
        entry = known[cid] = (text, unmapped, width, _bold_font(font.fontname))
        return entry

    def render_string_horizontal(self, seq, matrix, pos, font, fontsize, scaling, charspace, wordspace,
                                 rise, dxscale, ncs, graphicstate):
        # PDFTextDevice.render_string_horizontal with render_char and LTChar inlined.
        (x, y) = pos
        (a, b, c, d, e, f) = matrix
        known = self._fonts.get(font)
        if known is None:
            known = self._fonts[font] = {}
        glyphs = self.glyphs
        bottom = top = None
        needcharspace = False
        for obj in seq:
            if isinstance(obj, (int, float)):
                x -= obj * dxscale
                needcharspace = True
            elif isinstance(obj, bytes):
                for cid in font.decode(obj):
                    if needcharspace:
                        x += charspace
                    ex = x * a + y * c + e  # utils.translate_matrix(matrix, (x, y))
                    fy = x * b + y * d + f
                    entry = known.get(cid)
                    if entry is None:
                        entry = self._learn(font, cid, known)
                    text, unmapped, width, bold = entry
                    adv = width * fontsize * scaling
                    if bottom is None:
                        descent = font.get_descent() * fontsize
                        bottom = descent + rise
                        top = descent + rise + fontsize
                    # utils.apply_matrix_rect((a, b, c, d, ex, fy), (0, bottom, adv, top))
                    left1, bottom1 = a * 0 + c * bottom + ex, b * 0 + d * bottom + fy
                    right1, bottom2 = a * adv + c * bottom + ex, b * adv + d * bottom + fy
                    right2, top1 = a * adv + c * top + ex, b * adv + d * top + fy
                    left2, top2 = a * 0 + c * top + ex, b * 0 + d * top + fy
                    x0 = min(left1, left2, right1, right2)
                    y0 = min(bottom1, bottom2, top1, top2)
                    x1 = max(left1, left2, right1, right2)
                    y1 = max(bottom1, bottom2, top1, top2)
                    if x1 < x0:
                        (x0, x1) = (x1, x0)
                    if y1 < y0:
                        (y0, y1) = (y1, y0)
                    glyphs.append(Glyph(text, x0, x1, fy, y1 - y0, bold, len(glyphs), unmapped))
                    x += adv
                    if cid == 32 and wordspace:
                        x += wordspace
                    needcharspace = True
            else:
                _log.warning(
                    "Cannot render horizontal string because %r is not a valid int, float or bytes.", obj
                )
        return (x, y)

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate) -> float:
        """One glyph of a vertical font (horizontal ones are drawn above): LTChar's arithmetic."""
        known = self._fonts.get(font)
        if known is None:
            known = self._fonts[font] = {}
        entry = known.get(cid)
        if entry is None:
            entry = self._learn(font, cid, known)
        text, unmapped, width, bold = entry
        adv = width * fontsize * scaling
        if font.is_vertical():
            (vx, vy) = font.char_disp(cid)
            vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
            vy = (1000 - vy) * fontsize * 0.001
            bbox = (-vx, vy + rise + adv, -vx + fontsize, vy + rise)
        else:
            descent = font.get_descent() * fontsize
            bbox = (0, descent + rise, adv, descent + rise + fontsize)
        (x0, y0, x1, y1) = apply_matrix_rect(matrix, bbox)
        if x1 < x0:
            (x0, x1) = (x1, x0)
        if y1 < y0:
            (y0, y1) = (y1, y0)
        size = x1 - x0 if font.is_vertical() else y1 - y0
        self.glyphs.append(Glyph(text, x0, x1, matrix[5], size, bold, len(self.glyphs), unmapped))
        return adv


@dataclass(frozen=True)
class PageCensus:
    """How many pages the file says it has. In a sound file the counts agree; in a damaged
    one they are what a short read is measured against."""

    declared: int | None  # /Count of the catalog's page tree root; None: unreadable or absurd
    in_tree: int  # page leaves reached walking the tree (counting stops past max_pages)
    # /Type /Page objects among all the file's objects: a second estimate, counted only when
    # the tree cannot be trusted (cross-reference table rebuilt, or no readable /Count).
    page_objects: int | None
    xref_rebuilt: bool  # objects were located by scanning the file, not through its xref
    # Objects after the last %%EOF: an incremental update cut short. The file reads as its
    # previous revision, sound in itself, so no other count notices.
    objects_after_end: int = 0

    @property
    def expected(self) -> int | None:
        """Pages a complete read gives: the declared count, else the page objects found."""
        return self.declared if self.declared is not None else self.page_objects


@dataclass(frozen=True)
class PageFailure:
    page: int  # position in the page tree's order
    message: str


class PdfPages:
    """An opened PDF: its page census, then its pages of glyphs (iterate once).

    Opening raises PdfReadError when nothing can be read at all (not a PDF, encrypted, a
    loop, over the page limit). A page pdfminer cannot interpret is skipped and kept in
    `failures`: one broken content stream costs that page, not the document. Comparing
    the pages read with `census` is the caller's business.
    """

    def __init__(self, data: bytes, *, max_pages: int = 0) -> None:
        if not data.lstrip()[:1024].count(b"%PDF-"):
            raise PdfReadError(
                "not a PDF", f"no %PDF- header in the first 1024 bytes; it starts {data[:16]!r}"
            )
        self.max_pages = max_pages
        with _errors_as_rejections("xref loop", "the chain of cross-reference sections never ends"):
            self.document = _open_document(data)
            self.tree = _walk_page_tree(self.document, max_pages)
            self.census = _census(self.document, self.tree, data)
        self.failures: list[PageFailure] = list(self.tree.damage)
        if max_pages and self.census.in_tree > max_pages:
            raise PdfReadError("limit: pages", f"more than {max_pages} pages in the page tree")

    def __iter__(self) -> Iterator[PageGlyphs]:
        manager = _ResourceManager(caching=True)
        interpreter = _interpreter(manager)
        leaves = self.tree.leaves if self.tree.pages else _loose_pages(self.document)
        with _errors_as_rejections("reference loop", "objects refer to each other without end"):
            for number, leaf in enumerate(leaves, start=1):
                if self.max_pages and number > self.max_pages:  # pages found outside the tree
                    raise PdfReadError("limit: pages", f"more than {self.max_pages} pages")
                if leaf is None:  # lost in the tree walk, already among the failures
                    continue
                objid, attributes = leaf
                try:
                    page = PDFPage(self.document, objid, attributes, None)
                    with _pdfminer_debug_calls_skipped():
                        interpreter.process_page(page)
                except _ENCRYPTION_ERRORS:
                    raise
                except DAMAGE_ERRORS as error:
                    self.failures.append(PageFailure(number, _message(error)))
                    # The device may have been left inside a figure: start the next page afresh.
                    interpreter = _interpreter(manager)
                    continue
                # A _GlyphDevice, or the reference device tests/reading/test_glyph_device.py puts in.
                yield interpreter.device.page(number)  # type: ignore[attr-defined]


def _open_document(data: bytes) -> _Document:
    try:
        return _Document(PDFParser(io.BytesIO(data)))
    except PDFSyntaxError as error:
        if "No /Root" not in str(error):
            raise
        # Typically the end of the file is missing, and with it the trailer and the catalog.
        raise _damaged("no catalog", f"no trailer /Root and no catalog object in {len(data)} bytes; "
                                     f"the file ends {data[-24:]!r}") from error


def read_pdf_pages(data: bytes, *, max_pages: int = 0) -> Iterator[PageGlyphs]:
    """Pages of glyphs; raises PdfReadError with a short reason when the file is unusable.

    The page tree is walked before any page is interpreted: a loop in it is a damaged file
    and more pages than `max_pages` is `limit: pages`, both found without parsing content.
    Pages that cannot be interpreted are skipped (see PdfPages for what was lost).
    """
    yield from PdfPages(data, max_pages=max_pages)


@contextmanager
def _errors_as_rejections(loop: str, loop_detail: str) -> Iterator[None]:
    """pdfminer's exceptions as PdfReadError; a RecursionError is the loop named."""
    try:
        yield
    except PDFPasswordIncorrect as error:
        raise PdfReadError(
            "encrypted", "cannot be opened without a password (PDFPasswordIncorrect)"
        ) from error
    except PDFEncryptionError as error:
        raise PdfReadError("encrypted", _message(error)) from error
    except PSException as error:  # PDFSyntaxError and every pdfminer error
        raise _damaged(type(error).__name__, _message(error)) from error
    except RecursionError as error:  # pdfminer follows /Prev, /XRefStm and forms recursively
        raise _damaged(loop, loop_detail) from error


def _interpreter(manager: PDFResourceManager) -> PDFPageInterpreter:
    return ContentInterpreter(manager, _GlyphDevice(manager))


_OBJECT_CUE = re.compile(rb"^(\d+)\s+(\d+)\s+obj\b")


class _ScannedXRef(PDFXRefFallback):
    """Objects located by reading every line of the file for "N G obj".

    Unlike pdfminer's fallback this goes on past the first `trailer`: trailers are merged
    (later ones win, as in incremental updates), and when none names a /Root, a /Type
    /Catalog object found on the way stands in for it.
    """

    def __init__(self, document: PDFDocument) -> None:
        super().__init__()
        self.document = document
        self.catalog: int | None = None

    def load(self, parser: PDFParser) -> None:
        parser.seek(0)
        while True:
            try:
                position, line = parser.nextline()
            except PSEOF:
                break
            if line.startswith(b"trailer"):
                self._merge_trailer(parser, position)
            elif match := _OBJECT_CUE.match(line):
                self._add_object(parser, position, int(match[1]), int(match[2]))
        if "Root" not in self.trailer and self.catalog is not None:
            self.trailer["Root"] = PDFObjRef(self.document, self.catalog)

    def _merge_trailer(self, parser: PDFParser, position: int) -> None:
        try:
            parser.seek(position)
            self.load_trailer(parser)
        except DAMAGE_ERRORS:  # a damaged trailer: the scan goes on without it
            parser.seek(position + len(b"trailer"))

    def _add_object(self, parser: PDFParser, position: int, objid: int, genno: int) -> None:
        self.offsets[objid] = (None, position, genno)
        try:
            parser.seek(position)
            for _ in range(3):  # "N G obj", then the object (as PDFDocument._getobj_parse reads it)
                parser.nexttoken()
            _, obj = parser.nextobject()  # leaves the parser after the object: its stream is not scanned
            if isinstance(obj, dict) and obj.get("Type") is LITERAL_CATALOG:
                self.catalog = objid
            elif isinstance(obj, PDFStream) and obj.get("Type") is LITERAL_OBJSTM:
                self._add_stream_objects(objid, stream_value(obj))
            elif isinstance(obj, PDFStream) and obj.get("Type") is LITERAL_XREF:
                # A cross-reference stream's dictionary is its trailer (PDF 1.5 and later,
                # where the catalog itself sits in an object stream this scan cannot see).
                self.trailer.update({k: v for k, v in obj.attrs.items() if k in TRAILER_KEYS})
        except DAMAGE_ERRORS:  # the offset is kept: getobj will say what is wrong with it
            parser.seek(position + 1)

    def _add_stream_objects(self, stream_id: int, stream: PDFStream) -> None:
        """The objects an object stream holds: its header is pairs of (objid, offset)."""
        header = PDFStreamParser(stream.get_data())
        numbers: list[object] = []
        count = stream.get("N")
        while not isinstance(count, int) or len(numbers) < 2 * count:
            try:
                _, number = header.nextobject()
            except PSEOF:
                break
            numbers.append(number)
        for index, objid in enumerate(numbers[0::2]):
            if isinstance(objid, int):
                self.offsets.setdefault(objid, (stream_id, index, 0))


class _Document(PDFDocument):
    """pdfminer's document, with the whole file scanned where the xref chain breaks.

    pdfminer's own fallback looks for objects only up to the first `trailer`. In a
    linearized file (most UN PDFs) that is the first page's trailer near the top, so a
    broken main xref left the first page's objects alone: a 20-page report read as one
    page, without a word. Sections read before the break stay first (an offset that has
    gone stale fails there and falls through to the scan).
    """

    xref_rebuilt = False

    def find_xref(self, parser: PDFParser) -> int:
        try:
            return super().find_xref(parser)
        except PDFNoValidXRef:
            return -1  # no startxref (a truncated file): read_xref_from scans

    def read_xref_from(self, parser: PDFParser, start: int, xrefs: list) -> None:
        try:
            if start < 0:
                raise PDFNoValidXRef(f"no cross-reference table at {start}")
            super().read_xref_from(parser, start, xrefs)
        except DAMAGE_ERRORS:
            if not self.xref_rebuilt:
                self.xref_rebuilt = True
                parser.fallback = True  # stream lengths are suspect too: read to "endstream"
                scanned = _ScannedXRef(self)
                scanned.load(parser)
                xrefs.append(scanned)


def _census(document: _Document, tree: _PageTree, data: bytes) -> PageCensus:
    """Pages declared (the tree root's /Count, else a linearized file's /N), pages in the
    tree, and, when the tree cannot be trusted, /Type /Page objects counted one by one."""
    declared = _root_count(document)
    if declared is None:
        declared = linearized_page_count(data)
    page_objects = None
    if document.xref_rebuilt or declared is None:
        page_objects = sum(1 for _ in _loose_pages(document))
    return PageCensus(declared, tree.pages, page_objects, document.xref_rebuilt, _objects_after_end(data))


_TRAILING_OBJECT_RE = re.compile(rb"(?m)^\s*\d+\s+\d+\s+obj\b")


def _objects_after_end(data: bytes) -> int:
    end = data.rfind(b"%%EOF")
    return len(_TRAILING_OBJECT_RE.findall(data, end + 5)) if end >= 0 else 0


def _root_count(document: PDFDocument) -> int | None:
    """/Count of the page tree's root, if it can be read and is a plausible number."""
    try:
        root = resolve1(document.catalog.get("Pages"))
        count = resolve1(root.get("Count")) if isinstance(root, dict) else None
    except DAMAGE_ERRORS:
        return None
    return count if type(count) is int and 0 <= count <= MAX_SANE_PAGE_COUNT else None


_LINEARIZED_RE = re.compile(rb"<<[^>]*/Linearized\b[^>]*/N\s+(\d+)")


def linearized_page_count(data: bytes) -> int | None:
    """/N of a linearization dictionary (the file's first object): the page count a
    linearized file declares at its start, which survives the loss of its end."""
    match = _LINEARIZED_RE.search(data[:2048])
    count = int(match[1]) if match else None
    return count if count is not None and count <= MAX_SANE_PAGE_COUNT else None


@dataclass
class _PageTree:
    # (object id, attributes with inherited ones) per page; None holds the place of a kid
    # that could not be read (taken for one page), so that later pages keep their numbers.
    leaves: list[tuple[int | None, dict] | None]
    damage: list[PageFailure]  # nodes that could not be read, at the position they held

    @property
    def pages(self) -> int:
        return sum(1 for leaf in self.leaves if leaf is not None)

    def lose(self, message: str, is_root: bool) -> None:
        self.damage.append(PageFailure(len(self.leaves) + 1, message))
        if not is_root:
            self.leaves.append(None)


def _walk_page_tree(document: PDFDocument, max_pages: int) -> _PageTree:  # noqa: C901 - one stack walk with damage cases
    """The page leaves of the tree, as pdfminer would visit them (a shared node once).

    Unlike pdfminer's walk, a node that cannot be read costs its own pages and no more:
    pdfminer's generator dies there, and every page after it is lost. A node that is its own
    ancestor is a damaged file: pdfminer would quietly skip the loop, but then which pages
    the document has is anybody's guess. Stops past `max_pages` (when set), so a tree of a
    million pages costs no more than the limit.
    """
    tree = _PageTree([], [])
    root = document.catalog.get("Pages")
    if root is None:
        return tree
    on_path: set[int] = set()  # Pages nodes between the root and the current node
    done: set[int] = set()
    stack: list[tuple[bool, object, dict]] = [(False, root, document.catalog)]
    while stack and not (max_pages and tree.pages > max_pages):
        leaving, reference, inherited = stack.pop()
        objid = getattr(reference, "objid", None)
        if leaving:
            if objid is not None:
                on_path.discard(objid)
                done.add(objid)
            continue
        if objid is not None and objid in on_path:
            raise _damaged("page tree loop", f"page tree node {objid} is among its own descendants")
        if objid is not None and objid in done:
            continue
        name = f"page tree {'root' if reference is root else 'node'} {objid}"
        try:
            node = resolve1(reference)
            kids = list_value(node["Kids"]) if isinstance(node, dict) and "Kids" in node else None
        except DAMAGE_ERRORS as error:
            tree.lose(f"{name}: {_message(error)}", reference is root)
            continue
        if not isinstance(node, dict):
            tree.lose(f"{name} is missing or not a dictionary", reference is root)
            continue
        attributes = dict(node)
        for key in PDFPage.INHERITABLE_ATTRS - attributes.keys():
            if key in inherited:
                attributes[key] = inherited[key]
        kind = node.get("Type", node.get("type"))
        if kind is LITERAL_PAGES and kids is not None:
            if objid is not None:
                on_path.add(objid)
            stack.append((True, reference, attributes))
            stack.extend((False, kid, attributes) for kid in reversed(kids))
        elif kind is LITERAL_PAGE:
            tree.leaves.append((objid, attributes))
            if objid is not None:
                done.add(objid)
    return tree


def _loose_pages(document: PDFDocument) -> Iterator[tuple[int, dict]]:
    """/Type /Page objects wherever they are: pdfminer's own fallback when the tree has none."""
    objids = sorted({objid for xref in document.xrefs for objid in xref.get_objids()})
    for objid in objids:
        try:
            obj = document.getobj(objid)
        except DAMAGE_ERRORS:
            continue
        if isinstance(obj, dict) and obj.get("Type") is LITERAL_PAGE:
            yield objid, obj


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
