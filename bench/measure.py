"""One measured configuration, run as its own process by bench/run.py.

    python -m bench.measure extract --files LIST --out RESULT.json
    python -m bench.measure reference --files LIST --data-dir DIR --out RESULT.json

`extract` is the anchor: pdfminer.six's own `extract_text` over the files, one process.
`reference` is the pipeline's domain without Dagster and without child processes: every
stage of every file in this process, one after the other, then one publication. Its
content hashes are what the whole command must publish too (the orchestration may change
speed, never content). The whole command itself is timed by bench/run.py as a process.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import time
from pathlib import Path


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _files(listing: Path) -> list[Path]:
    return [Path(line) for line in listing.read_text().splitlines() if line.strip()]


def measure_extract(files: list[Path]) -> dict:
    from pdfminer.high_level import extract_text

    per_file = {}
    cpu = _cpu()
    started = time.perf_counter()
    for path in files:
        t = time.perf_counter()
        # A file pdfminer cannot read costs what it cost.
        with contextlib.suppress(Exception):
            extract_text(str(path))
        per_file[path.name] = time.perf_counter() - t
    return {"seconds": time.perf_counter() - started, "cpu_seconds": _cpu() - cpu, "per_file": per_file}


def measure_reference(files: list[Path], data_dir: Path) -> dict:
    """Every stage in this process, file by file, then one publication."""
    from unreports.documents import bundle, pipeline_version, structure
    from unreports.publish.rejections import with_first_seen
    from unreports.publish.snapshot import publish
    from unreports.publish.tables import document_tables
    from unreports.reading.sandbox import ReadLimits, read_document
    from unreports.records import Rejection
    from unreports.sources import describe
    from unreports.statistics.registry import load_registry

    registry = load_registry()
    data_dir.mkdir(parents=True, exist_ok=True)
    stages = {"reading": 0.0, "structure": 0.0, "statistics": 0.0, "rows": 0.0}
    documents, rejections = [], []
    started = time.perf_counter()
    for path in files:
        source = describe(path)
        t = time.perf_counter()
        try:
            read = read_document(source, path.read_bytes(), ReadLimits())
        except Exception as error:  # noqa: BLE001 - a rejection, as in the pipeline
            rejections.append(Rejection(source.source_name, source.source_sha256,
                                        getattr(error, "reason", type(error).__name__)))
            continue
        stages["reading"] += time.perf_counter() - t
        t0 = time.perf_counter()
        structured = structure(read)
        stages["structure"] += time.perf_counter() - t0
        t0 = time.perf_counter()
        packed = bundle(read, structured, registry)
        stages["statistics"] += time.perf_counter() - t0
        t0 = time.perf_counter()
        documents.append(document_tables(packed))
        stages["rows"] += time.perf_counter() - t0
    domain = time.perf_counter() - started
    t0 = time.perf_counter()
    manifest = publish(
        documents, with_first_seen(rejections, data_dir), data_dir, code_version=pipeline_version()
    )
    return {"seconds": domain, "publish_seconds": time.perf_counter() - t0, "stages": stages,
            "documents": len(documents), "rejected": len(rejections),
            "contents": {name: entry.content_sha256 for name, entry in manifest.tables.items()}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.measure")
    parser.add_argument("kind", choices=("extract", "reference"))
    parser.add_argument("--files", type=Path, required=True, help="file listing one input path per line")
    parser.add_argument("--data-dir", type=Path, help="where `reference` publishes")
    parser.add_argument("--out", type=Path, required=True, help="result JSON")
    args = parser.parse_args(argv)
    files = _files(args.files)
    result = measure_extract(files) if args.kind == "extract" else measure_reference(files, args.data_dir)
    args.out.write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
