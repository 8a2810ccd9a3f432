"""`unreports run` and `unreports query`: the command line over the Dagster graph.

`run` materialises the per-document assets for every new or changed input (one partition
each, in this process) and then publishes one snapshot. It exits 0 when the pipeline
worked, also when inputs were rejected (they are recorded), and 1 when a run failed.
"""

from __future__ import annotations

import argparse
import functools
import json
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.definitions import STAGE_MODULES
from pipelines.instance import dagster_home
from pipelines.jobs import DOCUMENT_ASSETS, PUBLICATION_ASSETS
from pipelines.partitions import documents
from pipelines.resources import SAMPLES_SUBDIR, default_resources
from unreports import __version__
from unreports.documents import pipeline_version
from unreports.publish.query import run_query
from unreports.samples import render_samples
from unreports.sources import sha256_of

STATE_FILE = "processed.json"  # document_id -> "input sha256:pipeline_version()" last published
PARALLEL_THRESHOLD = 4  # fewer changed documents than this are not worth starting workers
# Dagster's console logger prints every event at DEBUG; the run's events are in the
# instance (make dev) and our summary is printed at the end.
QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


@functools.cache
def _instance(data_dir: Path) -> dg.DagsterInstance:
    """The persistent instance under DATA_DIR, shared with `make dev`; opened once per
    process (opening it costs about 0.3 s, as much as a small document's reading)."""
    os.environ["DAGSTER_HOME"] = str(dagster_home(data_dir))
    return dg.DagsterInstance.get()


def _materialize_document(document_id: str, data_dir: str, inbox: str) -> tuple[str, bool]:
    """One partition's document assets; runs in the CLI process or in a worker process."""
    instance = _instance(Path(data_dir))
    assets = dg.load_assets_from_modules(STAGE_MODULES, include_specs=True)
    result = dg.materialize(assets, selection=DOCUMENT_ASSETS, partition_key=document_id, instance=instance,
                            resources=default_resources(data_dir, [inbox]), raise_on_error=False,
                            run_config=QUIET)
    return document_id, result.success


def _process(document_ids: list[str], data_dir: Path, inbox: Path, workers: int) -> dict[str, bool]:
    """Materialise each document's partition; in parallel processes when it pays off."""
    if workers <= 1 or len(document_ids) < PARALLEL_THRESHOLD:
        return dict(_materialize_document(d, str(data_dir), str(inbox)) for d in document_ids)
    # Spawned workers: each opens its own instance (no SQLite handle crosses a fork).
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return dict(pool.map(_materialize_document, document_ids, repeat(str(data_dir)), repeat(str(inbox))))


