"""`make bench`: whole-pipeline throughput against pdfminer.six's own `extract_text`.

    python -m bench.run                # about 300 pages (+ the 4x corpus for memory), ~10 min
    python -m bench.run --quick        # about 60 pages, a smoke run (report in bench/out/)
    python -m bench.run --pages 500 --seed 7

Every configuration runs in its own process (`python -m bench.measure ...`), reaped with
os.wait4 so that its peak resident memory (its own and its children's: the sandboxed
readers, the worker processes) is separable from the others'. Writes BENCHMARKS.md (or
--output) and prints the same tables.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench import corpus, profiling, report

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
DEFAULT_PAGES = 300
QUICK_PAGES = 60
DEFAULT_SEED = 2030
GROWTH_FACTOR = 4
PROFILE_PAGES = 20


# Children may write and use bytecode caches even where the environment forbids it
# (PYTHONDONTWRITEBYTECODE=1): otherwise every process, and every spawned worker, compiles
# Dagster, SQLAlchemy and the rest from source, which is start-up cost, not the pipeline.
CHILD_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def log(message: str) -> None:
    print(message, flush=True)


def _loadavg() -> float:
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return float("nan")


def _busy_seconds() -> float:
    """CPU seconds spent by everything on the machine so far (all cores), from /proc/stat."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except (OSError, IndexError):
        return float("nan")
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def measure(name: str, *args: str) -> dict:
    """Run `python -m bench.measure ARGS` as a child; its JSON result plus what the parent saw."""
    result_path = OUT / "results" / f"{name}.json"
    log_path = OUT / "logs" / f"{name}.log"
    result_path.parent.mkdir(parents=True, exist_ok=True)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    load_before = _loadavg()
    busy_before = _busy_seconds()
    started = time.perf_counter()
    with log_path.open("w") as output:
        child = subprocess.Popen([sys.executable, "-m", "bench.measure", *args, "--out", str(result_path)],
                                 cwd=REPO, stdout=output, stderr=subprocess.STDOUT, env=CHILD_ENV)
        _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    others = _busy_seconds() - busy_before - (usage.ru_utime + usage.ru_stime)
    if child.returncode != 0 or not result_path.exists():
        raise SystemExit(f"bench: {name} failed (exit {child.returncode}); see {log_path}")
    result = json.loads(result_path.read_text())
    result["process_seconds"] = wall  # interpreter start and imports included
    result["process_peak_mb"] = usage.ru_maxrss / 1024  # the child and its waited-for children
    result["load_before"] = load_before
    result["load_after"] = _loadavg()
    # Cores kept busy by other processes while this ran (the machine is shared): the
    # machine's busy time minus this configuration's own CPU time, over the wall time.
    result["other_cores"] = max(0.0, others / wall)
    log(f"  {name}: {result.get('seconds', wall):.1f} s (process {wall:.1f} s), "
        f"peak {result['process_peak_mb']:.0f} MB, other processes {result['other_cores']:.2f} cores")
    return result


def _list_files(name: str, variant: corpus.Variant) -> Path:
    listing = OUT / "lists" / f"{name}.txt"
    listing.parent.mkdir(parents=True, exist_ok=True)
    listing.write_text("".join(f"{f.path}\n" for f in variant.files))
    return listing


