"""`make bench`: the whole `unreports run` command against pdfminer.six's `extract_text`,
on real UN PDFs first, then on the synthetic corpus.

    python -m bench.run                 # real corpora (needs ../shared) + synthetic, ~5 min
    python -m bench.run --quick         # smaller corpora, a smoke run
    python -m bench.run --output FILE   # BENCHMARKS.md by default

Real corpora are made of copies of the UN PDFs in ../shared/corpus (English reports and
letters, two scanned letters) in a natural size mix: mostly 2-page letters, some 5-page
notes, a few 20-page reports. Copies are written under bench/out (git-ignored) with their
own names, so each is its own document; nothing is copied into the repository. Without
../shared the real tables are skipped and said to be.

Every configuration is a fresh process with a fresh data folder, timed from its start
(cold start included) and reaped with os.wait4 for its peak memory and its children's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench import report

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "corpus"
OUT = REPO / "bench" / "out"
UNREPORTS = Path(sys.executable).parent / "unreports"
# Children may write and use bytecode caches even where the environment forbids it
# (PYTHONDONTWRITEBYTECODE=1): compiling Dagster from source is set-up, not the pipeline.
CHILD_ENV = {key: value for key, value in os.environ.items()
             if key not in ("PYTHONDONTWRITEBYTECODE", "UNREPORTS_WORKERS")}

# name -> {shared file stem: copies}. Natural mix: letters dominate, a few long reports.
REAL_CORPORA = {
    "mix": {"S_2025_378-EN": 20, "A_80_434-EN": 4, "S_2025_257-EN": 4, "S_1996_112-EN": 2,
            "S_2013_220-EN": 2, "A_45_189-EN": 2, "A_47_843-EN": 1},
    "short": {"S_2025_378-EN": 16, "A_80_434-EN": 4, "S_2025_257-EN": 4},
    "letters": {"S_2025_378-EN": 24},
    "reports": {"S_2013_220-EN": 3, "S_1996_112-EN": 3},
}
QUICK_FACTOR = 4  # --quick divides every count by this (at least one copy)
SYNTHETIC_PAGES = 150
SYNTHETIC_SEED = 2030


def log(message: str) -> None:
    print(message, flush=True)


@dataclass(frozen=True)
class Corpus:
    name: str
    files: tuple[Path, ...]
    pages: int

    @property
    def listing(self) -> Path:
        path = OUT / "corpora" / f"{self.name}.txt"
        path.write_text("\n".join(str(f) for f in self.files) + "\n")
        return path


def shared_files() -> dict[str, Path]:
    return {p.stem: p for p in sorted(SHARED.rglob("*.pdf"))} if SHARED.is_dir() else {}


def build_real(name: str, mix: dict[str, int], quick: bool) -> Corpus:
    from bench.corpus import count_pages

    sources = shared_files()
    folder = OUT / "corpora" / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    files, pages = [], 0
    for stem, copies in mix.items():
        count = max(1, copies // QUICK_FACTOR) if quick else copies
        page_count = count_pages(sources[stem])
        for index in range(count):
            target = folder / f"{stem}-{index:02d}.pdf"
            shutil.copyfile(sources[stem], target)
            files.append(target)
            pages += page_count
    return Corpus(name, tuple(files), pages)


def build_synthetic(pages: int) -> Corpus:
    from bench.corpus import build_variant

    variant = build_variant(
        OUT / "corpora" / "synthetic", pages, SYNTHETIC_SEED, include_shared=False, log=log
    )
    return Corpus("synthetic", tuple(f.path for f in variant.files), variant.pages)


def _reap(command: list[str], log_path: Path) -> tuple[float, int, float, float]:
    """Run a command to its end: wall seconds, exit code, peak RSS of it and of its children (MB)."""
    started = time.perf_counter()
    with log_path.open("w") as output:
        child = subprocess.Popen(command, cwd=REPO, stdout=output, stderr=subprocess.STDOUT, env=CHILD_ENV)
        _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    return wall, os.waitstatus_to_exitcode(status), usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def run_cli(corpus: Corpus, workers: int | None, label: str) -> dict:
    """The whole command, cold start included, on a fresh data folder."""
    started_at = time.time()
    data, wall, peak_mb, cpu = _command(corpus.files[0].parent, workers, label)
    return {"seconds": wall, "peak_mb": peak_mb, "cpu_seconds": cpu, **_anatomy(data, started_at, wall)}


def _command(inbox: Path, workers: int | None, label: str) -> tuple[Path, float, float, float]:
    """`unreports run` on `inbox` into a fresh data folder: (folder, seconds, peak MB, CPU seconds)."""
    data = OUT / "data" / label
    shutil.rmtree(data, ignore_errors=True)
    command = [str(UNREPORTS), "run", "--inbox", str(inbox), "--data-dir", str(data)]
    if workers is not None:
        command += ["--workers", str(workers)]
    wall, code, peak_mb, cpu = _reap(command, OUT / "logs" / f"{label}.log")
    if code != 0:
        raise SystemExit(f"bench: {label} exited {code}; see {OUT / 'logs' / f'{label}.log'}")
    return data, wall, peak_mb, cpu


def _anatomy(data: Path, started_at: float, wall: float) -> dict:
    """Where the command's time went, from the Dagster instance it used and the store."""
    from unreports.processed import ProcessedDocuments

    manifest = json.loads((data / "manifest.json").read_text())
    outcomes = ProcessedDocuments(data).outcomes().values()
    runs = _run_times(data)
    processing = sum(end - start for job, start, end in runs if job == "process_document")
    publication = sum(end - start for job, start, end in runs if job == "publish_snapshot")
    first = min((start for _, start, _ in runs), default=started_at)
    return {
        "contents": {name: entry["content_sha256"] for name, entry in manifest["tables"].items()},
        "documents": sum(1 for o in outcomes if o.status == "processed"),
        "rejected": sum(1 for o in outcomes if o.status == "rejected"),
        "child_seconds": sum(o.seconds or 0.0 for o in outcomes),
        "startup_seconds": first - started_at,
        "processing_seconds": processing,
        "publication_seconds": publication,
        "other_seconds": wall - (first - started_at) - processing - publication,
        "runs": len(runs),
    }