def run(inbox: Path, data_dir: Path, *, render: bool = True, workers: int | None = None) -> int:
    started = time.perf_counter()
    workers = workers or os.cpu_count() or 1
    data_dir = data_dir.resolve()
    inbox = inbox.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    inbox.mkdir(parents=True, exist_ok=True)
    if render:
        render_samples(data_dir / SAMPLES_SUBDIR)
    resources = default_resources(str(data_dir), [str(inbox)])
    files = resources["store"].files()
    instance = _instance(data_dir)
    known = set(instance.get_dynamic_partitions(documents.name))
    new_keys = sorted(set(files) - known)
    if new_keys:
        instance.add_dynamic_partitions(documents.name, new_keys)

    state_path = data_dir / STATE_FILE
    state: dict[str, str] = json.loads(state_path.read_text()) if state_path.exists() else {}
    pipeline = pipeline_version()
    versions = {document_id: f"{sha256_of(path)}:{pipeline}" for document_id, path in files.items()}
    # Unchanged inputs keep their published rows; new or changed ones, and all of them after
    # a code or indicator-registry change, are processed.
    todo = sorted(d for d, version in versions.items() if state.get(d) != version)
    outcomes = _process(todo, data_dir, inbox, workers)
    failed = sorted(d for d, ok in outcomes.items() if not ok)

    if todo or not _current_snapshot_is_up_to_date(data_dir):
        assets = dg.load_assets_from_modules(STAGE_MODULES, include_specs=True)
        published = dg.materialize(assets, selection=PUBLICATION_ASSETS, instance=instance,
                                   resources=resources, raise_on_error=False, run_config=QUIET)
        if not published.success:
            failed.append("publication")
    # A document counts as done once its rows are published: after a failed publication
    # the next run processes and publishes it again.
    if "publication" not in failed:
        state.update({d: versions[d] for d, ok in outcomes.items() if ok})
        temporary = state_path.with_suffix(".tmp")
        temporary.write_text(json.dumps(state, indent=1, sort_keys=True))
        os.replace(temporary, state_path)
    processed = sum(outcomes.values())
    print(_summary(data_dir, len(files), processed, time.perf_counter() - started))
    if failed:
        print(f"FAILED: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def _current_snapshot_is_up_to_date(data_dir: Path) -> bool:
    """Nothing new was processed: the published snapshot stands if this code version made it."""
    manifest = data_dir / "manifest.json"
    if not manifest.exists():
        return False
    return json.loads(manifest.read_text()).get("code_version") == __version__


def _summary(data_dir: Path, inputs: int, processed: int, seconds: float) -> str:
    warehouse = data_dir / "warehouse.duckdb"
    lines = [f"unreports: {inputs} input files, {processed} processed in this run ({seconds:.1f} s)"]
    if not warehouse.exists():
        return "\n".join(lines + ["no snapshot published"])
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        def count(table: str) -> int:
            return connection.execute(f"select count(*) from {table}").fetchone()[0]

        lines.append(f"  documents:  {count('documents')}")
        lines.append(f"  paragraphs: {count('paragraphs')}")
        lines.append(f"  footnotes:  {count('footnotes')}, citations: {count('citations')}, "
                     f"numeric mentions: {count('numeric_mentions')}")
        per_indicator = connection.execute(
            "select indicator, count(*) from statistics group by indicator order by indicator").fetchall()
        lines.append("  statistics: " + (", ".join(f"{name} {n}" for name, n in per_indicator) or "none"))
        rejected = connection.execute(
            "select source_name, reason from rejected_documents order by source_name").fetchall()
        lines.append(f"  rejected:   {len(rejected)}" + "".join(f"\n    {name}: {reason}" for name, reason in rejected))
        snapshot = connection.execute("select snapshot_id from snapshot").fetchone()[0]
    lines.append(f"  snapshot:   {snapshot}")
    lines.append(f"  outputs:    {warehouse} (duckdb {warehouse} -readonly), {data_dir / 'parquet'}/<table>/")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="unreports", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run", help="process new or changed inputs and publish a snapshot")
    run_parser.add_argument("--inbox", type=Path, default=Path("data/inbox"),
                            help="folder of PDF or text files (default data/inbox)")
    run_parser.add_argument("--data-dir", type=Path, default=Path(os.environ.get("UNREPORTS_DATA_DIR", "data")),
                            help="where the warehouse, Parquet and state live (default data)")
    run_parser.add_argument("--no-samples", action="store_true", help="do not render the bundled samples")
    run_parser.add_argument("--workers", type=int, default=None,
                            help="documents processed in parallel (default: one per CPU core)")
    query_parser = commands.add_parser("query", help="run a read-only SQL query on the warehouse")
    query_parser.add_argument("sql")
    query_parser.add_argument("--format", choices=("table", "csv", "json"), default="table")
    query_parser.add_argument("--data-dir", type=Path, default=Path(os.environ.get("UNREPORTS_DATA_DIR", "data")))
    args = parser.parse_args(argv)
    if args.command == "run":
        return run(args.inbox, args.data_dir, render=not args.no_samples, workers=args.workers)
    print(run_query(args.data_dir / "warehouse.duckdb", args.sql, args.format), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
