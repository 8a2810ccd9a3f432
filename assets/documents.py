"""Stages 1-4 for a batch of documents: source file -> page lines -> paragraphs -> statistics.

One multi-asset, partitioned by document, run for many partitions at once (a backfill
policy): each document goes through every stage in its own limited child process, N at a
time, and its rows go to the processed-documents store, not through the IO manager. The
four stages stay four assets in the UI, each partition with its own materialization,
metadata, preview and check results naming the document.
"""

from collections.abc import Iterator

import warnings

import dagster as dg
from dagster._core.definitions.asset_checks.asset_check_evaluation import AssetCheckEvaluation

from assets.preview import lines_preview, paragraphs_preview, statistics_preview
from pipelines.partitions import documents
from pipelines.resources import DocumentStore, ReadingLimits
from unreports.documents import pipeline_version
from unreports.processed import ProcessedDocuments
from unreports.processing import (
    CONSISTENCY_CHECK,
    COVERAGE_CHECK,
    NUMBERING_CHECK,
    DocumentSummary,
    process_documents,
)
from unreports.publish.rejections import quarantine
from unreports.records import Rejection
from unreports.sources import describe
from unreports.statistics.registry import load_registry

SOURCE, PAGES, PARAGRAPHS, STATISTICS = "source_document", "document_pages", "document_paragraphs", "document_statistics"
MAX_PARTITIONS_PER_RUN = 500
# Partitioned check specs are a Dagster 1.13 preview; they are what per-document checks need.
warnings.filterwarnings("ignore", message="Specifying a partitions_def on an AssetCheckSpec")
CHECKS = {  # check name -> (asset, severity, description)
    NUMBERING_CHECK: (PARAGRAPHS, dg.AssetCheckSeverity.ERROR, "Body paragraphs run 1..N without gaps"),
    CONSISTENCY_CHECK: (STATISTICS, dg.AssetCheckSeverity.ERROR,
                        "Breakdowns within totals, periods ordered, as-at dates not after the document date"),
    COVERAGE_CHECK: (STATISTICS, dg.AssetCheckSeverity.WARN,
                     "Trigger words of an indicator yield a value (warning otherwise)"),
}


def _spec(key: str, description: str, group: str, deps: list[str]) -> dg.AssetSpec:
    return dg.AssetSpec(key, description=description, group_name=group, deps=deps, partitions_def=documents,
                        code_version=pipeline_version())


@dg.multi_asset(
    specs=[
        _spec(SOURCE, "The input file of this document: bytes identity (sha256, size) and media type.",
              "ingest", []),
        _spec(PAGES, "Body and footnote lines with page, position and direction; furniture apart.",
              "reading", [SOURCE]),
        _spec(PARAGRAPHS, "Paragraphs numbered as printed (repaired only in OCR text), with chapter and "
              "section; headings, footnotes, citations.", "structure", [PAGES]),
        _spec(STATISTICS, "Indicator values with paragraph number and quote, every numeric mention: the "
              "document's rows in the processed-documents store.", "statistics", [PARAGRAPHS]),
    ],
    check_specs=[dg.AssetCheckSpec(name, asset=asset, description=text, partitions_def=documents)
                 for name, (asset, _, text) in CHECKS.items()],
    partitions_def=documents,
    backfill_policy=dg.BackfillPolicy.multi_run(max_partitions_per_run=MAX_PARTITIONS_PER_RUN),
    can_subset=False,
)
def document_stages(context: dg.AssetExecutionContext, store: DocumentStore, limits: ReadingLimits) -> Iterator:
    """Every stage for each document of the run's partitions, in parallel limited children."""
    files = store.files()
    processed = ProcessedDocuments(store.root)
    version = pipeline_version()
    keys = list(context.partition_keys)
    sources = [describe(files[key]) for key in keys if key in files]
    missing = sorted(set(keys) - set(files))
    if missing:
        raise FileNotFoundError(f"no input file for {', '.join(missing)} in {store.folders()}")
    outcomes: dict[str, str] = {}
    failing: dict[str, list[str]] = {name: [] for name in CHECKS}
    for source, outcome in process_documents(sources, limits.limits(), load_registry(), processed,
                                             workers=limits.worker_count()):
        key = source.document_id
        if isinstance(outcome, Rejection):
            processed.commit_rejected(key, outcome, version)
            copy = quarantine(source, store.root)
            context.log.warning(f"{key}: rejected {outcome.source_name}: {outcome.reason} ({outcome.detail})")
            _rejected_metadata(context, key, outcome, str(copy))
            outcomes[key] = "rejected"
        else:
            processed.commit_processed(key, source.source_name, source.source_sha256, version,
                                       outcome.rows_dir, outcome.warnings, outcome.seconds)
            for name in _stage_metadata(context, key, outcome):
                failing[name].append(key)
            outcomes[key] = "processed"
    for asset in (SOURCE, PAGES, PARAGRAPHS, STATISTICS):
        yield dg.MaterializeResult(asset_key=asset)
    yield from _summary_checks(outcomes, failing)


