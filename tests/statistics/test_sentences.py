"""Each indicator on varied sentences, positive and negative, in both languages."""

from __future__ import annotations

import pytest

from tests.statistics.sentences import CASES, MEASURE_CASES
from unreports.records import Paragraph
from unreports.statistics.extract import extract_statistics
from unreports.statistics.registry import load_registry

REGISTRY = load_registry()


def read(language: str, sentence: str) -> set[tuple]:
    paragraph = Paragraph("test", 1, "printed", None, None, sentence, sentence, 1, 1, 0, len(sentence))
    found = extract_statistics([paragraph], [], [], REGISTRY, language)
    return {(s.indicator, s.value, s.qualifier, s.subject) for s in found}


@pytest.mark.parametrize(
    ("language", "sentence", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_sentence(language: str, sentence: str, expected: set[tuple]) -> None:
    assert read(language, sentence) == expected


def precision_recall() -> tuple[float, float]:
    """Over all cases: share of read values that were expected, and of expected values read."""
    true_positive = read_total = expected_total = 0
    for language, sentence, expected in CASES:
        found = read(language, sentence)
        true_positive += len(found & expected)
        read_total += len(found)
        expected_total += len(expected)
    return true_positive / max(read_total, 1), true_positive / max(expected_total, 1)


if __name__ == "__main__":
    precision, recall = precision_recall()
    print(f"precision {precision:.3f} recall {recall:.3f} over {len(CASES)} sentences")


@pytest.mark.parametrize(("language", "sentence", "expected"), MEASURE_CASES,
                         ids=[f"{c[0]}-measure-{i}" for i, c in enumerate(MEASURE_CASES)])
def test_level_or_change(language: str, sentence: str, expected: set[tuple]) -> None:
    paragraph = Paragraph("test", 1, "printed", None, None, sentence, sentence, 1, 1, 0, len(sentence))
    found = [s for s in extract_statistics([paragraph], [], [], REGISTRY, language)
             if s.indicator == "ratified_parties"]
    members = [s for s in found if s.subject.endswith(": member")]
    rows = {(s.measure, s.value, s.instrument, s.as_of, s.location if s in members else None) for s in found}
    assert rows == expected
    changes = {s.statistic_key for s in found if s.measure == "change" and s.breakdown_of is None}
    for member in members:  # a named member breaks its change down
        assert member.breakdown_of in changes and member.quote == sentence.strip()
