"""What processed rows depend on besides their input: the pipeline version, and where it
came from (for `unreports --version`, the manifest and the snapshot table)."""

from __future__ import annotations

import functools
import hashlib
import subprocess
from pathlib import Path

from unreports import __version__

PACKAGE = Path(__file__).resolve().parent


@functools.cache
def code_sha256() -> str:
    """sha256 of the domain code (every module of this package, by path and bytes): any change
    to how documents are read, structured or counted makes a new pipeline version. The
    Dagster wiring, tests and documents are not part of it."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@functools.cache
def commit() -> str | None:
    """The git commit of the checkout this package runs from, when it is one (not in a wheel)."""
    try:
        out = subprocess.run(["git", "-C", str(PACKAGE), "rev-parse", "--short=12", "HEAD"],
                             capture_output=True, text=True, timeout=5, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def describe(pipeline_version: str, registry: str) -> dict[str, str | None]:
    """The pipeline version with what it is made of."""
    return {"pipeline_version": pipeline_version, "package_version": __version__,
            "code_sha256": code_sha256(), "commit": commit(), "registry_sha256": registry}
