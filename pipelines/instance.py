"""The Dagster instance's home under DATA_DIR, shared by `unreports run`, `make dev` and
`dagster-daemon`: `python -m pipelines.instance DATA_DIR` prepares it and prints its path."""

from __future__ import annotations

import sys
from pathlib import Path

HOME_SUBDIR = "dagster_home"
# Telemetry off: no network here, and no banner. Run retries on: the jobs' retry tags
# (pipelines/jobs.py) are only honoured by the daemon when this is enabled.
INSTANCE_CONFIG = """\
telemetry:
  enabled: false
run_retries:
  enabled: true
  max_retries: 0  # per job: the jobs' dagster/max_retries tag decides
"""


def dagster_home(data_dir: Path) -> Path:
    """DATA_DIR/dagster_home with its dagster.yaml; an existing dagster.yaml is left alone."""
    home = Path(data_dir).resolve() / HOME_SUBDIR
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(INSTANCE_CONFIG, encoding="utf-8")
    return home


if __name__ == "__main__":
    print(dagster_home(Path(sys.argv[1] if len(sys.argv) > 1 else "data")))
