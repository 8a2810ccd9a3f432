"""OCR in the benchmark: seconds per page, and what OCR keeps of a report's figures.

The bundled samples (English and Arabic) are rendered born-digital, rasterised and wrapped
as image-only PDFs (unreports/fixtures/scanned.py), then read both ways; the born-digital
reading is the truth. Measured: character similarity of the paragraph text, paragraph
numbers, statistics, and numeric mentions by kind (years, other numbers), cited symbols.
Plus seconds per page on the real image-only UN letter in ../shared when present.

    python -m bench.ocr            # prints JSON
"""

from __future__ import annotations

import difflib
import json
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

from unreports.documents import bundle, structure
from unreports.fixtures.scanned import image_only_pdf
from unreports.reading import ocr
from unreports.reading.sandbox import ReadLimits, read_document
from unreports.records import DocumentBundle
from unreports.samples import render_samples
from unreports.sources import describe

REPO = Path(__file__).resolve().parent.parent
REAL_SCAN = REPO.parent / "shared" / "corpus" / "scanned" / "A_47_843-EN.pdf"


def _read(path: Path) -> tuple[DocumentBundle, float]:
    started = time.perf_counter()
    read = read_document(describe(path), path.read_bytes(), ReadLimits())
    packed = bundle(read, structure(read))
    return packed, time.perf_counter() - started


def _text(packed: DocumentBundle) -> str:
    return " ".join(unicodedata.normalize("NFKC", "\n".join(p.text for p in packed.paragraphs)).split())


def _recall(truth: Counter, found: Counter) -> tuple[int, int]:
    """(found, of): how many of the truth's items OCR gave back, counting repeats."""
    return sum((truth & found).values()), sum(truth.values())


def compare(born: DocumentBundle, scanned: DocumentBundle) -> dict:
    def mentions(packed: DocumentBundle, year: bool) -> Counter:
        return Counter(str(m.value) for m in packed.numeric_mentions if (m.kind == "year") == year)

    def statistics(packed: DocumentBundle) -> Counter:
        return Counter((s.indicator, str(s.value), s.measure) for s in packed.statistics)

    return {
        "similarity": difflib.SequenceMatcher(None, _text(born), _text(scanned), autojunk=False).ratio(),
        "paragraph_numbers": _recall(Counter(p.number for p in born.paragraphs),
                                     Counter(p.number for p in scanned.paragraphs)),
        "paragraph_numbers_exact": ([p.number for p in born.paragraphs]
                                    == [p.number for p in scanned.paragraphs]),
        "statistics": _recall(statistics(born), statistics(scanned)),
        "years": _recall(mentions(born, True), mentions(scanned, True)),
        "other_numbers": _recall(mentions(born, False), mentions(scanned, False)),
        "symbols": _recall(Counter(c.symbol for c in born.citations),
                           Counter(c.symbol for c in scanned.citations)),
        "all_ocr_flagged": all("ocr" in s.flags for s in scanned.statistics)
        and all("ocr" in m.flags for m in scanned.numeric_mentions),
        "statistics_read": len(scanned.statistics),
    }


def measure() -> dict:
    languages = ocr.installed_languages()
    if not {"eng", "ara"} <= languages:
        return {"skipped": f"tesseract with eng and ara is not installed (found {sorted(languages)})"}
    results: dict = {"samples": {}}
    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as folder:
        for born_path in render_samples(Path(folder)):
            language = born_path.stem.rsplit("-", 1)[-1]
            scanned_path = Path(folder) / f"S_2030_512-{language.upper()}.pdf"
            image_only_pdf(born_path, scanned_path)
            born, _ = _read(born_path)
            scanned, seconds = _read(scanned_path)
            pages = max(1, len(scanned.pages))
            results["samples"][language] = {"pages": pages, "seconds_per_page": seconds / pages,
                                            **compare(born, scanned)}
    if REAL_SCAN.exists():
        packed, seconds = _read(REAL_SCAN)
        pages = max(1, len(packed.pages))
        results["real_letter"] = {"name": REAL_SCAN.name, "pages": pages, "seconds_per_page": seconds / pages,
                                  "paragraphs": len(packed.paragraphs), "symbol": packed.metadata.symbol,
                                  "numeric_mentions": len(packed.numeric_mentions)}
    return results


if __name__ == "__main__":
    print(json.dumps(measure(), indent=1, default=str))
