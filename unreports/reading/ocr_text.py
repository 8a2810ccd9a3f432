"""OCR text input: lines with no geometry, furniture recognised by pattern.

The OCR text has no page geometry. It does keep the order of the page: body, then the
page's footnotes, then the next page. A footnote block therefore marks a page end,
which gives approximate page numbers (flagged in the document warnings).
"""

from __future__ import annotations

import codecs
import re

from unreports.reading.furniture import (
    DISTRIBUTION_RE,
    ORIGINAL_RE,
    english_date,
    find_symbol,
    is_footer_text,
    is_masthead_text,
    language_code,
)
from unreports.records import DocumentMetadata, Line, ReadDocument, SourceDocument
from unreports.structure.footnotes import FOOTNOTE_LINE_RE
from unreports.text.script import dominant_language

MAX_LINE_CHARACTERS = 20_000  # longer "lines" are binary or a broken export
MAX_CONTROL_SHARE = 0.01  # share of control characters above which a text is rejected


class TextInputError(ValueError):
    """The text file cannot be read as a report; the message is the recorded reason (short,
    stable), `detail` says more about this file."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with BOM; normalise line ends.

    NUL and other control characters are removed when rare and rejected when common
    (then the file is binary, not text).
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:  # odd length, unpaired surrogate
            raise TextInputError("not UTF-16 text", f"invalid bytes at offset {error.start}") from error
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise TextInputError("not UTF-8 text", f"invalid byte at offset {error.start}") from error
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\t")
    if text and controls / len(text) > MAX_CONTROL_SHARE:
        raise TextInputError("binary content (control characters) in a text file",
                             f"{controls} control characters in {len(text)}")
    text = "".join(c for c in text if ord(c) >= 32 or c in "\n\t")
    if not text.strip():
        raise TextInputError("empty text")
    return text


def read_text(source: SourceDocument, data: bytes) -> ReadDocument:
    text = decode_text(data)
    raw_lines = [line.strip() for line in text.split("\n")]
    warnings: list[str] = []
    longest = max(raw_lines, key=len)
    if len(longest) > MAX_LINE_CHARACTERS:
        raise TextInputError(f"a line longer than {MAX_LINE_CHARACTERS} characters",
                             f"line {raw_lines.index(longest) + 1}: {len(longest)} characters")

    body: list[Line] = []
    furniture: list[Line] = []
    symbol = None
    distribution = None
    published_on = None
    original = None
    language_line = None
    page = 1
    in_footnotes = False
    seen_body = False
    for raw in raw_lines:
        if not raw:
            continue
        if FOOTNOTE_LINE_RE.match(raw):
            body.append(Line(page=page, text=raw, kind="footnote"))
            in_footnotes = True
            continue
        if in_footnotes:  # the first body line after footnotes starts a new page
            page += 1
            in_footnotes = False
        if not seen_body and is_masthead_text(raw):
            furniture.append(Line(page=page, text=raw, kind="furniture"))
            symbol = symbol or find_symbol(raw)
            if match := DISTRIBUTION_RE.search(raw):
                distribution = match.group(1)
                published_on = english_date(raw) or published_on
            if match := ORIGINAL_RE.search(raw):
                original = language_code(match.group(1))
            elif language_code(raw):
                language_line = language_code(raw)
            continue
        if is_footer_text(raw):
            furniture.append(Line(page=page, text=raw, kind="furniture"))
            continue
        seen_body = True
        body.append(Line(page=page, text=raw, kind="body"))

    if page > 1:
        warnings.append("page numbers inferred from footnote blocks (OCR text has no pages)")
    language = language_line or dominant_language(" ".join(line.text for line in body))
    metadata = DocumentMetadata(
        symbol=_clean_symbol(symbol),
        language=language,
        original_language=original,
        published_on=published_on,
        distribution=distribution,
        page_count=page,
        text_source="ocr",
    )
    return ReadDocument(source, metadata, tuple(body), tuple(furniture), tuple(warnings))


def _clean_symbol(symbol: str | None) -> str | None:
    return re.sub(r"\*+$", "", symbol) if symbol else None
