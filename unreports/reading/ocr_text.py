"""OCR text input: lines with no geometry, furniture recognised by pattern.

The OCR text has no page geometry. It does keep the order of the page: body, then the
page's footnotes, then the next page. A footnote block therefore marks a page end,
which gives approximate page numbers (flagged in the document warnings).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter

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
# Share of characters no text holds (controls, unassigned, private use, U+FFFD) above which
# a file is binary. Below it, stray NULs from an OCR export are dropped.
MAX_SUSPECT_SHARE = 0.01
# A bar for fragments (a few bytes of junk that happen to decode), not for short reports:
# a one-sentence note passes.
MIN_LETTERS = 10
SUSPECT_CATEGORIES = {"Cc", "Cn", "Co", "Cs"}


class TextInputError(ValueError):
    """The text file cannot be read as a report; the message is the recorded reason (short,
    stable), `detail` says more about this file."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with BOM; normalise line ends.

    What decodes is not yet text: a UTF-16 byte order mark makes any even run of bytes
    decode (six bytes of junk read as two CJK letters), and NULs are valid UTF-8. So the
    decoded text must also look like text (see check_is_text). Rare control characters
    are removed.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "UTF-16"
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:  # odd length, unpaired surrogate
            raise TextInputError("not UTF-16 text", _decode_error(data, error)) from error
    else:
        encoding = "UTF-8"
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise TextInputError("not UTF-8 text", _decode_error(data, error)) from error
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_is_text(text, data, encoding)
    return "".join(c for c in text if ord(c) >= 32 or c in "\n\t")


def _decode_error(data: bytes, error: UnicodeDecodeError) -> str:
    bad = data[error.start:min(error.end, error.start + 4)]
    return f"{error.reason}: bytes {bad.hex(' ')} at offset {error.start} of {len(data)}"


def _alternate_nuls(data: bytes) -> bool:
    """NULs in (nearly) every odd or every even byte and (nearly) nowhere else: the mark of
    Latin text in UTF-16."""
    half = len(data) // 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    return half > 0 and max(even, odd) >= 0.9 * half and min(even, odd) <= 0.1 * half


def check_is_text(text: str, data: bytes, encoding: str) -> None:
    """Reject decoded text that is binary or too little to be a report (reason `not text`)."""
    if not text.strip():
        raise TextInputError("empty text", f"{len(data)} bytes, only white space when decoded as {encoding}")
    categories = Counter(unicodedata.category(c) for c in text if c not in "\n\t")
    suspect = sum(categories[c] for c in SUSPECT_CATEGORIES) + text.count("\ufffd")
    if suspect / len(text) > MAX_SUSPECT_SHARE:
        nuls = text.count("\x00")
        hint = "; every other byte is NUL: UTF-16 without a byte order mark?" if _alternate_nuls(data) else ""
        raise TextInputError("not text", (
            f"{suspect} of {len(text)} characters ({suspect / len(text):.0%}) decoded as {encoding} are "
            f"control ({categories['Cc']}, {nuls} NUL), unassigned ({categories['Cn']}), "
            f"private-use ({categories['Co']}) or undecodable{hint}"))
    letters = sum(n for category, n in categories.items() if category.startswith("L"))
    if letters < MIN_LETTERS:
        raise TextInputError("not text", (
            f"{letters} letters in {len(text)} characters decoded as {encoding} "
            f"({text[:20]!r}); a report has at least {MIN_LETTERS}"))


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
