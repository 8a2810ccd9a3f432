"""Shared by the daemon and Postgres tests: generated notes for an inbox, a job run in its
own process on the instance under DAGSTER_HOME (as a run launcher would start it), and the
published content hashes.

`python -m tests.pipelines.burst JOB DATA_DIR INBOX TAGS_JSON [GO_FILE]` runs JOB in process
with those tags on DAGSTER_HOME's instance; with GO_FILE it first writes GO_FILE.ready and
waits for GO_FILE to exist (so that several runs start together). Exit 0 when the run
succeeded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SUBJECTS = ["the water supply", "school attendance", "the return of displaced families",
            "the demining programme", "the census", "vaccination campaigns"]


def write_notes(inbox: Path, count: int, prefix: str = "A_80") -> list[str]:
    """`count` short English notes, each a few numbered paragraphs with a figure; the file
    names and their document ids (`A_80_7-EN.txt` -> `a-80-7-en`)."""
    inbox.mkdir(parents=True, exist_ok=True)
    ids = []
    for n in range(1, count + 1):
        subject = SUBJECTS[n % len(SUBJECTS)]
        text = (f"Note by the Secretary-General number {n}\n\n"
                f"1. The Secretary-General has the honour to report on {subject} in district {n}.\n"
                f"2. In {2000 + n % 25}, the mission recorded {100 + 7 * n} visits to {n % 9 + 2} towns.\n"
                f"3. The Secretary-General will report again on {subject} next year.\n")
        (inbox / f"{prefix}_{n}-EN.txt").write_text(text, encoding="utf-8")
        ids.append(f"{prefix.lower().replace('_', '-')}-{n}-en")
    return ids


def start_run(job: str, data_dir: Path, inbox: Path, tags: dict[str, str], env: dict[str, str],
              go_file: Path | None = None) -> subprocess.Popen:
    args = [sys.executable, "-m", "tests.pipelines.burst", job, str(data_dir), str(inbox), json.dumps(tags)]
    if go_file is not None:
        args.append(str(go_file))
    return subprocess.Popen(args, cwd=ROOT, env={**os.environ, **env},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def content_hashes(data_dir: Path) -> dict[str, str]:
    """manifest.json: each published table's content hash."""
    manifest = json.loads((data_dir / "manifest.json").read_text(encoding="utf-8"))
    return {name: table["content_sha256"] for name, table in manifest["tables"].items()}


def _run(job: str, data_dir: str, inbox: str, tags: str, go_file: str | None = None) -> int:
    import dagster as dg

    from pipelines.definitions import build_definitions

    definitions = build_definitions(data_dir, [inbox])  # workers: UNREPORTS_WORKERS
    instance = dg.DagsterInstance.get()
    if go_file:
        Path(go_file + ".ready").touch()
        deadline = time.monotonic() + 60
        while not Path(go_file).exists() and time.monotonic() < deadline:
            time.sleep(0.02)
    result = definitions.resolve_job_def(job).execute_in_process(
        instance=instance, tags=json.loads(tags), raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}})
    return 0 if result.success else 1


if __name__ == "__main__":
    raise SystemExit(_run(*sys.argv[1:]))