def _fresh(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    return path


def cli_has_workers() -> bool:
    from pipelines.cli import run

    return "workers" in inspect.signature(run).parameters


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, help=f"corpus size in pages (default {DEFAULT_PAGES})")
    parser.add_argument("--quick", action="store_true", help=f"smoke run of about {QUICK_PAGES} pages")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--output", type=Path,
                        help="report path (default BENCHMARKS.md; bench/out/BENCHMARKS-quick.md with --quick)")
    parser.add_argument("--no-install", action="store_true", help="do not pip install py-spy when missing")
    parser.add_argument("--domain-pool", action="store_true",
                        help="also time the domain path in a pool of 2 processes when `run` has `workers`")
    args = parser.parse_args(argv)
    pages = args.pages or (QUICK_PAGES if args.quick else DEFAULT_PAGES)
    output = args.output or (OUT / "BENCHMARKS-quick.md" if args.quick else REPO / "BENCHMARKS.md")
    started = time.perf_counter()
    OUT.mkdir(parents=True, exist_ok=True)
    facts = report.machine_facts()
    facts["load_start"] = _loadavg()

    log(f"bench: corpus of about {pages} pages (seed {args.seed}), x{GROWTH_FACTOR} for memory growth")
    t = time.perf_counter()
    variants = [corpus.build_variant(OUT / "corpus" / f"p{pages}-s{args.seed + k}", pages, args.seed + k, log=log)
                for k in range(GROWTH_FACTOR)]
    x1 = variants[0]
    x4 = corpus.link_union(OUT / "corpus" / f"p{pages}-s{args.seed}-x{GROWTH_FACTOR}", variants)
    corpus_seconds = time.perf_counter() - t
    facts["corpus_seconds"] = corpus_seconds
    log(f"  1x: {corpus.describe(x1)}\n  {GROWTH_FACTOR}x: {corpus.describe(x4)} ({corpus_seconds:.0f} s)")
    x1_list = _list_files("x1", x1)
    data = OUT / "data"

    results: dict[str, dict] = {}
    log("bench: warm-up (bytecode caches, lazy imports) on the smallest file, not reported")
    smallest = min(x1.files, key=lambda f: (f.pages, f.path.name))
    warm_inbox = _fresh(OUT / "warmup" / "inbox")
    warm_inbox.mkdir(parents=True)
    (warm_inbox / smallest.path.name).symlink_to(smallest.path.resolve())
    warm_list = OUT / "lists" / "warmup.txt"
    warm_list.write_text(f"{smallest.path}\n")
    measure("warmup_cli", "cli", "--inbox", str(warm_inbox), "--data-dir", str(_fresh(OUT / "warmup" / "data")))
    measure("warmup_extract", "extract", "--files", str(warm_list))
    log("bench: anchor, pdfminer.high_level.extract_text, one process")
    results["extract"] = measure("extract", "extract", "--files", str(x1_list))
    log("bench: pdfminer without layout analysis, extract_pages(laparams=None), alternating with extract_text")
    results["characters"] = measure("characters", "layout-share", "--files", str(x1_list))

    workers = cli_has_workers()
    worker_args = (["--workers", "1"] if workers else [])
    log("bench: pipeline, pipelines.cli.run(inbox, data_dir, render=False)" + (", workers=1" if workers else ""))
    results["cli_1"] = measure("cli_1", "cli", "--inbox", str(x1.folder), "--data-dir",
                               str(_fresh(data / "cli_1")), *worker_args)
    log("bench: second run, no new input")
    results["cli_again"] = measure("cli_again", "cli", "--inbox", str(x1.folder), "--data-dir",
                                   str(data / "cli_1"), *worker_args)
    if workers:
        log("bench: pipeline, workers=2")
        results["cli_2"] = measure("cli_2", "cli", "--inbox", str(x1.folder), "--data-dir",
                                   str(_fresh(data / "cli_2")), "--workers", "2")
    log("bench: stages, domain functions in one process (read, structure, statistics; then publish)")
    results["domain_1"] = measure("domain_1", "domain", "--files", str(x1_list), "--workers", "1",
                                  "--publish-dir", str(_fresh(data / "domain_1")))
    if not workers or args.domain_pool:
        log("bench: domain path in a pool of 2 processes" + ("" if workers else " (`run` has no `workers`)"))
        results["domain_2"] = measure("domain_2", "domain", "--files", str(x1_list), "--workers", "2")
    # Memory growth compares like with like: with workers, both sizes run with 2 (the 4x
    # run is the longest of all; 2 workers keep the default bench near 10 minutes).
    growth_args = ["--workers", "2"] if workers else []
    log(f"bench: pipeline on the {GROWTH_FACTOR}x corpus (memory growth)" + (", workers=2" if workers else ""))
    results[f"cli_{GROWTH_FACTOR}x"] = measure(f"cli_{GROWTH_FACTOR}x", "cli", "--inbox", str(x4.folder),
                                               "--data-dir", str(_fresh(data / f"cli_{GROWTH_FACTOR}x")),
                                               *growth_args)

    log(f"bench: profile of reading a ~{PROFILE_PAGES}-page PDF")
    targets = _profile_targets(x1)
    py_spy = profiling.find_py_spy(install=not args.no_install, log=log)
    profiles = []
    work = OUT / "profiles"
    work.mkdir(parents=True, exist_ok=True)
    for item in targets:
        if py_spy:
            try:
                profiles.append(profiling.profile_with_py_spy(py_spy, item.path, item.pages, work, CHILD_ENV))
                continue
            except (subprocess.SubprocessError, OSError) as error:
                log(f"  py-spy failed ({type(error).__name__}); using cProfile")
        profiles.append(profiling.profile_with_cprofile(item.path, item.pages, work, CHILD_ENV))
    results["logging"] = measure("logging", "logging", "--file", str(targets[0].path), "--rounds", "8",
                                 "--pages", "2")

    facts["load_end"] = _loadavg()
    facts["bench_seconds"] = time.perf_counter() - started
    (OUT / "results" / "all.json").write_text(json.dumps({"facts": facts, "results": results}, indent=1))
    text = report.render(facts=facts, pages=pages, seed=args.seed, x1=x1, x4=x4, results=results,
                         workers_in_cli=workers, profiles=profiles, profile_targets=targets,
                         growth=GROWTH_FACTOR, quick=args.quick)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text)
    print()
    print(text)
    log(f"bench: wrote {output} ({facts['bench_seconds'] / 60:.1f} min)")
    return 0


def _profile_targets(x1: corpus.Variant) -> list[corpus.CorpusFile]:
    """The synthetic PDF closest to 20 pages, and the real one closest to 20 pages if any."""
    targets = []
    for origins in (("synthetic", "synthetic-visual", "synthetic-logical"), ("shared",)):
        candidates = [f for f in x1.files if f.origin in origins]
        if candidates:
            targets.append(min(candidates, key=lambda f: (abs(f.pages - PROFILE_PAGES), f.path.name)))
    return targets


if __name__ == "__main__":
    raise SystemExit(main())
