"""`unreports run` over every hostile input: the line never stops.

Small reading limits come from the environment (pipelines/resources.py); each hostile file
must become exactly one `rejected_documents` row with its reason and a quarantine copy,
while the hostile text files that are fine are published.
"""

from __future__ import annotations

import resource
import time
from pathlib import Path

import duckdb
import pytest

from pipelines.cli import main
from tests.reading.hostile import HOSTILE, HOSTILE_LIMITS, MEGABYTE, write_hostile
from unreports.samples import sample_texts
from unreports.sources import document_id_for, sha256_of

pytestmark = pytest.mark.slow  # every hostile file through the whole command: about 20 s

LIMITS_ENVIRONMENT = {
    "UNREPORTS_MEMORY_MB": str(HOSTILE_LIMITS.memory_mb),
    "UNREPORTS_CPU_SECONDS": str(HOSTILE_LIMITS.cpu_seconds),
    "UNREPORTS_WALL_SECONDS": str(HOSTILE_LIMITS.wall_seconds),
    "UNREPORTS_MAX_PAGES": str(HOSTILE_LIMITS.max_pages),
    "UNREPORTS_MAX_MEGABYTES": str(HOSTILE_LIMITS.max_bytes // MEGABYTE),
}
# Every document is read within its CPU limit; the rest is Dagster, rendering and publishing.
RUN_SECONDS = 150


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("hostile-run")
    inbox, data = root / "inbox", root / "data"
    files = write_hostile(inbox)
    with pytest.MonkeyPatch.context() as patch:
        for variable, value in LIMITS_ENVIRONMENT.items():
            patch.setenv(variable, value)
        started = time.monotonic()
        code = main(["run", "--inbox", str(inbox), "--data-dir", str(data)])
        seconds = time.monotonic() - started
    return {"code": code, "seconds": seconds, "files": files, "data": data,
            "children_mb": _peak_mb(resource.RUSAGE_CHILDREN), "own_mb": _peak_mb(resource.RUSAGE_SELF),
            "own_address_space_mb": _peak_address_space_mb()}


def _peak_address_space_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmPeak:"):
            return int(line.split()[1]) / 1024
    return float("inf")


def test_run_succeeds_within_limits(hostile_run: dict) -> None:
    assert hostile_run["code"] == 0
    assert hostile_run["seconds"] < RUN_SECONDS
    # Children: the forked readers. A reader's address space is what it inherited plus at most
    # the memory limit (RLIMIT_AS counts from the fork), so its resident size stays under the
    # parent's address space plus the limit; the bomb (4 GB inflated) never got there.
    assert hostile_run["children_mb"] < hostile_run["own_address_space_mb"] + HOSTILE_LIMITS.memory_mb


def test_the_acceptable_files_and_nothing_else_are_published(hostile_run: dict) -> None:
    """The inbox's acceptable files, and no bundled sample beside them."""
    accepted = {document_id_for(Path(h.name)) for h in HOSTILE if h.reason is None}
    with duckdb.connect(str(hostile_run["data"] / "warehouse.duckdb"), read_only=True) as connection:
        published = {row[0] for row in connection.execute("select document_id from documents").fetchall()}
    assert accepted and published == accepted
    assert not published & {path.stem for path in sample_texts()}


def test_each_hostile_file_is_one_rejection_with_its_reason(hostile_run: dict) -> None:
    with duckdb.connect(str(hostile_run["data"] / "warehouse.duckdb"), read_only=True) as connection:
        rows = connection.execute(
            "select source_name, source_sha256, reason from rejected_documents"
        ).fetchall()
    names = [name for name, _, _ in rows]
    assert len(names) == len(set(names))
    reasons = {name: (digest, reason) for name, digest, reason in rows}
    expected = [h for h in HOSTILE if h.reason is not None]
    assert set(reasons) == {h.name for h in expected}
    for hostile in expected:
        digest, reason = reasons[hostile.name]
        assert hostile.matches(reason), f"{hostile.name}: {reason!r}"
        assert digest == sha256_of(hostile_run["files"][hostile.name])


def test_rejected_files_are_quarantined(hostile_run: dict) -> None:
    quarantine = hostile_run["data"] / "quarantine"
    for hostile in HOSTILE:
        path = hostile_run["files"][hostile.name]
        copy = quarantine / f"{sha256_of(path)[:16]}-{hostile.name}"
        if hostile.reason is None:
            assert not copy.exists(), hostile.name
        else:
            assert copy.is_file() and copy.read_bytes() == path.read_bytes(), hostile.name


def test_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipelines.resources import ReadingLimits, default_resources

    for variable, value in LIMITS_ENVIRONMENT.items():
        monkeypatch.setenv(variable, value)
    assert default_resources("data", [])["limits"].limits() == HOSTILE_LIMITS
    monkeypatch.delenv("UNREPORTS_MEMORY_MB")
    assert default_resources("data", [])["limits"].memory_mb == ReadingLimits().memory_mb
    monkeypatch.setenv("UNREPORTS_CPU_SECONDS", "soon")
    with pytest.raises(ValueError, match="UNREPORTS_CPU_SECONDS"):
        default_resources("data", [])
