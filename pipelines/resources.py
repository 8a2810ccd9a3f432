"""Resources: where documents come from, where outputs go, and the reading limits.

The only place that reads the environment: UNREPORTS_DATA_DIR, UNREPORTS_INBOX, and the
reading limits UNREPORTS_MEMORY_MB, UNREPORTS_CPU_SECONDS, UNREPORTS_WALL_SECONDS,
UNREPORTS_MAX_PAGES, UNREPORTS_MAX_MEGABYTES, UNREPORTS_WORKERS (each overrides the
`ReadingLimits` default).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
from pydantic import Field

from unreports.reading.sandbox import ReadLimits
from unreports.sources import Ignored, InputPath, Renamed, assign_ids, scan

DEFAULT_DATA_DIR = "data"


@dataclass(frozen=True)
class Inventory:
    files: dict[str, InputPath]  # document_id -> input file
    renamed: list[Renamed]  # inputs whose name makes an id another input holds
    ignored: list[Ignored]  # entries that are not inputs (links, dot-files, folders, other suffixes)


class DocumentStore(dg.ConfigurableResource):
    """Input folders and the data directory (warehouse, Parquet, quarantine, processed
    documents). Only these folders' files are published: nothing else is ever added."""

    data_dir: str = DEFAULT_DATA_DIR
    inbox_dirs: list[str] = Field(default_factory=list)

    @property
    def root(self) -> Path:
        return Path(self.data_dir).resolve()

    def folders(self) -> list[Path]:
        return [Path(d) for d in self.inbox_dirs] or [self.root / "inbox"]

    def files(self) -> dict[str, InputPath]:
        """document_id -> input file (regular files only; links are never followed). Two
        names making one id both get one: see `unreports.sources.assign_ids`."""
        return self.inventory().files

    def inventory(self) -> Inventory:
        """Every entry of the input folders: an input with its id, or ignored with why."""
        listings = [scan(folder) for folder in self.folders()]
        files, renamed = assign_ids([listing.files for listing in listings])
        return Inventory(files, renamed, [entry for listing in listings for entry in listing.ignored])

    def path_for(self, document_id: str) -> Path:
        files = self.files()
        if document_id not in files:
            raise FileNotFoundError(f"no input file for document {document_id!r} in {self.folders()}")
        return files[document_id]


class ReadingLimits(dg.ConfigurableResource):
    """Limits for processing one untrusted document (every stage) in its child process,
    and how many such children run at once (0: one per CPU core)."""

    memory_mb: int = 1024  # added to the address space the child inherits at the fork
    cpu_seconds: int = 60
    wall_seconds: float = 120.0
    max_pages: int = 2000
    max_megabytes: int = 200
    workers: int = 0

    def worker_count(self) -> int:
        return self.workers if self.workers > 0 else (os.cpu_count() or 1)

    def limits(self) -> ReadLimits:
        return ReadLimits(self.memory_mb, self.cpu_seconds, self.wall_seconds, self.max_pages,
                          self.max_megabytes * 1024 * 1024)


LIMIT_VARIABLES = {  # environment variable -> ReadingLimits field
    "UNREPORTS_MEMORY_MB": "memory_mb",
    "UNREPORTS_CPU_SECONDS": "cpu_seconds",
    "UNREPORTS_WALL_SECONDS": "wall_seconds",
    "UNREPORTS_MAX_PAGES": "max_pages",
    "UNREPORTS_MAX_MEGABYTES": "max_megabytes",
    "UNREPORTS_WORKERS": "workers",
}


def limits_from_environment(workers: int | None = None) -> ReadingLimits:
    """ReadingLimits with the fields whose UNREPORTS_* variable is set taken from it
    (`workers`, when given, wins over UNREPORTS_WORKERS)."""
    overrides: dict[str, int | float] = {}
    for variable, name in LIMIT_VARIABLES.items():
        value = os.environ.get(variable, "").strip()
        if not value:
            continue
        kind = float if name == "wall_seconds" else int
        try:
            number = kind(value)
        except ValueError:
            raise ValueError(f"{variable}={value!r}: expected a {kind.__name__}") from None
        if number <= 0 and not (name == "workers" and number == 0):
            raise ValueError(f"{variable}={value!r}: expected a positive number")
        overrides[name] = number
    if workers is not None:
        overrides["workers"] = workers
    return ReadingLimits(**overrides)


class Publication(dg.ConfigurableResource):
    """How snapshots are published."""

    keep_snapshots: int = 3


def default_resources(data_dir: str | None = None, inbox_dirs: list[str] | None = None,
                      workers: int | None = None) -> dict:
    data_dir = data_dir or os.environ.get("UNREPORTS_DATA_DIR", DEFAULT_DATA_DIR)
    inbox = inbox_dirs if inbox_dirs is not None else [
        d for d in os.environ.get("UNREPORTS_INBOX", "").split(os.pathsep) if d
    ]
    return {
        "store": DocumentStore(data_dir=data_dir, inbox_dirs=inbox),
        "limits": limits_from_environment(workers),
        "publication": Publication(),
    }

