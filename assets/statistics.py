"""Stage 4: statistics with provenance and every numeric mention, as the document's rows.

The output is the document's rows of every published table (DocumentTables, Arrow): the
publication loads every document's output at once, and Arrow rows take a fraction of the
memory of the records they come from."""

from collections.abc import Iterator

import dagster as dg

from assets.preview import statistics_preview
from pipelines.partitions import documents
from unreports.checks import missing_indicators, statistic_problems
from unreports.documents import bundle
from unreports.publish.tables import document_tables
from unreports.records import Rejection
from unreports.statistics.registry import load_registry

CONSISTENCY_CHECK = "statistics_are_consistent"
COVERAGE_CHECK = "indicators_found_where_mentioned"


@dg.asset(
    partitions_def=documents, group_name="statistics", code_version="1",
    check_specs=[
        dg.AssetCheckSpec(CONSISTENCY_CHECK, asset="document_statistics",
                          description="Breakdowns within totals, periods ordered, as-at dates not after "
                                      "the document date"),
        dg.AssetCheckSpec(COVERAGE_CHECK, asset="document_statistics",
                          description="Trigger words of an indicator yield a value (warning otherwise)"),
    ],
)
def document_statistics(document_pages, document_paragraphs) -> Iterator:
    """Indicator values with paragraph number and quote, plus all numbers, paragraphs,
    headings, footnotes and citations as the rows to publish (DocumentTables), or the
    Rejection passed on."""
    for upstream in (document_pages, document_paragraphs):
        if isinstance(upstream, Rejection):
            yield dg.Output(upstream, metadata={"rejected": upstream.reason})
            for name in (CONSISTENCY_CHECK, COVERAGE_CHECK):
                yield dg.AssetCheckResult(check_name=name, passed=True, metadata={"skipped": "rejected"})
            return
    registry = load_registry()
    packed = bundle(document_pages, document_paragraphs, registry)
    counts: dict[str, int] = {}
    for statistic in packed.statistics:
        counts[statistic.indicator] = counts.get(statistic.indicator, 0) + 1
    yield dg.Output(document_tables(packed), metadata={
        "statistics": len(packed.statistics),
        "numeric_mentions": len(packed.numeric_mentions),
        **{f"indicator/{name}": count for name, count in sorted(counts.items())},
        "preview": dg.MetadataValue.md(statistics_preview(packed.statistics)),
    })
    problems = statistic_problems(packed)
    yield dg.AssetCheckResult(check_name=CONSISTENCY_CHECK, passed=not problems,
                              metadata={"problems": "; ".join(problems[:20])})
    missing = missing_indicators(packed, registry)
    yield dg.AssetCheckResult(check_name=COVERAGE_CHECK, passed=not missing,
                              severity=dg.AssetCheckSeverity.WARN, metadata={"missing": "; ".join(missing)})