def _rejected_metadata(context: dg.AssetExecutionContext, key: str, rejection: Rejection, copy: str) -> None:
    for asset in (PAGES, PARAGRAPHS, STATISTICS):
        context.add_asset_metadata({"rejected": rejection.reason, "detail": rejection.detail, "quarantine": copy},
                                   asset_key=asset, partition_key=key)
    context.add_asset_metadata({"source_name": rejection.source_name, "sha256": rejection.source_sha256},
                               asset_key=SOURCE, partition_key=key)
    for name, (asset, severity, _) in CHECKS.items():
        # A rejected document's checks did not run: recorded as skipped, never as passed.
        _log_check(context, key, name, asset, severity, passed=None, problems=(), note=rejection.reason)


def _stage_metadata(context: dg.AssetExecutionContext, key: str, summary: DocumentSummary) -> list[str]:
    """Each stage's metadata for one partition, and its check results; the failed checks."""
    source, meta, counts = summary.source, summary.metadata, summary.counts
    per_asset = {
        SOURCE: {"source_name": source.source_name, "sha256": source.source_sha256,
                 "bytes": source.size_bytes, "media_type": source.media_type,
                 "processing_seconds": round(summary.seconds, 3)},
        PAGES: {"pages": counts["pages"], "pages_declared": meta.pages_declared or 0, "lines": counts["lines"],
                "furniture_lines": counts["furniture_lines"], "text_source": meta.text_source,
                "symbol": meta.symbol or "", "language": meta.language or "",
                "warnings": "; ".join(summary.warnings),
                "preview": dg.MetadataValue.md(lines_preview(summary.first_lines))},
        PARAGRAPHS: {name: counts[name] for name in ("paragraphs", "repaired_numbers", "inferred_numbers",
                                                     "headings", "footnotes", "citations")}
        | {"preview": dg.MetadataValue.md(paragraphs_preview(summary.first_paragraphs))},
        STATISTICS: {"statistics": counts["statistics"], "numeric_mentions": counts["numeric_mentions"],
                     **{f"indicator/{n}": c for n, c in sorted(summary.indicator_counts.items())},
                     "preview": dg.MetadataValue.md(statistics_preview(summary.first_statistics))},
    }
    for asset, metadata in per_asset.items():
        context.add_asset_metadata(metadata, asset_key=asset, partition_key=key)
    for name, (asset, severity, _) in CHECKS.items():
        problems = summary.problems[name]
        _log_check(context, key, name, asset, severity, passed=not problems, problems=problems)
    return [name for name in CHECKS if summary.problems[name]]


def _log_check(context: dg.AssetExecutionContext, key: str, name: str, asset: str,
               severity: dg.AssetCheckSeverity, *, passed: bool | None, problems: tuple[str, ...],
               note: str = "") -> None:
    """One check result for one partition, naming the document. Dagster 1.13 evaluates a
    check once per step; in a run of many partitions each partition's result is logged."""
    metadata = {"document": dg.MetadataValue.text(key),
                "problems": dg.MetadataValue.text("; ".join(problems[:20]))}
    if passed is None:
        metadata["skipped"] = dg.MetadataValue.text(f"document rejected: {note}")
    context.log_event(AssetCheckEvaluation(
        asset_key=dg.AssetKey(asset), check_name=name, passed=bool(passed), metadata=metadata,
        target_materialization_data=None, severity=severity, partition=key,
        description=None if passed is not None else "skipped: the document was rejected",
    ))


def _summary_checks(outcomes: dict[str, str], failing: dict[str, list[str]]) -> Iterator[dg.AssetCheckResult]:
    """The run's own result per check (Dagster requires one per step), naming the documents."""
    processed = sorted(k for k, v in outcomes.items() if v == "processed")
    rejected = sorted(k for k, v in outcomes.items() if v == "rejected")
    for name, (asset, severity, _) in CHECKS.items():
        bad = sorted(failing[name])
        yield dg.AssetCheckResult(
            asset_key=asset, check_name=name, passed=not bad, severity=severity,
            metadata={"documents_checked": len(processed), "documents_failing": ", ".join(bad[:50]),
                      "documents_skipped_rejected": ", ".join(rejected[:50])},
        )
