"""OCR for image-only pages: PDFium rasterises, tesseract reads, words become glyphs.

A scanned page has no text layer. We render it at `OCR_DPI` with pypdfium2, run the
tesseract command (`tesseract page.png - -l eng hocr`) and turn each word of its hOCR into
glyph records placed where the word was printed (PDF points, origin bottom-left), with a
space glyph between words and the line's baseline and font size from tesseract's own line
model (`baseline`, `x_size`). Those glyphs go through the same line, furniture and structure
path as a born-digital page; only the lines remember that they were OCR'd (their words'
confidences: `Line.ocr_confidence`, `Line.low_confidence_words`).

Runs inside the document's limited child (sandbox.py, processing.py): rendering is done in
this process one page at a time (PDFium is not thread-safe), tesseract in `OCR_WORKERS`
subprocesses at once, each single-threaded (OMP_THREAD_LIMIT=1) and stopped after
`OCR_PAGE_TIMEOUT` seconds. A page that fails or times out is lost with a warning.

tesseract is a system package (Debian: tesseract-ocr, tesseract-ocr-eng, -ara, -fra;
`make setup` installs them when run as root). Without it an image-only PDF is rejected as
"no text layer (scanned?)" with a detail that says how to install it.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from unreports.reading.pdf import Glyph, PageGlyphs

OCR_DPI = 300
OCR_WORKERS = max(1, min(2, os.cpu_count() or 1))  # tesseract processes at once
OCR_PAGE_TIMEOUT = 60.0  # seconds of wall clock for one page's tesseract
LOW_CONFIDENCE = 60  # tesseract word confidence (0-100) below which a word is doubtful
POINTS_PER_INCH = 72.0
# Tesseract's language data per ISO 639-1 code of a UN language version.
TESSERACT_LANGUAGES = {"en": "eng", "ar": "ara", "fr": "fra", "es": "spa", "ru": "rus", "zh": "chi_sim"}
INSTALL_HINT = "install tesseract-ocr (apt-get install tesseract-ocr tesseract-ocr-eng) to OCR it"
_LANGUAGE_SUFFIX_RE = re.compile(r"[-_ ](AR|EN|FR|ES|RU|ZH|CH)$", re.IGNORECASE)
_BBOX_RE = re.compile(r"bbox (-?\d+) (-?\d+) (-?\d+) (-?\d+)")
_BASELINE_RE = re.compile(r"baseline (-?[\d.]+) (-?[\d.]+)")
_XSIZE_RE = re.compile(r"x_size ([\d.]+)")
_WCONF_RE = re.compile(r"x_wconf (\d+)")


@dataclass(frozen=True)
class OcrWord:
    text: str  # logical order, as tesseract gives it
    x0: float  # points, origin bottom-left
    x1: float
    confidence: float  # 0-100


@dataclass(frozen=True)
class OcrLine:
    baseline: float  # points from the page bottom
    size: float  # font size estimate in points (tesseract's x_size)
    words: tuple[OcrWord, ...]

    @property
    def confidence(self) -> float:
        return min((w.confidence for w in self.words), default=0.0)


@dataclass(frozen=True)
class OcrPage:
    number: int
    width: float  # points
    height: float
    language: str  # tesseract language used
    lines: tuple[OcrLine, ...]
    seconds: float  # tesseract's wall clock for the page

    @property
    def mean_confidence(self) -> float | None:
        words = [w.confidence for line in self.lines for w in line.words]
        return round(sum(words) / len(words), 1) if words else None


class OcrUnavailable(RuntimeError):
    """The engine or the language data is missing; the message says what to install."""


@functools.cache
def installed_languages() -> frozenset[str]:
    """tesseract's installed language data; empty when tesseract is not installed."""
    if shutil.which("tesseract") is None:
        return frozenset()
    try:
        done = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in done.stdout.splitlines()[1:] if line.strip())


def tesseract_language(language: str | None) -> str:
    """The tesseract language for an ISO 639-1 code (English when unknown)."""
    return TESSERACT_LANGUAGES.get(language or "en", "eng")


def missing_engine(language: str) -> str | None:
    """None when tesseract can read `language`; otherwise how to install what is missing."""
    languages = installed_languages()
    if not languages:
        return "tesseract is not installed: " + INSTALL_HINT
    if language not in languages:
        package = f"tesseract-ocr-{language.replace('_', '-')}"
        return (f"tesseract has no '{language}' language data: install {package} "
                f"(apt-get install {package}) to OCR it")
    return None


def language_from_name(source_name: str) -> str | None:
    """ISO 639-1 code from a file named after the symbol and language: A_47_843-EN.pdf -> en."""
    match = _LANGUAGE_SUFFIX_RE.search(Path(source_name).stem)
    if not match:
        return None
    code = match.group(1).lower()
    return "zh" if code == "ch" else code


