"""The beam-searched numbering decoder agrees with the exhaustive one."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.structure.corruption import corrupted_lines
from unreports.structure.numbering import Unit, decode_numbering, read_leading_token


def _units(lines: list[str], rng: random.Random, headings: float = 0.05) -> list[Unit]:
    units = []
    previous = ""
    for line in lines:
        units.append(Unit(token=read_leading_token(line), after_heading=rng.random() < headings,
                          previous_ends_sentence=not previous or previous.endswith(".")))
        previous = line
    return units


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), count=st.integers(1, 120))
def test_beam_matches_exhaustive_decoder_on_damaged_numbering(seed: int, count: int) -> None:
    rng = random.Random(seed)
    paragraphs = [f"text {i}." if rng.random() < 0.8 else f"text {i}" for i in range(count)]
    lines = corrupted_lines(paragraphs, rng)
    # Continuation lines between paragraphs, as wrapped text or a page break makes them.
    for index in sorted(rng.sample(range(len(lines)), k=min(len(lines), count // 3)), reverse=True):
        lines.insert(index + 1, "and more words" + ("." if rng.random() < 0.5 else ""))
    units = _units(lines, rng)
    assert decode_numbering(units) == decode_numbering(units, beam=None)


def test_long_document_is_decoded_in_order() -> None:
    lines = []
    for number in range(1, 401):
        lines.append(f"{number}. A paragraph starts here.")
        lines.extend(["a wrapped line of the same paragraph"] * 4)
    decisions = decode_numbering(_units(lines, random.Random(0), headings=0.0))
    assert [d.number for d in decisions if d.number is not None] == list(range(1, 401))
