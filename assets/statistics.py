"""Stage 4: statistics with provenance and every numeric mention, packed per document."""

import dagster as dg

from assets.preview import statistics_preview
from pipelines.partitions import documents
from unreports.checks import missing_indicators, statistic_problems
from unreports.documents import bundle
from unreports.records import DocumentBundle, ReadDocument, Rejection
from unreports.statistics.registry import load_registry
from unreports.structure.build import StructuredDocument


@dg.asset(partitions_def=documents, group_name="statistics", code_version="1")
def document_statistics(document_pages: ReadDocument | Rejection,
                        document_paragraphs: StructuredDocument | Rejection) -> dg.Output[DocumentBundle | Rejection]:
    """Indicator values with paragraph number and quote, plus all numbers; what gets published."""
    if isinstance(document_pages, Rejection) or isinstance(document_paragraphs, Rejection):
        rejection = document_pages if isinstance(document_pages, Rejection) else document_paragraphs
        return dg.Output(rejection, metadata={"rejected": rejection.reason})
    packed = bundle(document_pages, document_paragraphs)
    counts = {}
    for statistic in packed.statistics:
        counts[statistic.indicator] = counts.get(statistic.indicator, 0) + 1
    return dg.Output(packed, metadata={
        "statistics": len(packed.statistics),
        "numeric_mentions": len(packed.numeric_mentions),
        **{f"indicator/{name}": count for name, count in sorted(counts.items())},
        "preview": dg.MetadataValue.md(statistics_preview(packed.statistics)),
    })


@dg.asset_check(asset=document_statistics, description="Breakdowns within totals, periods ordered, "
                "as-at dates not after the document date")
def statistics_are_consistent(document_statistics: DocumentBundle | Rejection) -> dg.AssetCheckResult:
    if isinstance(document_statistics, Rejection):
        return dg.AssetCheckResult(passed=True, metadata={"skipped": "rejected document"})
    problems = statistic_problems(document_statistics)
    return dg.AssetCheckResult(passed=not problems, metadata={"problems": "; ".join(problems[:20])})


@dg.asset_check(asset=document_statistics, description="Trigger words of an indicator yield a value or "
                "a recorded reason", blocking=False)
def indicators_found_where_mentioned(document_statistics: DocumentBundle | Rejection) -> dg.AssetCheckResult:
    if isinstance(document_statistics, Rejection):
        return dg.AssetCheckResult(passed=True, metadata={"skipped": "rejected document"})
    missing = missing_indicators(document_statistics, load_registry())
    return dg.AssetCheckResult(passed=not missing, severity=dg.AssetCheckSeverity.WARN,
                               metadata={"missing": "; ".join(missing)})
