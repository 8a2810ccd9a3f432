"""The benchmark corpus: the bundled samples re-rendered with seeded variation, plus
the real PDFs of ../shared/corpus/en when that folder exists.

Each *variant* (a seed) is one folder of PDFs of about the requested number of pages.
Variation per document: paragraphs drawn from both samples' paragraph pool of the
document's language, shuffled and repeated, sentences shuffled inside some paragraphs,
every number and document symbol redrawn (same digit script, years stay years),
paragraphs, chapters, sections and footnote markers renumbered, a new symbol, job number
and date; Arabic documents alternate the renderer's visual and logical storage, English
ones alternate two fonts. The shared PDFs are linked (never copied) into each variant
under a variant-specific name, so 4 variants hold them 4 times.

A variant folder is reused when its manifest matches the parameters and the sources of
the generator, the renderer and the samples (everything is deterministic anyway).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from unreports.fixtures.render import Block, ReportSpec, parse_spec, render_report
from unreports.samples import sample_texts

REPO = Path(__file__).resolve().parent.parent
SHARED_CORPUS = REPO.parent / "shared" / "corpus" / "en"
MANIFEST = "corpus.json"

ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
ARABIC_CHAPTERS = ("أولا", "ثانيا", "ثالثا", "رابعا", "خامسا", "سادسا", "سابعا", "ثامنا", "تاسعا", "عاشرا")
ARABIC_SECTIONS = ("ألف", "باء", "جيم", "دال", "هاء", "واو", "زاي", "حاء", "طاء", "ياء")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
MAX_CHAPTERS = len(ROMAN)
PARAGRAPHS_PER_PAGE = 9.0  # measured on the synthetic documents at body size 10.5
DOCUMENT_PAGES = (8, 24)  # target size range of one synthetic document
MIN_DOCUMENT_PAGES = 3

_NUMBER_PREFIX = {"en": re.compile(r"^\d+\.\s+"), "ar": re.compile(rf"^[{ARABIC_DIGITS}]+\s*-\s*")}
_HEADING_PREFIX = {"en": re.compile(r"^(?:[IVX]+|[A-Z])\.\s+"), "ar": re.compile(r"^\S+\s+-\s+")}
_DIGIT_RUN = re.compile(rf"[0-9]+|[{ARABIC_DIGITS}]+")
_SENTENCE_END = re.compile(r"(?<=[.])\s+(?=\S)")
_MARKER_SLOT = "\uE000"  # private-use placeholder while numbers are redrawn


@dataclass(frozen=True)
class CorpusFile:
    path: Path
    pages: int
    language: str  # "ar" | "en"
    origin: str  # "synthetic-visual" | "synthetic-logical" | "synthetic" | "shared"


@dataclass(frozen=True)
class Variant:
    folder: Path
    seed: int
    files: tuple[CorpusFile, ...]

    @property
    def pages(self) -> int:
        return sum(f.pages for f in self.files)


@dataclass(frozen=True)
class _Pool:
    title: str
    organ: str
    original: str
    headings: tuple[str, ...]  # heading titles without their numbering
    paragraphs: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # text without number, footnotes


def _pools() -> dict[str, _Pool]:
    by_language: dict[str, list[ReportSpec]] = {}
    for path in sample_texts():
        spec = parse_spec(path.read_text(encoding="utf-8"))
        by_language.setdefault(spec.language, []).append(spec)
    pools = {}
    for language, specs in by_language.items():
        headings, paragraphs = [], []
        for spec in specs:
            for block in spec.blocks:
                if block.kind == "paragraph":
                    paragraphs.append((_NUMBER_PREFIX[language].sub("", block.text), block.footnotes))
                elif block.kind in ("chapter", "section", "subheading"):
                    headings.append(_HEADING_PREFIX[language].sub("", block.text))
        first = specs[0]
        pools[language] = _Pool(first.title, first.organ, first.original_language, tuple(headings),
                                tuple(paragraphs))
    return pools


def _number(value: int, language: str) -> str:
    text = str(value)
    return text.translate(str.maketrans("0123456789", ARABIC_DIGITS)) if language == "ar" else text


def _marker(value: int, language: str) -> str:
    if language == "ar":
        return f"({_number(value, 'ar')})"
    return str(value).translate(str.maketrans("0123456789", SUPERSCRIPT_DIGITS))


def _redraw_numbers(text: str, rng: random.Random) -> str:
    """Every digit run replaced by another of the same length and script; years stay years."""
    def replace(match: re.Match[str]) -> str:
        run = match.group(0)
        arabic = run[0] in ARABIC_DIGITS
        ascii_run = run.translate(str.maketrans(ARABIC_DIGITS, "0123456789"))
        if len(ascii_run) == 4 and ascii_run[:2] in ("19", "20"):
            new = str(rng.randint(1995, 2035))
        elif len(ascii_run) == 1:
            new = str(rng.randint(1, 9))
        else:
            new = str(rng.randint(10 ** (len(ascii_run) - 1), 10 ** len(ascii_run) - 1))
        return new.translate(str.maketrans("0123456789", ARABIC_DIGITS)) if arabic else new
    return _DIGIT_RUN.sub(replace, text)


def _vary_paragraph(text: str, footnotes: tuple[tuple[str, str], ...], language: str,
                    rng: random.Random, next_marker: int) -> tuple[str, tuple[tuple[str, str], ...]]:
    markers = [marker for marker, _ in footnotes]
    for marker in markers:
        text = text.replace(marker, _MARKER_SLOT, 1)
    if rng.random() < 0.5:
        sentences = _SENTENCE_END.split(text)
        if len(sentences) > 2:  # keep the first sentence first: it often opens with "And"
            rest = sentences[1:]
            rng.shuffle(rest)
            text = " ".join([sentences[0], *rest])
    text = _redraw_numbers(text, rng)
    new_notes = []
    for offset, (_, note) in enumerate(footnotes):
        marker = _marker(next_marker + offset, language)
        text = text.replace(_MARKER_SLOT, marker, 1)
        new_notes.append((marker, _redraw_numbers(note, rng)))
    return text, tuple(new_notes)


def synthetic_spec(pool: _Pool, language: str, pages: int, rng: random.Random) -> ReportSpec:
    paragraphs_wanted = max(4, round(pages * PARAGRAPHS_PER_PAGE))
    chapters = min(MAX_CHAPTERS, max(1, paragraphs_wanted // 10))
    blocks: list[Block] = []
    number = footnote = 1
    for chapter in range(chapters):
        heading = rng.choice(pool.headings)
        label = ARABIC_CHAPTERS[chapter] + " - " if language == "ar" else ROMAN[chapter] + ". "
        blocks.append(Block("chapter", label + heading))
        share = paragraphs_wanted // chapters + (1 if chapter < paragraphs_wanted % chapters else 0)
        sections = rng.randint(0, min(3, share // 4))
        cuts = sorted(rng.sample(range(1, share), sections)) if sections else []
        for index in range(share):
            if index == 0 and sections or index in cuts:
                section = (cuts.index(index) + 1) if index in cuts else 0
                label = ARABIC_SECTIONS[section] + " - " if language == "ar" else "ABCDEFGHIJ"[section] + ". "
                blocks.append(Block("section", label + rng.choice(pool.headings)))
            text, notes = rng.choice(pool.paragraphs)
            text, notes = _vary_paragraph(text, notes, language, rng, footnote)
            footnote += len(notes)
            prefix = f"{_number(number, 'ar')} - " if language == "ar" else f"{number}. "
            blocks.append(Block("paragraph", prefix + text, notes))
            number += 1
    year = rng.randint(2000, 2035)
    serial = rng.randint(100, 999)
    job = f"{year % 100:02d}-{rng.randint(0, 99999):05d} ({'A' if language == 'ar' else 'E'})"
    return ReportSpec(
        symbol=f"S/{year}/{serial}", language=language, original_language=pool.original,
        distribution_date=date(year, 1, 1) + timedelta(days=rng.randint(0, 364)),
        job_number=job, title=pool.title, blocks=tuple(blocks), organ=pool.organ,
    )


def _fingerprint(pages: int, seed: int, include_shared: bool) -> str:
    digest = hashlib.sha256(json.dumps([pages, seed, include_shared]).encode())
    for source in (Path(__file__), REPO / "unreports" / "fixtures" / "render.py", *sample_texts()):
        digest.update(source.read_bytes())
    return digest.hexdigest()


def shared_pdfs() -> list[Path]:
    return sorted(SHARED_CORPUS.glob("*.pdf")) if SHARED_CORPUS.is_dir() else []


def count_pages(path: Path) -> int:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    with path.open("rb") as handle:
        return sum(1 for _ in PDFPage.create_pages(PDFDocument(PDFParser(handle))))


def build_variant(folder: Path, pages: int, seed: int, *, include_shared: bool = True,
                  log=print) -> Variant:
    """One folder of about `pages` pages: the shared PDFs (linked) plus synthetic ones."""
    fingerprint = _fingerprint(pages, seed, include_shared)
    manifest = folder / MANIFEST
    if manifest.exists():
        saved = json.loads(manifest.read_text())
        if saved.get("fingerprint") == fingerprint and all(
            (folder / f["name"]).exists() for f in saved["files"]
        ):
            files = tuple(CorpusFile(folder / f["name"], f["pages"], f["language"], f["origin"])
                          for f in saved["files"])
            return Variant(folder, seed, files)
    if folder.exists():
        for old in folder.iterdir():
            old.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    files: list[CorpusFile] = []
    for source in (shared_pdfs() if include_shared else []):
        link = folder / f"shared-{seed}-{source.name}"
        link.symlink_to(source)  # read in place: nothing from ../shared is copied
        files.append(CorpusFile(link, count_pages(source), "en", "shared"))
    rng = random.Random(seed)
    pools = _pools()
    total = sum(f.pages for f in files)
    index = 0
    while total < pages:
        language = ("ar", "en")[index % 2]
        target = min(rng.randint(*DOCUMENT_PAGES), max(MIN_DOCUMENT_PAGES, pages - total))
        spec = synthetic_spec(pools[language], language, target, rng)
        if language == "ar":
            storage, font = ("visual", "logical")[(index // 2) % 2], "dejavu-sans"
            origin = f"synthetic-{storage}"
        else:
            storage, font = "visual", ("dejavu-sans", "dejavu-sans-mono")[(index // 2) % 2]
            origin = "synthetic"
        path = folder / f"bench-{seed}-{index:03d}-{language}.pdf"
        info = render_report(spec, path, font=font, storage=storage)
        files.append(CorpusFile(path, info.page_count, language, origin))
        total += info.page_count
        index += 1
    log(f"  rendered {folder.name}: {index} synthetic documents, {total} pages")
    manifest.write_text(json.dumps({
        "fingerprint": fingerprint,
        "files": [{"name": f.path.name, "pages": f.pages, "language": f.language, "origin": f.origin}
                  for f in files],
    }, indent=1))
    return Variant(folder, seed, tuple(files))


def link_union(folder: Path, variants: list[Variant]) -> Variant:
    """A folder linking every file of several variants (the 4x corpus)."""
    if folder.exists():
        for old in folder.iterdir():
            old.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for variant in variants:
        for item in variant.files:
            link = folder / item.path.name
            link.symlink_to(item.path.resolve())
            files.append(CorpusFile(link, item.pages, item.language, item.origin))
    return Variant(folder, -1, tuple(files))


def describe(variant: Variant) -> str:
    counts: dict[str, list[int]] = {}
    for item in variant.files:
        key = item.origin if item.origin == "shared" else f"{item.language} {item.origin}"
        entry = counts.setdefault(key, [0, 0])
        entry[0] += 1
        entry[1] += item.pages
    parts = [f"{key}: {n} files / {p} pages" for key, (n, p) in sorted(counts.items())]
    return f"{len(variant.files)} PDFs, {variant.pages} pages ({'; '.join(parts)})"
