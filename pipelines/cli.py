"""`unreports run` and `unreports query`: the command line over the Dagster graph.

`run` processes every new or changed input of the inbox with the named jobs of the
Dagster instance under DATA_DIR (`process_document` over ranges of partitions, many
documents per run, each in its own limited child; then `publish_snapshot`), and prints a
summary that accounts for every inbox entry (published, rejected with its reason, or
ignored with why) with each document's warnings. Every run first checks the current
snapshot against its manifest and publishes a new one when a file differs. It exits 0
when the pipeline worked, also when inputs were rejected (they are recorded), 1 when a run
failed, and 2 on a usage error or a query that cannot run (one line on stderr).
"""

from __future__ import annotations

import argparse
import fcntl
import functools
import gc
import os
import sys
import time
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from pipelines import progress
from pipelines.definitions import build_definitions
from pipelines.instance import dagster_home
from pipelines.jobs import process_document_job, publish_snapshot_job
from pipelines.partitions import MAX_PARTITIONS_PER_RUN, documents, partition_ranges, range_tags
from pipelines.report_command import add_report_parser, run_report
from pipelines.resources import Inventory, default_resources
from unreports import __version__, version
from unreports.documents import pipeline_version
from unreports.processed import PROCESSED, REJECTED, Outcome, ProcessedDocuments, snapshot_is_current
from unreports.publish.query import FORMATS, QueryError, write_query
from unreports.publish.snapshot import verify_snapshot
from unreports.samples import render_samples
from unreports.statistics.registry import registry_sha256

DEFAULT_DATA_DIR = Path(os.environ.get("UNREPORTS_DATA_DIR", "data"))
DEMO_DATA_DIR = Path("data/demo")  # `--samples` publishes here, never among a user's documents
RUN_LOCK = ".run.lock"
WARNINGS_SHOWN = 3  # per document in the summary; all of them are in documents.warnings
# Dagster's console logger prints every event at DEBUG; the run's events are in the
# instance (make dev) and our summary is printed at the end.
QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}
VERBOSE = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}


class UsageError(Exception):
    """A problem with what was asked: reported as one line, exit code 2."""


@functools.cache
def _instance(data_dir: Path) -> dg.DagsterInstance:
    """The persistent instance under DATA_DIR, shared with `make dev`; opened once per
    process (opening it costs about 0.3 s, as much as a small document's reading)."""
    os.environ["DAGSTER_HOME"] = str(dagster_home(data_dir))
    return dg.DagsterInstance.get()


