"""A corpus through `unreports run`: 1,000 generated text reports, then one added, then one
removed, then the inbox sensor asked on the same data folder.

    python -m bench.inbox [--documents 1000] [--out bench/out/results/inbox.json]

The reports are OCR-style text files written here (a masthead, a title, five numbered
paragraphs with figures, in our own words), one per document. Each command is a fresh
process on the same inbox and data folder, timed from its start (cold start included):

  first       every document processed and published
  unchanged   nothing new: the run that finds nothing to do (three times, the median)
  added       one new report (three times, another report each time; the median)
  removed     one report deleted from the inbox

Goals (issue 15): the first run <= 0.3 s per document on 2 cores; adding one document
costs <= 2x a run with nothing new; the removed document leaves the snapshot (rows gone,
the manifest says withdrawn); afterwards the inbox sensor requests 0 runs.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPEATS = 3  # single runs of a 2-4 s command vary by +-20 % here
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
RESULTS = OUT / "results" / "inbox.json"
UNREPORTS = Path(sys.executable).parent / "unreports"
SUBJECTS = ("the water supply", "school attendance", "the return of displaced families",
            "the demining programme", "the national census", "vaccination campaigns",
            "the training of police officers", "the repair of rural roads")


def report_text(n: int) -> str:
    """One short report in the layout of a UN text file: symbol, date, title, numbered body."""
    subject = SUBJECTS[n % len(SUBJECTS)]
    year = 2010 + n % 15
    return (
        f"United Nations                                        S/{year}/{100 + n}\n"
        "Security Council                                      Distr.: General\n"
        f"                                                      {1 + n % 28} March {year}\n\n"
        f"Report of the Secretary-General on {subject} in region {n}\n\n"
        f"1. The present report covers {subject} in region {n} from January to December {year - 1}.\n"
        f"2. During the period, the mission recorded {120 + 7 * n} visits to {n % 9 + 2} towns and "
        f"{40 + n % 60} villages.\n"
        f"3. Some {1000 + 13 * n} families received assistance, of whom {200 + n} were headed by women.\n"
        f"4. As at 31 December {year - 1}, {150 + n % 40} States had ratified the Convention.\n"
        f"5. The Secretary-General will report again on {subject} in {year + 1}.\n"
    )


def _command(inbox: Path, data: Path) -> float:
    started = time.perf_counter()
    subprocess.run([str(UNREPORTS), "run", "--quiet", "--inbox", str(inbox), "--data-dir", str(data)],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def _sensor_requests(inbox: Path, data: Path) -> int:
    """Run requests the inbox sensor makes on this data folder (a fresh process, as the daemon)."""
    script = (
        "import json, sys\n"
        "import dagster as dg\n"
        "from pipelines.cli import _instance\n"
        "from pipelines.resources import DocumentStore\n"
        "from pipelines.sensors import inbox_sensor\n"
        "from pathlib import Path\n"
        "data, inbox = Path(sys.argv[1]), sys.argv[2]\n"
        "store = DocumentStore(data_dir=str(data), inbox_dirs=[inbox])\n"
        "context = dg.build_sensor_context(instance=_instance(data), resources={'store': store})\n"
        "print(json.dumps(len(inbox_sensor(context).run_requests or [])))\n"
    )
    out = subprocess.run([sys.executable, "-c", script, str(data), str(inbox)], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    return int(out.strip().splitlines()[-1])


def _published_ids(data: Path) -> set[str]:
    import duckdb

    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    try:
        return {row[0] for row in con.execute("SELECT document_id FROM documents").fetchall()}
    finally:
        con.close()


def run(count: int) -> dict:
    inbox, data = OUT / "corpora" / f"inbox-{count}", OUT / "data" / f"inbox-{count}"
    for folder in (inbox, data):
        shutil.rmtree(folder, ignore_errors=True)
    inbox.mkdir(parents=True)
    for n in range(1, count + 1):
        (inbox / f"S_{n:05d}-EN.txt").write_text(report_text(n), encoding="utf-8")
    first = _command(inbox, data)
    published = len(_published_ids(data))
    unchanged_runs, added_runs = [], []
    for n in range(count + 1, count + 1 + REPEATS):
        unchanged_runs.append(_command(inbox, data))
        (inbox / f"S_{n:05d}-EN.txt").write_text(report_text(n), encoding="utf-8")
        added_runs.append(_command(inbox, data))
    unchanged, added = _median(unchanged_runs), _median(added_runs)
    removed_file = inbox / "S_00002-EN.txt"
    removed_file.unlink()
    removed = _command(inbox, data)
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    ids = _published_ids(data)
    return {
        "documents": count, "published_first": published,
        "first_seconds": round(first, 2), "first_per_document": round(first / count, 3),
        "unchanged_seconds": round(unchanged, 2), "added_seconds": round(added, 2),
        "unchanged_runs": [round(s, 2) for s in unchanged_runs],
        "added_runs": [round(s, 2) for s in added_runs],
        "added_over_unchanged": round(added / unchanged, 2), "removed_seconds": round(removed, 2),
        "removed_left_snapshot": "s-00002-en" not in ids and "s-00002-en" in manifest["withdrawn"],
        "published_last": len(ids),  # count + REPEATS added - 1 removed
        "sensor_run_requests": _sensor_requests(inbox, data),
    }


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def markdown(result: dict) -> str:
    lines = [
        "| run | seconds | note |",
        "|---|---:|---|",
        f"| first ({result['documents']:,} reports) | {result['first_seconds']} | "
        f"{result['first_per_document']} s per document (goal <= 0.3); "
        f"{result['published_first']:,} published |",
        f"| nothing new (median of {len(result['unchanged_runs'])}) | {result['unchanged_seconds']} | "
        f"runs: {', '.join(map(str, result['unchanged_runs']))} s |",
        f"| one added (median of {len(result['added_runs'])}) | {result['added_seconds']} | "
        f"{result['added_over_unchanged']}x the run with nothing new (goal <= 2x); runs: "
        f"{', '.join(map(str, result['added_runs']))} s |",
        f"| one removed | {result['removed_seconds']} | left the snapshot and named withdrawn: "
        f"{'yes' if result['removed_left_snapshot'] else 'NO'}; {result['published_last']:,} published |",
        "",
        f"Afterwards the inbox sensor on the same data folder requests {result['sensor_run_requests']} runs "
        "(goal 0).",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(prog="python -m bench.inbox", description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    result = run(args.documents)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n")
    table = markdown(result)
    print(table)
    return table


if __name__ == "__main__":
    main(sys.argv[1:])
