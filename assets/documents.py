"""Stages 1-4 for a batch of documents: source file -> page lines -> paragraphs -> statistics.

One asset, partitioned by document, run for many partitions at once (a backfill policy):
each document goes through every stage in its own limited child process, N at a time, and
its rows go to the processed-documents store, not through the IO manager. Each partition
gets its own materialization, with every stage's counts and a preview of its output
(`source/…`, `pages/…`, `paragraphs/…`, `statistics/…`), and its own check results naming
the document.

The stages are one asset, not four: all four run in the same child anyway, and Dagster's
event log costs about 17 ms of CPU per asset and partition (measured: 4 assets with 3
checks 88 ms per partition, 1 asset with 3 checks 38 ms), more than a 2-page letter's
whole processing.
"""

import warnings
from collections.abc import Iterator

import dagster as dg
from dagster._core.definitions.asset_checks.asset_check_evaluation import AssetCheckEvaluation

from assets.preview import lines_preview, paragraphs_preview, statistics_preview
from pipelines import progress
from pipelines.partitions import MAX_PARTITIONS_PER_RUN, documents
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

ASSET = "processed_document"
# Partitioned check specs (preview) and backfill policies on assets (beta) in Dagster 1.13 are
# what per-document checks and many documents per run need.
warnings.filterwarnings("ignore", message="Specifying a partitions_def on an AssetCheckSpec")
warnings.filterwarnings("ignore", message="Parameter `backfill_policy` of function `asset`")
CHECKS = {  # check name -> (severity, description)
    NUMBERING_CHECK: (dg.AssetCheckSeverity.ERROR, "Body paragraphs run 1..N without gaps"),
    CONSISTENCY_CHECK: (
        dg.AssetCheckSeverity.ERROR,
        "Breakdowns within totals, periods ordered, as-at dates not after the document date",
    ),
    COVERAGE_CHECK: (
        dg.AssetCheckSeverity.WARN,
        "Trigger words of an indicator yield a value (warning otherwise)",
    ),
}


@dg.asset(
    name=ASSET, partitions_def=documents, group_name="documents", code_version=pipeline_version(),
    check_specs=[dg.AssetCheckSpec(name, asset=ASSET, description=text, partitions_def=documents)
                 for name, (_, text) in CHECKS.items()],
    backfill_policy=dg.BackfillPolicy.multi_run(max_partitions_per_run=MAX_PARTITIONS_PER_RUN),
)
def processed_document(
    context: dg.AssetExecutionContext, store: DocumentStore, limits: ReadingLimits
) -> Iterator:
    """Every stage of one document (reading, structure, statistics, the rows it publishes),
    in a limited child process: its rows in the processed-documents store, or the reason it
    was rejected."""
    files = store.files()
    processed = ProcessedDocuments(store.root)
    version = pipeline_version()
    keys = list(context.partition_keys)
    missing = sorted(set(keys) - set(files))
    if missing:
        raise FileNotFoundError(f"no input file for {', '.join(missing)} in {store.folders()}")
    sources = [describe(files[key], key) for key in keys]
    rejected: list[str] = []
    failing: dict[str, list[str]] = {name: [] for name in CHECKS}
    for done, (source, outcome) in enumerate(process_documents(sources, limits.limits(), load_registry(),
                                                               processed, workers=limits.worker_count()), 1):
        key = source.document_id
        progress.report(done, len(keys), key, _status(outcome), getattr(outcome, "seconds", 0.0))
        if isinstance(outcome, Rejection):
            processed.commit_rejected(key, outcome, version, source.source_stamp)
            copy = quarantine(source, store.root)
            context.log.info(f"{key}: rejected {outcome.source_name}: {outcome.reason} ({outcome.detail})")
            _add_partition_metadata(context, key, {"rejected": outcome.reason, "detail": outcome.detail,
                                                   "source/name": outcome.source_name,
                                                   "source/sha256": outcome.source_sha256,
                                                   "quarantine": str(copy)})
            # A rejected document's checks do not run: no result for its partition (never a
            # pass), and the run's result per check lists it as skipped.
            rejected.append(key)
            continue
        processed.commit_processed(key, source.source_name, source.source_sha256, version,
                                   outcome.rows_dir, outcome.warnings, outcome.seconds, source.source_stamp)
        _add_partition_metadata(context, key, _metadata(outcome))
        for name, (severity, _) in CHECKS.items():
            problems = outcome.problems[name]
            _log_check(context, key, name, severity, passed=not problems, problems=problems)
            if problems:
                failing[name].append(key)
    yield dg.MaterializeResult(asset_key=ASSET)
    checked = len(keys) - len(rejected)
    for name, (severity, _) in CHECKS.items():
        # Dagster wants one result per check and step; per-document results are logged above.
        yield dg.AssetCheckResult(
            check_name=name,
            passed=not failing[name],
            severity=severity,
            metadata={
                "documents_checked": checked,
                "documents_failing": ", ".join(sorted(failing[name])[:50]),
                "documents_skipped_rejected": ", ".join(sorted(rejected)[:50]),
            },
        )


