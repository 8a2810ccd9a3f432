"""The data-quality rules behind the asset checks: each catches what it names, and only that."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from tests.publish.conftest import build_inputs
from unreports.checks import missing_indicators, numbering_problems, statistic_problems
from unreports.records import DocumentBundle, Statistic
from unreports.statistics.registry import load_registry


@pytest.fixture
def english() -> DocumentBundle:
    bundles, _ = build_inputs()
    return next(b for b in bundles if b.metadata.language == "en")


def _breakdown(bundle: DocumentBundle) -> tuple[Statistic, Statistic]:
    """(total, breakdown) of the fixture: 249 children including 22 girls."""
    breakdown = next(s for s in bundle.statistics if s.breakdown_of)
    total = next(s for s in bundle.statistics if s.statistic_key == breakdown.breakdown_of)
    return total, breakdown


def _with_statistic(bundle: DocumentBundle, old: Statistic, new: Statistic) -> DocumentBundle:
    return replace(bundle, statistics=tuple(new if s is old else s for s in bundle.statistics))


def test_consistent_statistics_pass(english: DocumentBundle) -> None:
    assert statistic_problems(english) == []


def test_breakdown_larger_than_its_total(english: DocumentBundle) -> None:
    total, breakdown = _breakdown(english)
    damaged = _with_statistic(english, breakdown, replace(breakdown, value=total.value + 1))
    [problem] = statistic_problems(damaged)
    assert "exceeds its total" in problem and f"paragraph {breakdown.paragraph_number}" in problem


def test_breakdown_of_a_total_that_is_not_there(english: DocumentBundle) -> None:
    _, breakdown = _breakdown(english)
    damaged = _with_statistic(english, breakdown, replace(breakdown, breakdown_of="child_bombers:99:0"))
    assert ["missing total" in p for p in statistic_problems(damaged)] == [True]


def test_period_that_ends_before_it_starts(english: DocumentBundle) -> None:
    total, _ = _breakdown(english)
    damaged = _with_statistic(english, total, replace(total, period_start=date(2018, 1, 1),
                                                      period_end=date(2017, 12, 31)))
    assert ["ends before it starts" in p for p in statistic_problems(damaged)] == [True]


def test_as_at_date_after_the_document_date(english: DocumentBundle) -> None:
    published = english.metadata.published_on
    first = english.statistics[0]
    later = _with_statistic(english, first, replace(first, as_of=date(published.year + 1, 1, 1)))
    assert ["after the document date" in p for p in statistic_problems(later)] == [True]
    same_day = _with_statistic(english, first, replace(first, as_of=published))
    assert statistic_problems(same_day) == []


def test_numbering_runs_one_to_n(english: DocumentBundle) -> None:
    paragraphs = english.paragraphs
    assert numbering_problems(paragraphs) == []
    assert numbering_problems(()) == []
    gap = paragraphs[:1] + paragraphs[2:]
    repeat = paragraphs[:2] + (replace(paragraphs[2], number=2),) + paragraphs[3:]
    late_start = tuple(replace(p, number=p.number + 1) for p in paragraphs)
    for damaged in (gap, repeat, late_start):
        [problem] = numbering_problems(damaged)
        assert f"not 1..{len(damaged)}" in problem


def test_trigger_words_without_a_value_are_reported(english: DocumentBundle) -> None:
    registry = load_registry()
    assert missing_indicators(english, registry) == []
    nothing_read = replace(english, statistics=())
    problems = missing_indicators(nothing_read, registry)
    # "173 States had ratified the Convention" (paragraph 2) names ratified_parties' triggers.
    assert "ratified_parties: trigger words in paragraph 2, no value read" in problems
    assert not any(p.startswith("child_bombers") for p in problems)  # no trigger in the text
    # A registry without rules for the document's language asks nothing of it.
    arabic_only = tuple(replace(i, rules=tuple(r for r in i.rules if r.language == "ar")) for i in registry)
    assert missing_indicators(nothing_read, arabic_only) == []


def test_value_read_from_another_indicator_does_not_count(english: DocumentBundle) -> None:
    registry = load_registry()
    only_other = replace(english, statistics=tuple(
        replace(s, indicator="rescued_hostages", value=Decimal(5)) for s in english.statistics))
    assert any(p.startswith("ratified_parties") for p in missing_indicators(only_other, registry))


def test_breakdown_of_another_measure(english: DocumentBundle) -> None:
    total, breakdown = _breakdown(english)
    damaged = _with_statistic(english, breakdown, replace(breakdown, measure="change"))
    assert statistic_problems(damaged) == [
        f"{breakdown.indicator} in paragraph {breakdown.paragraph_number}: a change breaks down a level"]
    unknown = _with_statistic(english, total, replace(total, measure="stock"))
    assert any("measure 'stock'" in p for p in statistic_problems(unknown))
