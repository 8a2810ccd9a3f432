"""Compare the OCR reading of an image-only PDF with the born-digital reading of the same report."""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from unreports.documents import bundle, structure
from unreports.reading.sandbox import ReadLimits, read_document
from unreports.records import DocumentBundle, Statistic
from unreports.sources import describe


def read_bundle(path: Path) -> DocumentBundle:
    source = describe(path)
    read = read_document(source, path.read_bytes(), ReadLimits())
    return bundle(read, structure(read))


def normalised(packed: DocumentBundle) -> str:
    text = "\n".join(p.text for p in packed.paragraphs)
    return " ".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True)
class Comparison:
    similarity: float  # difflib ratio of the normalised paragraph text
    numbers_born: list[int]
    numbers_ocr: list[int]
    statistics_born: set[tuple]
    statistics_ocr: set[tuple]
    ocr_flags: list[tuple[str, ...]]

    @property
    def statistics_found(self) -> int:
        return len(self.statistics_born & self.statistics_ocr)


def compare(born_digital: Path, scanned: Path) -> tuple[Comparison, DocumentBundle, DocumentBundle]:
    born, ocr = read_bundle(born_digital), read_bundle(scanned)

    def key(s: Statistic) -> tuple:
        return (s.indicator, s.value, s.paragraph_number, s.measure)

    result = Comparison(
        similarity=difflib.SequenceMatcher(None, normalised(born), normalised(ocr), autojunk=False).ratio(),
        numbers_born=[p.number for p in born.paragraphs],
        numbers_ocr=[p.number for p in ocr.paragraphs],
        statistics_born={key(s) for s in born.statistics},
        statistics_ocr={key(s) for s in ocr.statistics},
        ocr_flags=[s.flags for s in ocr.statistics],
    )
    return result, born, ocr
