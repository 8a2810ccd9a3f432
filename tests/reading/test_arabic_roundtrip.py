"""The seed text rendered as an Arabic PDF and read back: right to the character.

Both storage orders (visual, as HarfBuzz writes; logical) and two fonts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reading.roundtrip import RoundTrip, round_trip
from unreports.structure.build import build_structure

MIN_SIMILARITY = 0.995


@pytest.fixture(scope="module", params=[("dejavu-sans", "visual"), ("dejavu-sans", "logical"),
                                        ("dejavu-sans-mono", "visual"), ("dejavu-sans-mono", "logical")],
                ids=lambda p: f"{p[0]}-{p[1]}")
def trip(request, seed_path: Path, tmp_path_factory) -> RoundTrip:
    lines = seed_path.read_text(encoding="utf-8").split("\n")[1:]  # the first line is OCR's header
    paragraphs = [line.strip() for line in lines if line.strip()]
    font, storage = request.param
    return round_trip(paragraphs, tmp_path_factory.mktemp("roundtrip"), font=font, storage=storage)


def test_character_similarity(trip: RoundTrip) -> None:
    assert trip.similarity >= MIN_SIMILARITY


def test_no_reversed_or_lost_digit_runs(trip: RoundTrip) -> None:
    assert trip.reversed_digit_runs == 0
    assert trip.missing_digit_runs == 0


def test_no_presentation_forms(trip: RoundTrip) -> None:
    assert trip.presentation_forms == 0


def test_latin_runs_intact(trip: RoundTrip) -> None:
    assert trip.missing_latin_runs == []


def test_every_paragraph_number_found(trip: RoundTrip) -> None:
    structured = build_structure(trip.read)
    assert [p.number for p in structured.paragraphs] == list(range(1, 80))
    assert "start_missing" in structured.paragraphs[2].flags


def test_lines_pass_their_self_check(trip: RoundTrip) -> None:
    doubtful = [line.text for line in trip.read.lines if line.confidence < 0.5]
    assert len(doubtful) <= len(trip.read.lines) * 0.01
