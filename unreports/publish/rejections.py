"""Rejected inputs: a quarantine copy of the file and a stable first-seen time."""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

from unreports.records import Rejection, SourceDocument

QUARANTINE_DIR = "quarantine"
LEDGER_FILE = "rejections.json"


def quarantine(source: SourceDocument, data_dir: Path) -> Path:
    """Copy a rejected file aside, named by its hash (the inbox copy is left alone)."""
    folder = Path(data_dir) / QUARANTINE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{source.source_sha256[:16]}-{source.source_name}"
    if not target.exists():
        shutil.copyfile(source.source_path, target)
    return target


def with_first_seen(rejections: list[Rejection], data_dir: Path) -> list[tuple[Rejection, datetime]]:
    """Pair each rejection with the time its file was first rejected (kept across runs,
    so re-running the same inputs publishes the same rows)."""
    ledger_path = Path(data_dir) / LEDGER_FILE
    ledger: dict[str, str] = json.loads(ledger_path.read_text()) if ledger_path.exists() else {}
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    paired = []
    for rejection in rejections:
        seen = ledger.setdefault(rejection.source_sha256, now)
        paired.append((rejection, datetime.fromisoformat(seen)))
    temporary = ledger_path.with_suffix(".tmp")
    temporary.write_text(json.dumps(ledger, indent=1, sort_keys=True))
    os.replace(temporary, ledger_path)
    return paired