def ocr_pages(data: bytes, numbers: Sequence[int], language: str, *, dpi: int = OCR_DPI,
              workers: int = OCR_WORKERS, timeout: float = OCR_PAGE_TIMEOUT,
              ) -> tuple[list[OcrPage], list[str]]:
    """OCR the given 1-based pages of a PDF; (pages read, warnings for pages lost)."""
    import pypdfium2  # imported here: only documents with image-only pages need PDFium

    problem = missing_engine(language)
    if problem:
        raise OcrUnavailable(problem)
    warnings: list[str] = []
    results: list[OcrPage] = []
    document = pypdfium2.PdfDocument(data)
    try:
        with tempfile.TemporaryDirectory(prefix="unreports-ocr-") as folder, \
                ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            futures = []
            for number in numbers:
                page = document[number - 1]
                try:
                    width, height = page.get_size()
                    image = page.render(scale=dpi / POINTS_PER_INCH, grayscale=True).to_pil()
                    path = Path(folder) / f"page-{number}.png"
                    image.save(path, dpi=(dpi, dpi))
                    del image
                finally:
                    page.close()
                futures.append((number, pool.submit(_tesseract, path, number, width, height, language, dpi,
                                                    timeout)))
            for number, future in futures:
                try:
                    results.append(future.result())
                except OcrPageError as error:
                    warnings.append(f"page {number} not OCR'd: {error}")
    finally:
        document.close()
    return results, warnings


class OcrPageError(RuntimeError):
    pass


def _tesseract(path: Path, number: int, width: float, height: float, language: str, dpi: int,
               timeout: float) -> OcrPage:
    started = time.perf_counter()
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(["tesseract", str(path), "-", "-l", language, "--dpi", str(dpi), "hocr"],
                              capture_output=True, timeout=timeout, env=environment, check=False)
    except subprocess.TimeoutExpired as error:
        raise OcrPageError(f"tesseract took more than {timeout:g} s") from error
    except OSError as error:
        raise OcrPageError(f"tesseract could not be started ({error})") from error
    finally:
        path.unlink(missing_ok=True)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrPageError(f"tesseract exited {done.returncode}: {message[-1][:160] if message else ''}")
    lines = parse_hocr(done.stdout, height, dpi)
    return OcrPage(number, width, height, language, tuple(lines), time.perf_counter() - started)


def parse_hocr(hocr: bytes | str, page_height: float, dpi: int = OCR_DPI) -> list[OcrLine]:
    """hOCR lines and words in PDF points (origin bottom-left)."""
    scale = POINTS_PER_INCH / dpi
    root = ElementTree.fromstring(hocr)
    lines: list[OcrLine] = []
    for element in root.iter():
        classes = (element.get("class") or "").split()
        if not {"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"} & set(classes):
            continue
        title = element.get("title") or ""
        box = _BBOX_RE.search(title)
        if not box:
            continue
        x0, _, _, y1 = (int(v) for v in box.groups())
        baseline = _BASELINE_RE.search(title)
        slope, offset = (float(v) for v in (baseline.groups() if baseline else ("0", "0")))
        size_match = _XSIZE_RE.search(title)
        words = []
        for span in element.iter():
            if "ocrx_word" not in (span.get("class") or "").split():
                continue
            text = "".join(span.itertext()).strip()
            word_box = _BBOX_RE.search(span.get("title") or "")
            if not text or not word_box:
                continue
            wx0, _, wx1, _ = (int(v) for v in word_box.groups())
            wconf = _WCONF_RE.search(span.get("title") or "")
            confidence = float(wconf.group(1) if wconf else "0")
            words.append(OcrWord(text, wx0 * scale, wx1 * scale, confidence))
        if not words:
            continue
        middle = (words[0].x0 + words[-1].x1) / 2 / scale
        baseline_px = y1 + offset + slope * (middle - x0)
        x_size = float(size_match.group(1)) if size_match else (y1 - int(box.group(2)))
        lines.append(OcrLine(page_height - baseline_px * scale, round(x_size * scale * 2) / 2,
                             tuple(sorted(words, key=lambda w: w.x0))))
    return lines




def page_glyphs(page: OcrPage) -> PageGlyphs:
    """An OCR'd page as glyphs, for the born-digital line path: each word's characters
    spread evenly over its box (in visual order: an Arabic word is laid out right to left),
    one space glyph in each gap between words."""
    from bidi import get_display

    glyphs: list[Glyph] = []
    for line in page.lines:
        previous: OcrWord | None = None
        for word in line.words:
            if previous is not None and word.x0 > previous.x1:
                glyphs.append(Glyph(" ", previous.x1, word.x0, line.baseline, line.size, False, len(glyphs)))
            visual = get_display(word.text, base_dir="R") if _has_rtl(word.text) else word.text
            step = (word.x1 - word.x0) / max(1, len(visual))
            for index, character in enumerate(visual):
                left = word.x0 + index * step
                glyphs.append(
                    Glyph(character, left, left + step, line.baseline, line.size, False, len(glyphs))
                )
            previous = word
    return PageGlyphs(page.number, page.width, page.height, tuple(glyphs), (), 1)


def _has_rtl(text: str) -> bool:
    return any(
        "\u0590" <= c <= "\u08ff" or "\ufb1d" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufeff" for c in text
    )


def ocr_seconds_per_page(pdf_path: str | Path, language: str = "eng", *, pages: int | None = None) -> float:
    """Wall-clock seconds per page to rasterise and OCR a PDF (every page, or the first
    `pages`), with this module's settings: for the benchmark."""
    import pypdfium2

    data = Path(pdf_path).read_bytes()
    document = pypdfium2.PdfDocument(data)
    count = len(document)
    document.close()
    numbers = list(range(1, (min(pages, count) if pages else count) + 1))
    started = time.perf_counter()
    ocr_pages(data, numbers, language)
    return (time.perf_counter() - started) / max(1, len(numbers))
