"""The Dagster instance's home under DATA_DIR, shared by `unreports run`, `make dev` and
`dagster-daemon`: `python -m pipelines.instance DATA_DIR` prepares it and prints its path.

Its dagster.yaml keeps telemetry off, turns run retries on, sends runs through the run
queue with limits (one document run at a time: it already uses every core; a publication
waits for the one before it: the `publication` pool) and keeps the instance's storage in
SQLite files under the home — or, when UNREPORTS_POSTGRES_URL is set (e.g.
`postgresql+psycopg2://user:password@host:5432/dagster`), in that Postgres database
(dagster-postgres; the URL is read from the environment by Dagster, never written into the
file). The driver must be named: SQLAlchemy 2.1 reads a bare `postgresql://` as psycopg 3,
which dagster-postgres does not install (it uses psycopg2). Beyond one
machine, use `deploy/dagster.yaml` instead (docs/deploy.md).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

HOME_SUBDIR = "dagster_home"
POSTGRES_URL_VARIABLE = "UNREPORTS_POSTGRES_URL"
# A dagster.yaml starting with this line is ours: it is rewritten when what we would write
# changes (e.g. UNREPORTS_POSTGRES_URL set or unset). Delete the line to keep your own edits.
GENERATED = "# Written by pipelines/instance.py; delete this line to keep your own edits.\n"

# Telemetry off: no network here, and no banner. Run retries on: the jobs' retry tags
# (pipelines/jobs.py) are only honoured by the daemon when this is enabled.
BASE_CONFIG = """\
telemetry:
  enabled: false
run_retries:
  enabled: true
  max_retries: 0  # per job: the jobs' dagster/max_retries tag decides
"""
# The run queue (the daemon's QueuedRunCoordinator; `unreports run` executes in process and
# takes its own lock instead). Document runs are the ones carrying a partition range.
QUEUE_CONFIG = """\
concurrency:
  runs:
    max_concurrent_runs: 4
    tag_concurrency_limits:
      - key: dagster/asset_partition_range_start  # document runs: one at a time on one machine
        limit: 1
  pools:
    granularity: run  # a run waits in the queue until its pools have a free slot
    default_limit: 1  # the publication pool: one snapshot switch at a time
"""
POSTGRES_CONFIG = f"""\
storage:
  postgres:
    postgres_url:
      env: {POSTGRES_URL_VARIABLE}
"""
# SQLite (the default): Dagster's own storage, except the event log kept open for the
# process (pipelines/sqlite_storage.py); its files are where Dagster's default puts them.
SQLITE_EVENT_LOG_CONFIG = """\
event_log_storage:
  module: pipelines.sqlite_storage
  class: KeptOpenSqliteEventLogStorage
  config:
    base_dir: {runs}
"""
# What earlier versions wrote (without the GENERATED line): also ours to rewrite.
LEGACY_CONFIGS = (BASE_CONFIG,)


def instance_config(home: Path, postgres: bool = False) -> str:
    """The dagster.yaml we write: SQLite storage under the home, or Postgres."""
    # JSON-quoted: a valid YAML string whatever the path holds
    runs = json.dumps(str(home / "history" / "runs"))
    storage = POSTGRES_CONFIG if postgres else SQLITE_EVENT_LOG_CONFIG.format(runs=runs)
    return GENERATED + BASE_CONFIG + QUEUE_CONFIG + storage


def postgres_url() -> str | None:
    """UNREPORTS_POSTGRES_URL, or None when unset; a URL without its driver is refused."""
    url = os.environ.get(POSTGRES_URL_VARIABLE, "").strip()
    if not url:
        return None
    scheme = url.split("://", 1)[0]
    if scheme in ("postgres", "postgresql"):
        raise ValueError(f"{POSTGRES_URL_VARIABLE}: name the driver: postgresql+psycopg2://... instead of "
                         f"{scheme}://... (SQLAlchemy would look for psycopg 3, which is not installed)")
    if not scheme.startswith("postgresql+"):
        raise ValueError(f"{POSTGRES_URL_VARIABLE}: expected postgresql+psycopg2://user:password@host:port/database")
    return url


def dagster_home(data_dir: Path) -> Path:
    """DATA_DIR/dagster_home with its dagster.yaml, Postgres-backed when UNREPORTS_POSTGRES_URL
    is set. A dagster.yaml someone wrote (no GENERATED first line) is left alone."""
    home = Path(data_dir).resolve() / HOME_SUBDIR
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    wanted = instance_config(home, postgres=postgres_url() is not None)
    current = config.read_text(encoding="utf-8") if config.exists() else None
    if current is None or (
        current != wanted and (current.startswith(GENERATED) or current in LEGACY_CONFIGS)
    ):
        temporary = config.with_name(f".dagster.yaml.{os.getpid()}.tmp")
        temporary.write_text(wanted, encoding="utf-8")
        os.replace(temporary, config)
    return home


if __name__ == "__main__":
    print(dagster_home(Path(sys.argv[1] if len(sys.argv) > 1 else "data")))
