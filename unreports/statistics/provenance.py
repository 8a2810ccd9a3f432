"""Which figures were read by OCR: the flags `ocr` and `ocr_low_confidence`.

A figure is as exact as the least exact page its paragraph (or footnote) lies on
(ReadDocument.pages; a text file is OCR throughout). `ocr` marks every figure read from
OCR-grade text, whatever its language: an Arabic OCR figure is never published without it.
`ocr_low_confidence` marks one whose word our OCR engine was unsure of (Line.low_confidence_words).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from unreports.reading.classify import least_exact
from unreports.records import Line, PageSource

OCR_FLAG = "ocr"
LOW_CONFIDENCE_FLAG = "ocr_low_confidence"
_EDGE_PUNCTUATION = "()[]{}.,;:!?\"'“”‘’«»"


@dataclass(frozen=True)
class OcrEvidence:
    document_source: str = "text_layer"
    page_sources: Mapping[int, str] = field(default_factory=dict)
    low_words: Mapping[int, frozenset[str]] = field(
        default_factory=dict
    )  # page -> doubtful words with digits

    @classmethod
    def of(cls, document_source: str, pages: Iterable[PageSource], lines: Iterable[Line]) -> OcrEvidence:
        low: dict[int, set[str]] = {}
        for line in lines:
            for word in line.low_confidence_words:
                stripped = word.strip(_EDGE_PUNCTUATION)
                if any(c.isdigit() for c in stripped):
                    low.setdefault(line.page, set()).add(stripped)
        return cls(document_source, {p.page: p.text_source for p in pages},
                   {page: frozenset(words) for page, words in low.items()})

    def source(self, page_start: int | None, page_end: int | None) -> str:
        """The least exact text source among the pages (the document's when unknown)."""
        if page_start is None or not self.page_sources:
            return self.document_source
        pages = range(page_start, (page_end or page_start) + 1)
        found = least_exact(self.page_sources.get(page, "") for page in pages)
        return self.document_source if found is None else found

    def flags(self, as_printed: str, page_start: int | None, page_end: int | None) -> tuple[str, ...]:
        if self.source(page_start, page_end) == "text_layer":
            return ()
        flags = (OCR_FLAG,)
        number = as_printed.strip(_EDGE_PUNCTUATION + " ")
        if number and page_start is not None:
            for page in range(page_start, (page_end or page_start) + 1):
                if any(number == word or number in word for word in self.low_words.get(page, ())):
                    return (*flags, LOW_CONFIDENCE_FLAG)
        return flags
