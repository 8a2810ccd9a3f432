"""Scale benchmark: publishing ONE changed document into warehouses of N documents.

    python -m bench.scale [--sizes 1000,10000,100000] [--out bench/out/results/scale.json]

No PDF is read: each document's rows are synthetic Arrow rows of realistic size (20
paragraphs, 5 statistics, 30 numeric mentions, headings, footnotes, citations, pages),
the same blocks with other document ids, written into a processed-documents store
(unreports.processed.ProcessedDocuments) as processing would. For each size the corpus is
published once (a full build); then, three times, one document is processed again with
other rows and the publication runs again (incremental; the median is reported, all three
are in the JSON). Every publication runs in a fresh process, reaped with os.wait4 for its
peak RSS, and does what the publication asset does: list the shards of the store changed
since the current snapshot, read the outcomes whose stamp changed, publish a Delta.

Goals (issue 15): incremental time grows <= 2x from 1,000 to 100,000 documents; peak RSS
<= 1 GB at 100,000.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pyarrow as pa

from unreports.sources import SETTLED_SECONDS

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
RESULTS = OUT / "results" / "scale.json"
WORK = OUT / "scale"
DEFAULT_SIZES = (1000, 10000, 100000)
ROWS = {"documents": 1, "paragraphs": 20, "annex_units": 0, "headings": 4, "footnotes": 2, "citations": 3,
        "statistics": 5, "numeric_mentions": 30, "pages": 3}
LONG_TEXT = (
    "The Secretary-General reports that, during the period under review, the United Nations verified "
    "249 cases affecting children in the region, including 22 girls, and that the Committee met twice. "
)
CHANGES = 3  # one-change publications per size, each of another document; the median is reported


def _value(field: pa.Field, i: int, table: str, language: str, version: int):
    kind, name = field.type, field.name
    if name == "language":
        return language
    if pa.types.is_string(kind):
        if name in ("text", "text_as_read", "quote"):
            return f"v{version} {i}. " + LONG_TEXT * (2 if table == "paragraphs" else 1)
        if name in ("statistic_key", "marker"):
            return f"k{i}"
        return f"{name}-{i % 7}"
    if pa.types.is_integer(kind):
        return i
    if pa.types.is_decimal(kind):
        return Decimal(i * 13) + Decimal("0.5")
    if pa.types.is_floating(kind):
        return 0.5 + i / 100
    if pa.types.is_boolean(kind):
        return i % 2 == 0
    if pa.types.is_date(kind):
        return date(2017, 1 + i % 12, 1)
    if pa.types.is_list(kind):
        return ["flag"] if i % 3 == 0 else []
    raise TypeError(f"{table}.{name}: {kind}")


def template(language: str, version: int = 1) -> dict[str, pa.Table]:
    """One document's rows per table (document_id to be replaced)."""
    from unreports.publish.tables import DOCUMENT_TABLES

    tables = {}
    for spec in DOCUMENT_TABLES:
        count = ROWS[spec.name]
        columns = {f.name: [_value(f, i, spec.name, language, version) for i in range(1, count + 1)]
                   for f in spec.schema}
        tables[spec.name] = pa.Table.from_pydict(columns, schema=spec.schema)
    return tables


def _with_id(tables: dict[str, pa.Table], document_id: str):
    from unreports.publish.tables import DocumentTables

    own = {}
    for name, table in tables.items():
        ids = pa.array([document_id] * table.num_rows, pa.string())
        own[name] = table.set_column(table.schema.get_field_index("document_id"), "document_id", ids)
    sha = (document_id.encode().hex() * 8)[:64]
    documents = own["documents"]
    for column, value in (("source_sha256", sha), ("source_name", f"{document_id}.pdf")):
        own["documents"] = documents = documents.set_column(
            documents.schema.get_field_index(column),
            column,
            pa.array([value] * documents.num_rows, pa.string()),
        )
    return DocumentTables(document_id, sha, own)


def _commit(store, tables) -> None:
    folder = store.new_rows_dir(tables.document_id)
    store.write_rows(folder, tables)
    store.commit_processed(tables.document_id, f"{tables.document_id}.pdf", tables.source_sha256, "bench",
                           folder, ())


def _generate_range(data_dir: Path, start: int, stop: int) -> None:
    from unreports.processed import ProcessedDocuments

    store = ProcessedDocuments(data_dir)
    blocks = {"en": template("en"), "ar": template("ar")}
    for i in range(start, stop):
        _commit(store, _with_id(blocks["ar" if i % 4 == 0 else "en"], f"doc-{i:07d}"))


