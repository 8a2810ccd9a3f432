"""Paragraph numbering survives random OCR damage (look-alikes, drops, reversals, merges)."""

from __future__ import annotations

import random
from pathlib import Path

from tests.structure.corruption import corrupted_lines
from unreports.reading.ocr_text import read_text
from unreports.records import DocumentMetadata, Line, ReadDocument, SourceDocument
from unreports.sources import describe
from unreports.structure.build import build_structure

VARIANTS = 50
# Measured: 50/50 variants of the seed, 49/50 of the generated report.
REQUIRED_SHARE = 0.95


def _document(lines: list[str], headings: dict[int, str]) -> ReadDocument:
    body = []
    for index, text in enumerate(lines):
        if index in headings:
            body.append(Line(page=1, text=headings[index]))
        body.append(Line(page=1, text=text))
    source = SourceDocument("variant", "variant.txt", "variant.txt", "0" * 64, 0, "text/plain")
    return ReadDocument(source, DocumentMetadata(language="ar"), tuple(body))


def _share_decoded(paragraphs: list[str]) -> float:
    expected = list(range(1, len(paragraphs) + 1))
    good = 0
    for seed in range(VARIANTS):
        rng = random.Random(seed)
        lines = corrupted_lines(paragraphs, rng)
        structured = build_structure(_document(lines, {0: "أولا - مقدمة"}))
        good += [p.number for p in structured.paragraphs] == expected
    return good / VARIANTS


def test_generated_report_survives_damage() -> None:
    rng = random.Random(7)
    words = ["الدول", "الأعضاء", "التقرير", "الاتجار", "بالأشخاص", "النزاع", "المسلح", "الضحايا", "وقد", "في"]
    paragraphs = [" ".join(rng.choice(words) for _ in range(rng.randint(20, 60))) + "." for _ in range(60)]
    assert _share_decoded(paragraphs) >= REQUIRED_SHARE


def test_seed_report_survives_damage(seed_path: Path) -> None:
    clean = build_structure(read_text(describe(seed_path), seed_path.read_bytes()))
    paragraphs = [p.text for p in clean.paragraphs]
    assert len(paragraphs) == 79
    assert _share_decoded(paragraphs) >= REQUIRED_SHARE


def _paragraph(number: int | None, words: int) -> str:
    text = " ".join(["الدول", "الأعضاء", "في", "التقرير"] * words) + "."
    return text if number is None else f"{number} - {text}"


def test_last_block_without_number_is_an_inferred_paragraph() -> None:
    # OCR text holds one block per line: an unnumbered block after a full stop, after the
    # last printed number, is kept apart and flagged rather than merged into paragraph 3.
    lines = [_paragraph(1, 12), _paragraph(2, 12), _paragraph(3, 12), _paragraph(None, 12)]
    paragraphs = build_structure(_document(lines, {0: "أولا - مقدمة"})).paragraphs
    assert [p.number for p in paragraphs] == [1, 2, 3, 4]
    assert paragraphs[-1].number_source == "inferred"
    assert "start_missing" in paragraphs[-1].flags


def test_wrapped_lines_after_a_full_stop_stay_in_their_paragraph() -> None:
    # Short lines are printed lines of one paragraph, not blocks: no paragraph is inferred.
    lines = [_paragraph(1, 12), _paragraph(2, 3), "الدول الأعضاء في التقرير.", "الدول الأعضاء."]
    paragraphs = build_structure(_document(lines, {0: "أولا - مقدمة"})).paragraphs
    assert [p.number for p in paragraphs] == [1, 2]
    assert paragraphs[-1].text.endswith("الدول الأعضاء.")