@contextmanager
def _run_lock(data_dir: Path) -> Iterator[None]:
    """One `unreports run` per data folder at a time; a second one waits, and says so."""
    with open(data_dir / RUN_LOCK, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"unreports: another run is using {data_dir}; waiting for it to finish", file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def run(inbox: Path, data_dir: Path, *, workers: int | None = None, samples: bool = False,
        quiet: bool = False, verbose: bool = False) -> int:
    started = time.perf_counter()
    data_dir = data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    inbox = inbox.resolve()
    if samples:
        try:
            render_samples(inbox)
        except ImportError as error:  # fpdf2 / uharfbuzz: the `samples` extra
            raise UsageError(
                f"the samples demo renders PDFs with fpdf2 and uharfbuzz ({error.name} is missing): "
                "pip install 'unreports[samples]'"
            ) from None
    # --verbose: Dagster's own event log on the console too; --quiet: the summary only.
    run_config = VERBOSE if verbose else QUIET
    shown = None if quiet else progress.attach()
    try:
        with _run_lock(data_dir):
            return _run_locked(inbox, data_dir, workers, started, run_config)
    finally:
        if shown is not None:
            progress.detach(shown)


def _run_locked(inbox: Path, data_dir: Path, workers: int | None, started: float, run_config: dict) -> int:
    definitions = build_definitions(str(data_dir), [str(inbox)], workers)
    store = default_resources(str(data_dir), [str(inbox)])["store"]
    inventory = store.inventory()
    files = inventory.files
    instance = _instance(data_dir)
    known = instance.get_dynamic_partitions(documents.name)
    new_keys = sorted(set(files) - set(known))
    if new_keys:
        instance.add_dynamic_partitions(documents.name, new_keys)

    processed = ProcessedDocuments(data_dir)
    processed.prune()
    withdrawn = [key for key in processed.outcomes() if key not in files]
    for key in withdrawn:
        processed.withdraw(key)
    pipeline = pipeline_version()
    # Unchanged inputs keep their rows; new or changed ones, and all of them after a code
    # or indicator-registry change, are processed (the rule lives in unreports.processed).
    todo = list(processed.stale(files, pipeline))
    failed: list[str] = []
    job = definitions.resolve_job_def(process_document_job.name)
    for keys in partition_ranges([*known, *new_keys], todo, MAX_PARTITIONS_PER_RUN):
        result = job.execute_in_process(instance=instance, tags=range_tags(keys), run_config=run_config,
                                        raise_on_error=False)
        if not result.success:
            failed.append(f"documents {keys[0]}..{keys[-1]}")

    outcomes = processed.outcomes()
    current = [outcomes[key] for key in files if key in outcomes]
    # A published file changed since it was published (edited, truncated, replaced): the
    # snapshot no longer is what its manifest says, so it is published again.
    tampered = verify_snapshot(data_dir)
    if tampered or not snapshot_is_current(data_dir, current, pipeline):
        published = definitions.resolve_job_def(publish_snapshot_job.name).execute_in_process(
            instance=instance, run_config=run_config, raise_on_error=False)
        if not published.success:
            failed.append("publication")
    done = sum(1 for key in todo if key in outcomes and outcomes[key].pipeline_version == pipeline)
    print(_summary(data_dir, inventory, done, withdrawn, current, tampered, time.perf_counter() - started))
    if failed:
        print(f"FAILED: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def _summary(data_dir: Path, inventory: Inventory, processed: int, withdrawn: list[str],
             outcomes: list[Outcome], tampered: list[str], seconds: float) -> str:
    lines = [
        f"unreports: {len(inventory.files)} input files, {processed} processed in this run ({seconds:.1f} s)"
    ]
    if tampered:
        lines.append(f"  tampered:   the previous snapshot differed from its manifest ({len(tampered)}: "
                     f"{'; '.join(tampered[:5])}{'; …' if len(tampered) > 5 else ''}); published again")
    if withdrawn:
        lines.append(f"  withdrawn:  {len(withdrawn)} (input file gone): {', '.join(sorted(withdrawn))}")
    warehouse = data_dir / "warehouse.duckdb"
    if warehouse.exists():
        lines += _warehouse_counts(warehouse)
    else:
        lines.append("  no snapshot published")
    if inventory.renamed:
        lines.append(f"  renamed:    {len(inventory.renamed)} (the id its name makes is another file's)")
        lines += [
            f"    {r.source_name} -> {r.document_id} ({r.taken_by} holds the id)" for r in inventory.renamed
        ]
    lines.append(f"  ignored:    {len(inventory.ignored)}" + (" (not read)" if inventory.ignored else ""))
    lines += [f"    {i.source_name}: {i.reason} ({i.detail})" for i in inventory.ignored]
    rejected = sorted((o for o in outcomes if o.status == REJECTED), key=lambda o: o.source_name)
    lines.append(f"  rejected:   {len(rejected)}")
    lines += [f"    {o.source_name}: {o.reason}" + (f" ({o.detail})" if o.detail else "") for o in rejected]
    warned = sorted(
        (o for o in outcomes if o.status == PROCESSED and o.warnings), key=lambda o: o.source_name
    )
    lines.append(f"  warnings:   {sum(len(o.warnings) for o in warned)} in {len(warned)} documents")
    for outcome in warned:
        more = len(outcome.warnings) - WARNINGS_SHOWN
        lines.append(f"    {outcome.source_name}: {len(outcome.warnings)}")
        lines += [f"      - {warning}" for warning in outcome.warnings[:WARNINGS_SHOWN]]
        if more > 0:
            lines.append(f"      … {more} more (documents.warnings)")
    if warehouse.exists():
        lines.append(
            f"  outputs:    {warehouse} (duckdb {warehouse} -readonly), {data_dir / 'parquet'}/<table>/"
        )
    return "\n".join(lines)


def _warehouse_counts(warehouse: Path) -> list[str]:
    try:
        return _counts(warehouse)
    except duckdb.Error as error:  # e.g. someone holds a read-write connection on the file
        first = next((line for line in str(error).splitlines() if line.strip()), type(error).__name__)
        return [f"  counts:     not available ({first[:200]})"]


def _counts(warehouse: Path) -> list[str]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        def count(table: str) -> int:
            return connection.execute(f"select count(*) from {table}").fetchone()[0]

        per_indicator = connection.execute(
            "select indicator, count(*) from statistics group by indicator order by indicator").fetchall()
        snapshot = connection.execute("select snapshot_id from snapshot").fetchone()[0]
        return [
            f"  documents:  {count('documents')}",
            f"  paragraphs: {count('paragraphs')}",
            f"  footnotes:  {count('footnotes')}, citations: {count('citations')}, "
            f"numeric mentions: {count('numeric_mentions')}",
            "  statistics: " + (", ".join(f"{name} {n}" for name, n in per_indicator) or "none"),
            f"  snapshot:   {snapshot}",
        ]


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line on stderr, exit code 2 (argparse prints the usage too)."""

    def error(self, message: str) -> typing.NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _version_text() -> str:
    commit = version.commit() or "unknown (not a git checkout)"
    return (f"unreports {__version__}\ncommit {commit}\npipeline {pipeline_version()}\n"
            f"code sha256 {version.code_sha256()}\nindicator registry sha256 {registry_sha256()}")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="unreports", description=__doc__.splitlines()[0],
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=_version_text(),
                        help="print the version, the commit and the pipeline version (code and indicator "
                             "registry digests) and exit")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser,
                                     help="run: process and publish; query: SQL on the warehouse; "
                                          "report: the evidence report (HTML)")
    run_parser = commands.add_parser("run", help="process new or changed inputs and publish a snapshot")
    run_parser.add_argument("--inbox", type=Path, default=None,
                            help="folder of PDF or text files; it must exist (default DATA_DIR/inbox, "
                                 "created when missing)")
    run_parser.add_argument("--data-dir", type=Path, default=None,
                            help="where the warehouse, Parquet and state live (default $UNREPORTS_DATA_DIR "
                                 f"or data; {DEMO_DATA_DIR} with --samples)")
    run_parser.add_argument(
        "--samples",
        action="store_true",
        help="the demo: render the bundled sample reports into DATA_DIR/inbox and process "
        "them, in a data folder of their own (never with --inbox)",
    )
    run_parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="documents processed at once (default $UNREPORTS_WORKERS, else one per CPU core)",
    )
    loudness = run_parser.add_mutually_exclusive_group()
    loudness.add_argument("--quiet", action="store_true",
                          help="print the summary only (no progress line per document)")
    loudness.add_argument("--verbose", action="store_true",
                          help="also print Dagster's event log, and a traceback on an unexpected error")
    query_parser = commands.add_parser(
        "query", help="run a read-only SQL query on the warehouse (no file or network access)",
        description="Run SQL on the published warehouse: read-only, with DuckDB's external access off "
                    "(no COPY, EXPORT, ATTACH, read_* of files, glob, extension install or load).")
    source = query_parser.add_mutually_exclusive_group(required=True)
    source.add_argument("sql", nargs="?", default=None,
                        help="the SQL text; the result of its last statement is printed")
    source.add_argument("--file", type=Path, default=None,
                        help="read the SQL from this file instead (- for standard input)")
    query_parser.add_argument("--format", choices=FORMATS, default="table",
                              help="output format (default table); parquet needs --output")
    query_parser.add_argument("--output", type=Path, default=None,
                              help="write the result to this file instead of standard output")
    query_parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR,
                              help="the data folder whose warehouse.duckdb is queried (default "
                                   "$UNREPORTS_DATA_DIR or data)")
    add_report_parser(commands)
    return parser


def _run_command(args: argparse.Namespace) -> int:
    if args.samples and args.inbox is not None:
        raise UsageError("--samples and --inbox cannot be combined: the samples publish into a data folder "
                         "of their own")
    data_dir = args.data_dir or (DEMO_DATA_DIR if args.samples else DEFAULT_DATA_DIR)
    if args.inbox is not None and not args.inbox.is_dir():
        raise UsageError(f"inbox folder {args.inbox} does not exist (or is not a folder)")
    inbox = args.inbox or data_dir / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers must be at least 1")
    return run(
        inbox, data_dir, workers=args.workers, samples=args.samples, quiet=args.quiet, verbose=args.verbose
    )


def _query_command(args: argparse.Namespace) -> int:
    if args.file is not None:
        try:
            sql = sys.stdin.read() if str(args.file) == "-" else args.file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"cannot read {args.file}: {error.__class__.__name__}: "
                             f"{getattr(error, 'strerror', None) or error}") from None
    else:
        sql = args.sql
    if args.output is not None and not args.output.parent.is_dir():
        raise UsageError(f"folder {args.output.parent} of --output does not exist")
    print(write_query(args.data_dir / "warehouse.duckdb", sql, args.format, args.output), end="")
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:  # --help, --version, or a usage error already printed
        return stop.code if isinstance(stop.code, int) else 2
    try:
        if args.command == "run":
            return _run_command(args)
        if args.command == "report":
            return run_report(args)
        return _query_command(args)
    except (UsageError, QueryError) as error:
        print(f"unreports: {error}", file=sys.stderr)
        return 2
    except duckdb.Error as error:  # e.g. a lock: one line, never a traceback
        first = next((line for line in str(error).splitlines() if line.strip()), type(error).__name__)
        print(f"unreports: {first}", file=sys.stderr)
        return 1
    except Exception as error:
        if getattr(args, "verbose", False):
            raise
        first = next((line for line in str(error).splitlines() if line.strip()), "")
        print(f"unreports: {type(error).__name__}: {first[:300]} (--verbose shows where)", file=sys.stderr)
        return 1


def console() -> int:
    """The `unreports` command: main(), then a quick exit.

    Everything a run built (Dagster's definitions and instance: hundreds of thousands of
    objects) is moved out of the garbage collector's reach before the interpreter shuts
    down: its final collections walked them all, 0.6 of a 5-second run (measured). Files
    are closed and flushed as on any exit. Not in main(): tests call it many times in one
    process, and frozen objects are never freed.
    """
    code = main()
    gc.freeze()
    return code


if __name__ == "__main__":
    raise SystemExit(console())