def generate(data_dir: Path, count: int) -> None:
    """Documents written by one forked process per CPU (writing ~10 small files each)."""
    workers = max(1, min(os.cpu_count() or 1, count // 500 or 1))
    bounds = [count * w // workers for w in range(workers + 1)]
    children = []
    for start, stop in itertools.pairwise(bounds):
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                _generate_range(data_dir, start, stop)
                code = 0
            finally:
                os._exit(code)
        children.append(pid)
    for pid in children:
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError("a generating process failed")


def changed_ids(count: int) -> list[str]:
    """Documents spread over the corpus (at 100,000: in three segments of the full build)."""
    return [f"doc-{i:07d}" for i in (7, count // 2 + 7, count - 7)][:CHANGES]


def change_one(data_dir: Path, document_id: str) -> None:
    from unreports.processed import ProcessedDocuments

    _commit(ProcessedDocuments(data_dir), _with_id(template("en", version=2), document_id))


def child_publish(data_dir: Path, full: bool) -> dict:
    """What the publication asset does, without Dagster."""
    from unreports.processed import ProcessedDocuments
    from unreports.publish.snapshot import publish

    started = time.perf_counter()
    store = ProcessedDocuments(data_dir)
    wanted = store.publication_inputs(None, data_dir)
    manifest = publish(wanted.documents, [], data_dir, code_version="bench", inputs=wanted.inputs, full=full,
                       source_position=wanted.position)
    return {"seconds": time.perf_counter() - started, "build": manifest.build,
            "paragraphs": manifest.tables["paragraphs"].row_count,
            "files": sum(len(t.files) for t in manifest.tables.values()),
            "contents": {n: e.content_sha256 for n, e in manifest.tables.items()}}


def _measured(data_dir: Path, full: bool) -> dict:
    result = data_dir / "publish.json"
    command = [sys.executable, "-m", "bench.scale", "--child", str(data_dir), "--result", str(result)]
    if full:
        command.append("--full")
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"publish in {data_dir} exited {process.returncode}")
    measured = json.loads(result.read_text())
    return {**measured, "wall_seconds": round(wall, 3), "seconds": round(measured["seconds"], 3),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1)}


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def run(sizes: list[int]) -> dict:
    results = {"sizes": {}, "rows_per_document": ROWS, "cpus": os.cpu_count()}
    for count in sizes:
        data_dir = WORK / str(count)
        shutil.rmtree(data_dir, ignore_errors=True)
        data_dir.mkdir(parents=True)
        started = time.perf_counter()
        generate(data_dir, count)
        generated = time.perf_counter() - started
        # Generation commits ~1,300 outcomes a second into every shard folder; a folder
        # changed in the last SETTLED_SECONDS is listed again by the next publication (its
        # stamp could still change within the clock's tick). Processing commits a few
        # documents a second, so only their shards are; the full build starts settled.
        time.sleep(SETTLED_SECONDS)
        full = _measured(data_dir, full=True)
        changes = []
        for document_id in changed_ids(count):
            change_one(data_dir, document_id)
            changes.append(_measured(data_dir, full=False))
            if changes[-1]["build"] != "incremental":
                raise RuntimeError(f"{count}: the one-document publish was a {changes[-1]['build']} build")
        incremental = sorted(changes, key=lambda c: c["wall_seconds"])[len(changes) // 2]
        incremental["all_wall_seconds"] = [c["wall_seconds"] for c in changes]
        snapshot = data_dir / "current"
        results["sizes"][str(count)] = {
            "generate_seconds": round(generated, 1), "full": full, "incremental": incremental,
            "warehouse_mb": round((snapshot / "warehouse.duckdb").stat().st_size / 2**20, 1),
            "parquet_mb": round(_size(snapshot / "parquet") / 2**20, 1),
        }
        shutil.rmtree(data_dir, ignore_errors=True)
        print(f"{count}: generated in {generated:.1f} s, full {full['wall_seconds']} s, "
              f"one change {incremental['wall_seconds']} s", file=sys.stderr)
    counts = [str(c) for c in sizes]
    if len(counts) > 1:
        first, last = results["sizes"][counts[0]], results["sizes"][counts[-1]]
        results["incremental_growth"] = round(last["incremental"]["wall_seconds"]
                                              / first["incremental"]["wall_seconds"], 2)
        results["incremental_peak_rss_mb_at_largest"] = last["incremental"]["peak_rss_mb"]
    return results


def markdown(results: dict) -> str:
    lines = [
        ("| documents | one changed, median of 3: s (publish / process) | one changed: peak MB | "
         "full build: s | full build: peak MB | warehouse MB | Parquet MB | files |"),
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for count, r in results["sizes"].items():
        inc, full = r["incremental"], r["full"]
        lines.append(
            f"| {int(count):,} | {inc['seconds']} / {inc['wall_seconds']} | {inc['peak_rss_mb']} | "
            f"{full['wall_seconds']} | {full['peak_rss_mb']} | {r['warehouse_mb']} | {r['parquet_mb']} | "
            f"{inc['files']} |"
        )
    if "incremental_growth" in results:
        lines.append("")
        lines.append(
            f"One-change publication time, largest / smallest corpus: {results['incremental_growth']}x "
            "(goal <= 2x); peak RSS at the largest: "
            f"{results['incremental_peak_rss_mb_at_largest']} MB (goal <= 1024)."
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> str | None:
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES),
                        help="corpus sizes, comma-separated (default %(default)s)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="results JSON (default %(default)s)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--full", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        args.result.write_text(json.dumps(child_publish(args.child, args.full)))
        return None
    results = run([int(s) for s in args.sizes.split(",") if s.strip()])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n")
    table = markdown(results)
    print(table)
    return table


if __name__ == "__main__":
    main(sys.argv[1:])
