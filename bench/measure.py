"""One measured configuration, run as its own process by bench/run.py.

    python -m bench.measure extract --files LIST --out RESULT.json
    python -m bench.measure cli --inbox DIR --data-dir DIR [--workers N] --out RESULT.json
    python -m bench.measure domain --files LIST --workers N [--publish-dir DIR] --out RESULT.json
    python -m bench.measure read --file PDF --repeat N        (the profiler's target)
    python -m bench.measure logging --file PDF --rounds N     (pdfminer's debug calls)

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


def measure_layout_share(files: list[Path]) -> dict:
    """pdfminer without layout analysis, `extract_pages(laparams=None)` (every character with
    its position, the least any reader working from `LTChar` does), against `extract_text`.

    The two alternate file by file in one process, so that the host's speed, which drifts
    over minutes here, weighs on both alike; `share` is their ratio of CPU time."""
    from pdfminer.high_level import extract_pages, extract_text

    def characters(path: str) -> None:
        for page in extract_pages(path, laparams=None):
            for _ in page:
                pass

    totals = {"characters": 0.0, "extract_text": 0.0}
    started = time.perf_counter()
    for index, path in enumerate(files):
        pair = [("characters", characters), ("extract_text", extract_text)]
        for name, run in pair if index % 2 == 0 else reversed(pair):
            cpu = _cpu()
            run(str(path))
            totals[name] += _cpu() - cpu
    return {"seconds": time.perf_counter() - started, "cpu_seconds": sum(totals.values()),
            "characters_cpu_seconds": totals["characters"], "extract_text_cpu_seconds": totals["extract_text"],
            "share": totals["characters"] / totals["extract_text"]}


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


def measure_logging(path: Path, rounds: int, pages: int) -> dict:
    """Does pdfminer's per-token `log.debug` cost anything measurable, and what removes it?

    Modes, each timed as CPU time of reading the first `pages` pages' glyphs, once per
    round in a rotated order: `calls` (every call made, DEBUG off: what a plain pdfminer user gets),
    `level` (pdfminer loggers at WARNING), `disable` (logging.disable(DEBUG)), `skipped`
    (our reader's default: the calls are not made while a page is interpreted).
    """
    import contextlib
    import gc
    import itertools
    import logging
    import statistics
    import timeit

    from unreports.reading import pdf

    skipped = pdf._pdfminer_debug_calls_skipped
    loggers = [logging.getLogger(name) for name in ("pdfminer", *pdf._PER_TOKEN_LOGGERS)]

    @contextlib.contextmanager
    def level():
        saved = [lg.level for lg in loggers]
        for lg in loggers:
            lg.setLevel(logging.WARNING)
        try:
            yield
        finally:
            for lg, value in zip(loggers, saved):
                lg.setLevel(value)

    @contextlib.contextmanager
    def disable():
        logging.disable(logging.DEBUG)
        try:
            yield
        finally:
            logging.disable(logging.NOTSET)

    modes = {"calls": contextlib.nullcontext, "level": level, "disable": disable, "skipped": skipped}
    data = path.read_bytes()
    calls = [0]
    original = logging.Logger.debug

    def counting(self, *args, **kwargs):
        calls[0] += 1
        return original(self, *args, **kwargs)

    logging.Logger.debug = counting
    pdf._pdfminer_debug_calls_skipped = contextlib.nullcontext
    read = len(list(itertools.islice(pdf.read_pdf_pages(data), pages)))
    logging.Logger.debug = original
    # The cost of one call with DEBUG off, against calling a function that does nothing.
    quiet = logging.getLogger(pdf._PER_TOKEN_LOGGERS[0])
    number = 200_000
    per_call = min(timeit.repeat(lambda: quiet.debug("nexttoken: %r", 1), number=number, repeat=5)) / number
    per_noop = min(timeit.repeat(lambda: pdf._skip_debug("nexttoken: %r", 1), number=number, repeat=5)) / number
    # Paired rounds: every mode once per round, in a rotated order; the ratio to `calls` is
    # taken within each round and the median over rounds is reported, which cancels the
    # drift of a shared machine's speed better than minima of separate series.
    names = list(modes)
    times: dict[str, list[float]] = {name: [] for name in names}
    try:
        for round_ in range(rounds):
            for name in names[round_ % len(names):] + names[:round_ % len(names)]:
                pdf._pdfminer_debug_calls_skipped = modes[name]
                gc.collect()
                started = time.process_time()
                for _ in itertools.islice(pdf.read_pdf_pages(data), pages):
                    pass
                times[name].append(time.process_time() - started)
    finally:
        pdf._pdfminer_debug_calls_skipped = skipped
    best = {name: statistics.median(values) for name, values in times.items()}
    ratios = {name: statistics.median(t / c for t, c in zip(times[name], times["calls"])) for name in names}
    return {"pages": read, "rounds": rounds, "debug_calls": calls[0], "cpu_seconds": best, "ratio": ratios,
            "seconds_per_call": per_call, "seconds_per_skipped_call": per_noop}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.measure")
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract")
    extract.add_argument("--files", type=Path, required=True)
    layout_share = commands.add_parser("layout-share")
    layout_share.add_argument("--files", type=Path, required=True)
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
    debug_calls = commands.add_parser("logging")
    debug_calls.add_argument("--file", type=Path, required=True)
    debug_calls.add_argument("--rounds", type=int, default=16)
    debug_calls.add_argument("--pages", type=int, default=2)
    for sub in (extract, layout_share, cli, domain, read, debug_calls):
        sub.add_argument("--out", type=Path)
    args = parser.parse_args(argv)

    if args.command == "extract":
        result = measure_extract(_files(args.files))
    elif args.command == "layout-share":
        result = measure_layout_share(_files(args.files))
    elif args.command == "cli":
        result = measure_cli(args.inbox, args.data_dir, args.workers)
    elif args.command == "domain":
        result = measure_domain(_files(args.files), args.workers, args.publish_dir)
    elif args.command == "logging":
        result = measure_logging(args.file, args.rounds, args.pages)
    else:
        result = measure_read(args.file, args.repeat)
    result["peak"] = _peaks()
    if args.out:
        args.out.write_text(json.dumps(result, indent=1))
    return 0 if result.get("exit_code", 0) == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