def _run_times(data: Path) -> list[tuple[str, float, float]]:
    script = (
        "import json,sys,dagster as dg\n"
        "i=dg.DagsterInstance.get()\n"
        "print(json.dumps([(r.dagster_run.job_name, r.start_time, r.end_time)"
        " for r in i.get_run_records()]))\n"
    )
    env = {**CHILD_ENV, "DAGSTER_HOME": str(data / "dagster_home")}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    return [tuple(r) for r in json.loads(out.stdout.strip().splitlines()[-1])]


def run_measure(kind: str, corpus: Corpus, label: str) -> dict:
    result = OUT / "results" / f"{label}.json"
    command = [sys.executable, "-m", "bench.measure", kind, "--files", str(corpus.listing),
               "--out", str(result)]
    if kind == "reference":
        data = OUT / "data" / label
        shutil.rmtree(data, ignore_errors=True)
        command += ["--data-dir", str(data)]
    wall, code, peak_mb, _ = _reap(command, OUT / "logs" / f"{label}.log")
    if code != 0:
        raise SystemExit(f"bench: {label} exited {code}; see {OUT / 'logs' / f'{label}.log'}")
    return {**json.loads(result.read_text()), "process_seconds": wall, "peak_mb": peak_mb}


def fit(points: list[tuple[int, int, float]], start: float | None = None) -> tuple[float, float, float]:
    """Least squares seconds = start + per_document x documents + per_page x pages; with
    `start` given (measured), only the two slopes are fitted."""
    import numpy as np

    seconds = np.array([s for _, _, s in points])
    if start is not None:
        matrix = np.array([[docs, pages] for docs, pages, _ in points], dtype=float)
        (per_document, per_page), *_ = np.linalg.lstsq(matrix, seconds - start, rcond=None)
        return start, float(per_document), float(per_page)
    matrix = np.array([[1.0, docs, pages] for docs, pages, _ in points])
    (start, per_document, per_page), *_ = np.linalg.lstsq(matrix, seconds, rcond=None)
    return float(start), float(per_document), float(per_page)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller corpora, a smoke run")
    parser.add_argument("--output", type=Path, default=REPO / "BENCHMARKS.md", help="report file")
    parser.add_argument("--scale", default=None,
                        help="corpus sizes of the publication scale benchmark (bench/scale.py), "
                             "comma-separated; default 1000,10000,100000 (about 11 minutes), 200,1000 "
                             "with --quick; empty to skip")
    parser.add_argument("--inbox", default=None,
                        help="text reports put through `unreports run` (bench/inbox.py): default 1000 "
                             "(about 1.5 minutes), 100 with --quick; 0 to skip")
    args = parser.parse_args(argv)
    for folder in ("corpora", "data", "logs", "results"):
        (OUT / folder).mkdir(parents=True, exist_ok=True)
    results: dict = {"quick": args.quick, "real": None}
    if shared_files():
        results["real"] = measure_real(args.quick)
    else:
        log("../shared is missing: the real-corpus tables are skipped")
    results["synthetic"] = measure_synthetic(SYNTHETIC_PAGES // (QUICK_FACTOR if args.quick else 1))
    log("OCR: rasterised samples and the real image-only letter ...")
    results["ocr"] = json.loads(subprocess.run([sys.executable, "-m", "bench.ocr"], cwd=REPO, env=CHILD_ENV,
                                               capture_output=True, text=True, check=True).stdout)
    if args.scale is None:
        args.scale = "200,1000" if args.quick else "1000,10000,100000"
    if args.scale:
        from bench import scale

        log(f"publication at scale: {args.scale} generated documents ...")
        scale.main(["--sizes", args.scale])
        results["scale"] = json.loads(scale.RESULTS.read_text())
    documents = int(args.inbox) if args.inbox is not None else (100 if args.quick else 1000)
    if documents:
        from bench import inbox

        log(f"{documents} text reports through unreports run ...")
        inbox.main(["--documents", str(documents)])
        results["inbox"] = json.loads(inbox.RESULTS.read_text())
    (OUT / "results" / "bench.json").write_text(json.dumps(results, indent=1))
    text = report.render(results)
    args.output.write_text(text)
    print(text)
    return 0


def measure_real(quick: bool) -> dict:
    corpora = {name: build_real(name, mix, quick) for name, mix in REAL_CORPORA.items()}
    for corpus in corpora.values():
        log(f"corpus {corpus.name}: {len(corpus.files)} PDFs, {corpus.pages} pages")
    mix, short = corpora["mix"], corpora["short"]
    out: dict = {"corpora": {c.name: {"files": len(c.files), "pages": c.pages} for c in corpora.values()}}
    log("extract_text on the mix ...")
    out["extract_mix"] = run_measure("extract", mix, "extract-mix")
    log("unreports run on the mix, default settings ...")
    out["cli_mix_default"] = run_cli(mix, None, "cli-mix-default")
    log("unreports run on the mix, one worker ...")
    out["cli_mix_one"] = run_cli(mix, 1, "cli-mix-one")
    log("reference (every stage in one process) on the mix ...")
    out["reference_mix"] = run_measure("reference", mix, "reference-mix")
    log("short documents: default and one worker ...")
    out["cli_short_default"] = run_cli(short, None, "cli-short-default")
    out["cli_short_one"] = run_cli(short, 1, "cli-short-one")
    out["extract_short"] = run_measure("extract", short, "extract-short")
    points = []
    for name in ("letters", "reports"):
        log(f"unreports run on {name}, one worker (for the fit) ...")
        out[f"cli_{name}_one"] = run_cli(corpora[name], 1, f"cli-{name}-one")
    for name in ("letters", "reports", "mix", "short"):
        run = out[f"cli_{name}_one"]
        points.append((len(corpora[name].files), corpora[name].pages, run["seconds"]))
    log("unreports run on an empty inbox, three times (the per-command part) ...")
    out["cli_empty_seconds"] = run_empty_cli()
    out["fit_one_worker"] = fit(points, start=out["cli_empty_seconds"])
    out["fit_free"] = fit(points)
    out["fit_points"] = points
    return out


def run_empty_cli() -> float:
    """The whole command on an empty inbox, one worker: start-up, an empty publication and
    the summary, i.e. what every command pays whatever its documents (median of three)."""
    inbox = OUT / "corpora" / "empty"
    shutil.rmtree(inbox, ignore_errors=True)
    inbox.mkdir(parents=True)
    return sorted(_command(inbox, 1, f"cli-empty-{attempt}")[1] for attempt in range(3))[1]


def measure_synthetic(pages: int) -> dict:
    log(f"synthetic corpus (fpdf2, about {pages} pages) ...")
    corpus = build_synthetic(pages)
    return {
        "files": len(corpus.files), "pages": corpus.pages,
        "extract": run_measure("extract", corpus, "extract-synthetic"),
        "cli_default": run_cli(corpus, None, "cli-synthetic-default"),
        "cli_one": run_cli(corpus, 1, "cli-synthetic-one"),
    }


if __name__ == "__main__":
    raise SystemExit(main())
