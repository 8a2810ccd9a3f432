"""Data-quality rules run as asset checks. Each returns a list of problems (empty is good)."""

from __future__ import annotations

from collections.abc import Sequence

from unreports.records import DocumentBundle, Paragraph
from unreports.statistics.registry import MEASURES, Indicator


def numbering_problems(paragraphs: Sequence[Paragraph]) -> list[str]:
    """Body paragraphs run 1..N without gaps or repeats. Pass the body paragraphs only
    (StructuredDocument.paragraphs, DocumentBundle.paragraphs): annex units are apart
    (StructuredDocument.annex, DocumentBundle.annex_units) and carry no paragraph numbers."""
    numbers = [p.number for p in paragraphs]
    expected = list(range(1, len(numbers) + 1))
    if numbers == expected:
        return []
    return [f"paragraph numbers are not 1..{len(numbers)}: {numbers[:20]}"]


def statistic_problems(bundle: DocumentBundle) -> list[str]:
    problems = []
    by_key = {s.statistic_key: s for s in bundle.statistics}
    for statistic in bundle.statistics:
        where = f"{statistic.indicator} in paragraph {statistic.paragraph_number}"
        parent = by_key.get(statistic.breakdown_of) if statistic.breakdown_of else None
        if statistic.breakdown_of and parent is None:
            problems.append(f"{where}: breakdown of a missing total {statistic.breakdown_of}")
        if parent is not None and statistic.value > parent.value:
            problems.append(f"{where}: breakdown {statistic.value} exceeds its total {parent.value}")
        if parent is not None and statistic.measure != parent.measure:
            problems.append(f"{where}: a {statistic.measure} breaks down a {parent.measure}")
        if statistic.measure not in MEASURES:
            problems.append(f"{where}: measure {statistic.measure!r} is neither level nor change")
        if statistic.period_start and statistic.period_end and statistic.period_end < statistic.period_start:
            problems.append(f"{where}: period ends before it starts")
        published = bundle.metadata.published_on
        if statistic.as_of and published and statistic.as_of > published:
            problems.append(f"{where}: as-at date {statistic.as_of} after the document date {published}")
    return problems


def missing_indicators(bundle: DocumentBundle, registry: Sequence[Indicator]) -> list[str]:
    """Indicators whose trigger words occur in the document but that yielded nothing."""
    language = bundle.metadata.language
    found = {s.indicator for s in bundle.statistics}
    missing = []
    for indicator in registry:
        rules = [r for r in indicator.rules if r.language == language]
        if indicator.name in found or not rules:
            continue
        for paragraph in bundle.paragraphs:
            if any(t.search(paragraph.text) for r in rules for t in r.triggers):
                missing.append(
                    f"{indicator.name}: trigger words in paragraph {paragraph.number}, no value read"
                )
                break
    return missing
