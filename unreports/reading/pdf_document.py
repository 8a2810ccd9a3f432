"""The `pages` stage for PDFs: glyph pages -> body, footnote and furniture lines + metadata."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from unreports.pool import ask_for_time
from unreports.reading.classify import (
    OCR_PRODUCER_RE,
    classify_page,
    document_source,
    image_coverage,
    producer,
    text_glyphs,
)
from unreports.reading.furniture import (
    DISTRIBUTION_RE,
    JOB_LINE_RE,
    JOB_NUMBER_RE,
    ORIGINAL_RE,
    english_date,
    find_symbol,
    is_footer_text,
    is_masthead_text,
    language_code,
)
from unreports.reading.lines import VisualLine, build_line, group_lines
from unreports.reading.ocr import (
    LOW_CONFIDENCE as OCR_LOW_CONFIDENCE,
)
from unreports.reading.ocr import (
    OcrPage,
    OcrUnavailable,
    language_from_name,
    missing_engine,
    ocr_pages,
    page_glyphs,
    tesseract_language,
)
from unreports.reading.pdf import PageCensus, PageFailure, PageGlyphs, PdfPages, PdfReadError
from unreports.reading.repair import edit_distance, join_letter_spaced, repair_ocr_line, symbol_from_name
from unreports.records import DocumentMetadata, Line, PageSource, ReadDocument, SourceDocument
from unreports.structure.numbering import read_leading_token
from unreports.text.script import arabic_share, dominant_language

HEADER_BAND = 0.10  # top share of the page where the running symbol header sits
FOOTER_BAND = 0.09  # bottom share: page numbers, job number, barcode
MASTHEAD_BAND = 0.30  # the first page's masthead sits in its top third
FOOTNOTE_RULE_MAX_WIDTH = 0.5  # x page width: a footnote rule is short
FOOTNOTE_SIZE = 0.9  # x body size: footnote text is smaller
MIN_TEXT_GLYPHS = 20  # fewer mapped glyphs than this in a whole PDF: no text layer
MAX_UNMAPPED_SHARE = 0.3  # more glyphs than this without Unicode: unreadable font encoding
LOW_CONFIDENCE = 0.5  # reading-order self-check below this flags the line
HEADING_SIZE = 1.15  # x body size: larger lines are headings or titles
HEADING_LINE_GAP = 3.5
OCR_BUDGET_SECONDS_PER_PAGE = 15  # extra wall-clock and CPU time asked for each page to OCR
MAX_HEADING_LINE = 150  # characters: a heading line is short
UNDERLINE_SLACK = 3.0  # points
UNDERLINE_DEPTH = 0.5  # x font size: an underline sits this far below the baseline at most
# (x font size: wrapped heading lines can be loosely spaced)
SENTENCE_ENDINGS = (".", ":", ";", "؛")  # a heading may wrap after a comma
JOB_LANGUAGE = {"A": "ar", "E": "en", "F": "fr", "S": "es", "R": "ru", "C": "zh"}


@dataclass(frozen=True)
class _PageLine:
    page: int
    line: VisualLine
    kind: str


OCR_GRADE = ("ocr_layer", "ocr")
MAX_SYMBOL_MISREAD = 2  # characters: a masthead symbol this close to the file name's is that symbol misread


def read_pdf(source: SourceDocument, data: bytes, *, max_pages: int = 0, ocr: bool = True) -> ReadDocument:
    pdf = PdfPages(data, max_pages=max_pages)
    pages = list(pdf)
    page_notes = _page_warnings(pdf.census, len(pages), pdf.failures)
    coverage = image_coverage(pages, data)
    glyph_counts = {page.number: text_glyphs(page) for page in pages}
    made_by = producer(pdf.document)
    ocr_producer = bool(OCR_PRODUCER_RE.search(made_by))
    kinds = {page.number: classify_page(page, coverage.get(page.number, 0.0), ocr_producer) for page in pages}
    scanned = [number for number, kind in kinds.items() if kind == "ocr"]
    read_by_ocr: dict[int, OcrPage] = {}
    if scanned:
        pages, read_by_ocr, notes = _ocr_scanned_pages(source, data, pages, scanned, kinds, ocr)
        page_notes += notes
    _check_text_layer(pages, pdf.census, pdf.failures)
    sizes = Counter(round(g.size, 1) for p in pages for g in p.glyphs if g.text.strip())
    body_size = sizes.most_common(1)[0][0]

    rtl = _mostly_rtl(pages)
    built = [_build_page_lines(page, body_size, False, rtl) for page in pages]
    mirror = _needs_bracket_mirroring([line for lines in built for line in lines])
    if mirror:  # rare: rebuild with brackets swapped in right-to-left lines
        built = [_build_page_lines(page, body_size, True, rtl) for page in pages]
    classified: list[_PageLine] = []
    for page, visual in zip(pages, built, strict=True):
        classified.extend(_classify_page(page, visual, body_size))
    classified = _merge_heading_lines(classified, body_size)

    lines: list[Line] = []
    furniture: list[Line] = []
    warnings: list[str] = list(page_notes)
    joined = 0
    line_language = language_from_name(source.source_name) or ("ar" if rtl else "en")
    for item in classified:
        text = item.line.text
        if kinds.get(item.page) in OCR_GRADE:
            text = join_letter_spaced(text)
            joined += text != item.line.text
            text = repair_ocr_line(text, line_language)
        low_words: tuple[str, ...] = ()
        ocr_confidence = None
        if item.page in read_by_ocr:
            ocr_confidence, low_words = _word_confidences(read_by_ocr[item.page], item.line)
        record = Line(
            page=item.page, text=text, kind=item.kind, x0=item.line.x0, y0=item.line.baseline,
            x1=item.line.x1, y1=item.line.baseline + item.line.size, font_size=item.line.size,
            direction=item.line.direction, confidence=item.line.confidence,
            ocr_confidence=ocr_confidence, low_confidence_words=low_words,
        )
        (furniture if item.kind == "furniture" else lines).append(record)
    if joined:
        warnings.append(f"{joined} OCR lines with letter-spaced words joined (F o r t y -> Forty)")
    doubtful = sum(1 for line in lines if line.confidence < LOW_CONFIDENCE)
    if doubtful:
        warnings.append(f"{doubtful} lines with a doubtful reading order (self-check < {LOW_CONFIDENCE})")
    if mirror:
        warnings.append("brackets mirrored: this PDF stores right-to-left brackets visually")
    source_of_text = document_source(kinds)
    metadata = replace(_metadata(furniture, lines, len(pages)), pages_declared=pdf.census.expected,
                       text_source=source_of_text)
    metadata, symbol_note = _symbol_from_file_name(metadata, source.source_name, source_of_text in OCR_GRADE)
    warnings += symbol_note
    if source_of_text != "text_layer" or scanned:
        counts = {kind: sum(1 for k in kinds.values() if k == kind) for kind in dict.fromkeys(kinds.values())}
        warnings.append("pages by text source: " + ", ".join(f"{kind} {n}" for kind, n in counts.items())
                        + (f" (made by {made_by})" if ocr_producer else ""))
    provenance = tuple(
        PageSource(source.document_id, number, kind, glyph_counts.get(number, 0), coverage.get(number),
                   read_by_ocr[number].mean_confidence if number in read_by_ocr else None,
                   read_by_ocr[number].language if number in read_by_ocr else None)
        for number, kind in sorted(kinds.items())
    )
    return ReadDocument(source, metadata, tuple(lines), tuple(furniture), tuple(warnings), provenance)


def _ocr_scanned_pages(source: SourceDocument, data: bytes, pages: list[PageGlyphs], scanned: list[int],
                       kinds: dict[int, str], enabled: bool,
                       ) -> tuple[list[PageGlyphs], dict[int, OcrPage], list[str]]:
    """Image-only pages replaced by what our OCR read on them (`kinds` updated: a page
    that could not be OCR'd becomes `image_only`). Without the engine, a document with no
    other text is rejected with how to install it; one with other text keeps that."""
    language = tesseract_language(language_from_name(source.source_name) or _text_language(pages, kinds))
    problem = "OCR switched off" if not enabled else missing_engine(language)
    has_text = any(kind in ("text_layer", "ocr_layer") for kind in kinds.values())
    if problem and not has_text:
        raise PdfReadError("no text layer (scanned?)",
                           f"{len(scanned)} of {len(pages)} pages are images without text; {problem}")
    read: list[OcrPage] = []
    notes: list[str] = []
    if problem:
        notes.append(f"{len(scanned)} image-only pages not read ({problem}): {scanned[:20]}")
    else:
        # OCR costs seconds a page (about 1.5 s here, more on a busy machine): the document's
        # limits grow with its scanned pages, within the pool's cap.
        ask_for_time(len(scanned) * OCR_BUDGET_SECONDS_PER_PAGE, f"OCR of {len(scanned)} pages")
        try:
            read, notes = ocr_pages(data, scanned, language)
        except OcrUnavailable as error:  # pragma: no cover - checked above
            notes.append(f"{len(scanned)} image-only pages not read ({error})")
    by_number = {page.number: page for page in read if page.lines}
    for number in scanned:
        kinds[number] = "ocr" if number in by_number else "image_only"
    if by_number:
        # No timing here: a warning is published content, and equal inputs give equal rows.
        notes.append(f"{len(by_number)} image-only pages OCR'd (tesseract '{language}')")
    replaced = [page_glyphs(by_number[page.number]) if page.number in by_number else page for page in pages]
    return replaced, by_number, notes


def _text_language(pages: list[PageGlyphs], kinds: dict[int, str]) -> str | None:
    """The language of the pages that have text, for OCR of the others (None: English)."""
    text = "".join(g.text for page in pages if kinds.get(page.number) != "ocr" for g in page.glyphs[:2000])
    return dominant_language(text) if text.strip() else None


def _word_confidences(page: OcrPage, line: VisualLine) -> tuple[float | None, tuple[str, ...]]:
    """The engine's lowest word confidence on a line and its doubtful words, found by position."""
    confidences: list[float] = []
    doubtful: list[str] = []
    for ocr_line in page.lines:
        if abs(ocr_line.baseline - line.baseline) > max(1.0, 0.3 * line.size):
            continue
        for word in ocr_line.words:
            if line.x0 - 1 <= word.x0 and word.x1 <= line.x1 + 1:
                confidences.append(word.confidence)
                if word.confidence < OCR_LOW_CONFIDENCE:
                    doubtful.append(word.text)
    return (min(confidences) if confidences else None), tuple(doubtful)


def _symbol_from_file_name(metadata: DocumentMetadata, source_name: str,
                           ocr_grade: bool) -> tuple[DocumentMetadata, list[str]]:
    """The file name's symbol where the furniture has none, or (OCR-grade text) a misread
    of it: `A/45/109` in an OCR'd masthead of A_45_189-EN.pdf is A/45/189."""
    named = symbol_from_name(source_name)
    if named is None or metadata.symbol == named:
        return metadata, []
    if metadata.symbol is None:
        return replace(metadata, symbol=named), [
            f"symbol {named} taken from the file name (none in the furniture)"
        ]
    if ocr_grade and edit_distance(metadata.symbol, named) <= MAX_SYMBOL_MISREAD:
        return replace(metadata, symbol=named), [
            f"symbol {named} taken from the file name: the OCR'd furniture reads {metadata.symbol}"]
    return metadata, []


def _check_text_layer(pages: list[PageGlyphs], census: PageCensus, failures: list[PageFailure]) -> None:
    """Reject what has no usable text; in a damaged file, the damage is the reason."""
    glyphs = sum(len(p.glyphs) for p in pages)
    unmapped = sum(1 for p in pages for g in p.glyphs if g.unmapped)
    with_text = sum(1 for p in pages for g in p.glyphs if not g.unmapped and g.text.strip())
    lost = bool(failures) or (census.expected is not None and len(pages) < census.expected)
    if not pages and not lost:
        raise PdfReadError("no pages", f"the page tree declares {census.expected} pages")
    encoding_unreadable = glyphs > 0 and unmapped / glyphs > MAX_UNMAPPED_SHARE
    if (lost or census.xref_rebuilt) and (encoding_unreadable or with_text < MIN_TEXT_GLYPHS):
        what = "no pages read" if not pages else "pages lost" if lost else "no text left"
        rebuilt = ", cross-reference table rebuilt" if census.xref_rebuilt else ""
        raise PdfReadError(f"truncated or damaged PDF ({what})",
                           f"{_pages_read(census, len(pages))}, {with_text} glyphs with text{rebuilt}"
                           f"{_failure_note(failures)}")
    if encoding_unreadable:
        raise PdfReadError("unreadable font encoding (cid)",
                           f"{unmapped} of {glyphs} glyphs have no Unicode mapping ({len(pages)} pages)")
    if with_text < MIN_TEXT_GLYPHS:
        images = sum(p.images for p in pages)
        raise PdfReadError("no text layer (scanned?)",
                           f"{with_text} glyphs with text on {len(pages)} pages, {images} images; "
                           f"a text layer has at least {MIN_TEXT_GLYPHS}")


def _pages_read(census: PageCensus, read: int) -> str:
    if census.declared is not None:
        return f"read {read} of {census.declared} declared"
    if census.page_objects is not None:
        return f"read {read}; page tree unreadable, {census.page_objects} page objects found"
    return f"read {read}; page tree unreadable"


def _failure_note(failures: list[PageFailure]) -> str:
    if not failures:
        return ""
    first = failures[0]
    more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
    return f"; page {first.page}: {first.message}{more}"


def _page_warnings(census: PageCensus, read: int, failures: list[PageFailure]) -> list[str]:
    """Say when pages were lost or the counts of a damaged file disagree.

    Every read with fewer pages than the file declares gets a warning with both numbers:
    a damaged file must not pass for a short report.
    """
    objects_disagree = census.page_objects is not None and census.page_objects != census.declared
    warnings = []
    if census.declared is None or read != census.declared or failures or objects_disagree:
        found = (f", {census.page_objects} page objects found"
                 if objects_disagree and census.declared is not None else "")
        warnings.append(f"pages: {_pages_read(census, read)}{found}{_failure_note(failures)}")
    if census.xref_rebuilt:
        warnings.append("cross-reference table damaged: objects located by scanning the file")
    if census.objects_after_end:
        warnings.append(f"truncated: {census.objects_after_end} objects after the last %%EOF "
                        "(an update cut short; the previous revision was read)")
    return warnings


def _mostly_rtl(pages: list[PageGlyphs]) -> bool:
    letters = [g.text for p in pages[:5] for g in p.glyphs if g.text[:1].isalpha()]
    return arabic_share("".join(letters)) >= 0.5


def _build_page_lines(page: PageGlyphs, body_size: float, mirror: bool, rtl: bool) -> list[VisualLine]:
    return [build_line(g, body_size, mirror_brackets=mirror, document_rtl=rtl)
            for g in group_lines(list(page.glyphs))]


def _classify_page(page: PageGlyphs, visual: list[VisualLine], body_size: float) -> list[_PageLine]:
    rule_y = _footnote_rule(page)
    if rule_y is not None:
        below = [line.size for line in visual if page.height * FOOTER_BAND < line.baseline < rule_y]
        # A rule above body-size text is a table or an underline, not a footnote rule.
        if not below or sorted(below)[len(below) // 2] >= FOOTNOTE_SIZE * body_size:
            rule_y = None
    result: list[_PageLine] = []
    header_limit = page.height * (1 - HEADER_BAND)
    footer_limit = page.height * FOOTER_BAND
    for line in visual:
        kind = "body"
        if (
            (line.baseline >= header_limit
             and (find_symbol(line.text) or is_footer_text(line.text) or language_code(line.text)))
            or (line.baseline <= footer_limit
                and (is_footer_text(line.text) or JOB_NUMBER_RE.search(line.text)))
            or JOB_LINE_RE.match(line.text)
            or set(line.text) <= set("_ ")
            or (page.number == 1 and line.baseline >= page.height * (1 - MASTHEAD_BAND)
                and is_masthead_text(line.text))
        ):
            kind = "furniture"
        elif rule_y is not None and line.baseline < rule_y:
            kind = "footnote"
        elif _is_heading_line(line, body_size, _underlined(line, page)):
            kind = "heading"
        result.append(_PageLine(page.number, line, kind))
    if rule_y is None:
        _mark_small_bottom_lines_as_footnotes(result, body_size)
    return result


def _footnote_rule(page: PageGlyphs) -> float | None:
    """The y of a short horizontal rule in the lower part of the page, if any."""
    candidates = [
        r for r in page.rules
        if (r.x1 - r.x0) < FOOTNOTE_RULE_MAX_WIDTH * page.width
        and page.height * FOOTER_BAND < r.y < page.height * 0.6
    ]
    return max((r.y for r in candidates), default=None) if candidates else None


def _mark_small_bottom_lines_as_footnotes(lines: list[_PageLine], body_size: float) -> None:
    """Without a rule: a block of smaller lines at the bottom of the body is footnotes."""
    index = len(lines) - 1
    while index >= 0 and lines[index].kind == "furniture":
        index -= 1
    block_end = index
    while index >= 0 and lines[index].kind == "body" and lines[index].line.size < FOOTNOTE_SIZE * body_size:
        index -= 1
    for i in range(index + 1, block_end + 1):
        lines[i] = _PageLine(lines[i].page, lines[i].line, "footnote")


def _merge_heading_lines(lines: list[_PageLine], body_size: float) -> list[_PageLine]:
    """A heading (bold, or larger than body text) wrapped over two lines is one heading."""
    merged: list[_PageLine] = []
    for item in lines:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and item.kind == previous.kind == "heading"
            and item.page == previous.page
            and abs(item.line.size - previous.line.size) < 0.5
            and 0 < previous.line.baseline - item.line.baseline < HEADING_LINE_GAP * item.line.size
            and read_leading_token(item.line.text) is None
            and not re.match(r"^[A-Z]\.\s|^[IVX]+\.\s", item.line.text)
        ):
            joined = VisualLine(
                text=f"{previous.line.text} {item.line.text}", x0=min(previous.line.x0, item.line.x0),
                x1=max(previous.line.x1, item.line.x1), baseline=previous.line.baseline,
                size=previous.line.size, bold=True, direction=previous.line.direction,
                confidence=min(previous.line.confidence, item.line.confidence),
            )
            merged[-1] = _PageLine(previous.page, joined, "heading")
            continue
        merged.append(item)
    return merged


def _underlined(line: VisualLine, page: PageGlyphs) -> bool:
    """Typewritten reports underline their headings: a rule just under the whole line."""
    width = line.x1 - line.x0
    return any(
        rule.x0 <= line.x0 + UNDERLINE_SLACK and rule.x1 >= line.x1 - UNDERLINE_SLACK - 0.2 * width
        and line.baseline - UNDERLINE_DEPTH * line.size <= rule.y <= line.baseline + 1
        for rule in page.rules
    )


def _is_heading_line(line: VisualLine, body_size: float, underlined: bool) -> bool:
    """Bold, underlined, larger or capitalised short text that does not end a sentence."""
    text = line.text.strip()
    if len(text) > MAX_HEADING_LINE or text.endswith(SENTENCE_ENDINGS):
        return False
    latin = [c for c in text if c.isascii() and c.isalpha()]
    capitals = (
        len(latin) >= 4 and len(latin) == sum(c.isalpha() for c in text) and all(c.isupper() for c in latin)
    )
    return line.bold or underlined or line.size > HEADING_SIZE * body_size or capitals


def _needs_bracket_mirroring(lines: list[VisualLine]) -> bool:
    """Some producers store right-to-left brackets as drawn: test which reading balances them."""
    rtl_texts = [line.text for line in lines if line.direction == "rtl"]
    plain = sum(_unbalanced(text) for text in rtl_texts)
    mirrored = sum(_unbalanced(text.translate(str.maketrans("()", ")("))) for text in rtl_texts)
    return mirrored < plain


def _unbalanced(text: str) -> int:
    depth = errors = 0
    for character in text:
        if character == "(":
            depth += 1
        elif character == ")":
            if depth == 0:
                errors += 1
            else:
                depth -= 1
    return errors + depth


def _metadata(furniture: list[Line], lines: list[Line], page_count: int) -> DocumentMetadata:
    symbols = Counter(s.rstrip("*") for line in furniture if (s := find_symbol(line.text)))
    symbol = symbols.most_common(1)[0][0] if symbols else None
    job = None
    distribution = published_on = original = None
    for line in furniture:
        if job is None and (match := JOB_NUMBER_RE.search(line.text)):
            job = f"{match.group(1)} ({match.group(2)})"
        if match := DISTRIBUTION_RE.search(line.text):
            distribution = match.group(1)
        if published_on is None and line.page == 1:
            published_on = english_date(line.text)
        if match := ORIGINAL_RE.search(line.text):
            original = language_code(match.group(1))
    language = JOB_LANGUAGE.get(job[-2]) if job else None
    language = language or dominant_language(" ".join(line.text for line in lines[:200]))
    return DocumentMetadata(
        symbol=symbol, language=language, original_language=original, published_on=published_on,
        job_number=job, distribution=distribution, page_count=page_count,
    )
