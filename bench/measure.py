"""One measured configuration, run as its own process by bench/run.py.

    python -m bench.measure extract --files LIST --out RESULT.json
    python -m bench.measure cli --inbox DIR --data-dir DIR [--workers N] --out RESULT.json
    python -m bench.measure domain --files LIST --workers N [--publish-dir DIR] --out RESULT.json
    python -m bench.measure read --file PDF --repeat N        (the profiler's target)

Each writes a JSON result with its timings and its own peak resident memory
(`ru_maxrss` of this process and of its waited-for children: the sandboxed readers,
pool workers), so that every configuration's peak is separable.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

STAGES = ("reading", "structure", "statistics", "publish")


def _peaks() -> dict[str, float]:
    return {
        "self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "children_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def _cpu() -> float:
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(u.ru_utime + u.ru_stime for u in usage)


def _files(listing: Path) -> list[Path]:
    return [Path(line) for line in listing.read_text().splitlines() if line.strip()]


def measure_extract(files: list[Path]) -> dict:
    """The anchor: pdfminer.six's own `extract_text` (layout analysis included), one process."""
    from pdfminer.high_level import extract_text

    per_file = {}
    cpu = _cpu()
    started = time.perf_counter()
    for path in files:
        t = time.perf_counter()
        extract_text(str(path))
        per_file[path.name] = time.perf_counter() - t
    return {"seconds": time.perf_counter() - started, "cpu_seconds": _cpu() - cpu, "per_file": per_file}


def measure_cli(inbox: Path, data_dir: Path, workers: int | None) -> dict:
    """The real command-line path, `pipelines.cli.run(inbox, data_dir, render=False)`."""
    import_started = time.perf_counter()
    from pipelines import cli

    imported = time.perf_counter() - import_started
    kwargs = {"render": False}
    if workers is not None:
        kwargs["workers"] = workers
    cpu = _cpu()
    started = time.perf_counter()
    code = cli.run(inbox, data_dir, **kwargs)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "cpu_seconds": _cpu() - cpu, "import_seconds": imported, "exit_code": code}


def _domain_one(path_text: str) -> tuple[object, dict[str, float]]:
    """read -> structure -> statistics for one file, timed by stage."""
    from unreports.documents import bundle
    from unreports.reading.pdf_document import read_pdf
    from unreports.sources import describe
    from unreports.structure.build import build_structure

    path = Path(path_text)
    source = describe(path)
    data = path.read_bytes()
    times = {}
    t = time.perf_counter()
    document = read_pdf(source, data)
    times["reading"] = time.perf_counter() - t
    t = time.perf_counter()
    structured = build_structure(document)
    times["structure"] = time.perf_counter() - t
    t = time.perf_counter()
    result = bundle(document, structured)
    times["statistics"] = time.perf_counter() - t
    return result, times


def measure_domain(files: list[Path], workers: int, publish_dir: Path | None) -> dict:
    """The domain path without Dagster: read+structure+bundle per file in a process pool
    of `workers` processes (each file's stages timed inside its worker), then publish."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from unreports.statistics.registry import load_registry

    load_registry()  # warm imports in the parent, so that forked workers share them
    stage_seconds = dict.fromkeys(STAGES, 0.0)
    cpu = _cpu()
    started = time.perf_counter()
    bundles = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
        for result, times in pool.map(_domain_one, [str(p) for p in files]):
            bundles.append(result)
            for stage, seconds in times.items():
                stage_seconds[stage] += seconds
    domain_seconds = time.perf_counter() - started
    out = {"seconds": domain_seconds, "cpu_seconds": _cpu() - cpu, "stages": stage_seconds,
           "documents": len(bundles)}
    if publish_dir is not None:
        from unreports import __version__
        from unreports.publish.snapshot import publish

        t = time.perf_counter()
        manifest = publish(bundles, [], publish_dir, code_version=__version__)
        stage_seconds["publish"] = time.perf_counter() - t
        out["rows"] = {name: entry.row_count for name, entry in manifest.tables.items()}
    return out


def measure_read(path: Path, repeat: int) -> dict:
    from unreports.reading.pdf_document import read_pdf
    from unreports.sources import describe

    source, data = describe(path), path.read_bytes()
    cpu = _cpu()
    for _ in range(repeat):
        read_pdf(source, data)
    return {"cpu_seconds": _cpu() - cpu}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.measure")
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract")
    extract.add_argument("--files", type=Path, required=True)
    cli = commands.add_parser("cli")
    cli.add_argument("--inbox", type=Path, required=True)
    cli.add_argument("--data-dir", type=Path, required=True)
    cli.add_argument("--workers", type=int)
    domain = commands.add_parser("domain")
    domain.add_argument("--files", type=Path, required=True)
    domain.add_argument("--workers", type=int, default=1)
    domain.add_argument("--publish-dir", type=Path)
    read = commands.add_parser("read")
    read.add_argument("--file", type=Path, required=True)
    read.add_argument("--repeat", type=int, default=1)
    for sub in (extract, cli, domain, read):
        sub.add_argument("--out", type=Path)
    args = parser.parse_args(argv)

    if args.command == "extract":
        result = measure_extract(_files(args.files))
    elif args.command == "cli":
        result = measure_cli(args.inbox, args.data_dir, args.workers)
    elif args.command == "domain":
        result = measure_domain(_files(args.files), args.workers, args.publish_dir)
    else:
        result = measure_read(args.file, args.repeat)
    result["peak"] = _peaks()
    if args.out:
        args.out.write_text(json.dumps(result, indent=1))
    return 0 if result.get("exit_code", 0) == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