def _add_partition_metadata(context: dg.AssetExecutionContext, key: str, metadata: dict) -> None:
    """`context.add_asset_metadata(metadata, partition_key=key)` for a key of this run.

    Dagster 1.13 checks that the key is in the run's range by loading every key of the
    dynamic partitions definition from the instance, on every call: O(corpus) per document
    (measured 8 ms a call with 24 partitions; a query of every document at 100,000). The
    keys here come from `context.partition_keys`, so the step's metadata accumulator is
    fed directly; without it (another Dagster) the public call is used.
    """
    step = getattr(context.op_execution_context, "_step_execution_context", None)
    accumulator = getattr(step, "_metadata_accumulator", None)
    if accumulator is None or not hasattr(accumulator, "with_additional_asset_metadata"):
        context.add_asset_metadata(metadata, partition_key=key)
        return
    step._metadata_accumulator = accumulator.with_additional_asset_metadata(  # type: ignore[union-attr]
        asset_key=context.asset_key, metadata=metadata, partition_key=key)


def _status(outcome: DocumentSummary | Rejection) -> str:
    if isinstance(outcome, Rejection):
        return f"rejected: {outcome.reason}"
    counts = outcome.counts
    warned = f", {len(outcome.warnings)} warnings" if outcome.warnings else ""
    return (f"{counts['pages']} pages, {counts['paragraphs']} paragraphs, "
            f"{counts['statistics']} statistics{warned}")


def _metadata(summary: DocumentSummary) -> dict:
    """One document's stages as metadata: counts and a preview for each."""
    source, meta, counts = summary.source, summary.metadata, summary.counts
    return {
        "source/name": source.source_name, "source/sha256": source.source_sha256,
        "source/bytes": source.size_bytes, "source/media_type": source.media_type,
        "seconds": round(summary.seconds, 3),
        "pages/read": counts["pages"], "pages/declared": meta.pages_declared or 0,
        "pages/lines": counts["lines"], "pages/furniture_lines": counts["furniture_lines"],
        "pages/text_source": meta.text_source, "pages/symbol": meta.symbol or "",
        "pages/language": meta.language or "",
        "pages/preview": dg.MetadataValue.md(lines_preview(summary.first_lines)),
        **{f"paragraphs/{name}": counts[name]
           for name in ("paragraphs", "repaired_numbers", "inferred_numbers", "headings", "footnotes",
                        "citations")},
        "paragraphs/preview": dg.MetadataValue.md(paragraphs_preview(summary.first_paragraphs)),
        "statistics/statistics": counts["statistics"],
        "statistics/numeric_mentions": counts["numeric_mentions"],
        **{f"statistics/{n}": c for n, c in sorted(summary.indicator_counts.items())},
        "statistics/preview": dg.MetadataValue.md(statistics_preview(summary.first_statistics)),
        "warnings": "; ".join(summary.warnings),
    }


def _log_check(context: dg.AssetExecutionContext, key: str, name: str, severity: dg.AssetCheckSeverity, *,
               passed: bool, problems: tuple[str, ...]) -> None:
    """One check result for one partition, naming the document. Dagster 1.13 evaluates a
    check once per step; in a run of many partitions each partition's result is logged."""
    metadata = {"document": dg.MetadataValue.text(key),
                "problems": dg.MetadataValue.text("; ".join(problems[:20]))}
    context.log_event(AssetCheckEvaluation(
        asset_key=dg.AssetKey(ASSET), check_name=name, passed=passed, metadata=metadata,
        target_materialization_data=None, severity=severity, partition=key,
    ))
