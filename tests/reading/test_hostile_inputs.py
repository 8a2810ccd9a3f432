"""Hostile files through the sandboxed reader: each one a clean, stable reason, never a crash.

The limits are on the forked child; the test process must never pay for a bomb itself.
"""

from __future__ import annotations

import mmap
import random
import resource
import time
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from tests.reading.hostile import (
    BOMB_INFLATED_BYTES,
    HOSTILE,
    HOSTILE_LIMITS,
    MEGABYTE,
    Hostile,
    _text_pdf,
    decompression_bomb,
    deflated_zeros,
    empty_pages,
    self_reference,
    write_hostile,
)
from unreports.reading.sandbox import read_isolated
from unreports.records import ReadDocument, Rejection
from unreports.sources import describe


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory) -> dict[str, Path]:
    return write_hostile(tmp_path_factory.mktemp("hostile"))


@pytest.mark.parametrize("hostile", HOSTILE, ids=lambda h: h.name)
def test_hostile_input_gets_its_reason(hostile: Hostile, hostile_files: dict[str, Path]) -> None:
    source = describe(hostile_files[hostile.name])
    started = time.monotonic()
    read = read_isolated(source, HOSTILE_LIMITS)
    elapsed = time.monotonic() - started
    if hostile.reason is None:
        assert isinstance(read, ReadDocument), read
        texts = [line.text for line in read.lines]
        assert texts and not any("\x00" in text or "\r" in text for text in texts)
        if hostile.warning:
            assert any(w.startswith(hostile.warning) for w in read.warnings), read.warnings
        else:
            assert not any(w.startswith("pages:") for w in read.warnings), read.warnings
    else:
        assert isinstance(read, Rejection), f"{hostile.name} was read"
        assert hostile.matches(read.reason), f"{hostile.name}: {read.reason!r} ({read.detail})"
        assert read.source_name == hostile.name and read.source_sha256 == source.source_sha256
        assert "\n" not in read.reason and len(read.reason) <= 60
        # The reason groups; the detail says what was found in this file.
        assert read.detail.strip(), f"{hostile.name}: {read.reason!r} without a detail"
    # Overruns are stopped by the CPU limit (plus the child's start), long before the wall clock.
    assert elapsed < HOSTILE_LIMITS.cpu_seconds + 3


def test_the_test_process_never_inflates_a_bomb(hostile_files: dict[str, Path]) -> None:
    read = read_isolated(describe(hostile_files["bomb.pdf"]), HOSTILE_LIMITS)
    assert isinstance(read, Rejection) and read.reason == "limit: memory"
    own, children = _peak_mb(resource.RUSAGE_SELF), _peak_mb(resource.RUSAGE_CHILDREN)
    # A child's resident size is what it inherited from this process plus what it allocated.
    assert children < own + HOSTILE_LIMITS.memory_mb
    assert own < BOMB_INFLATED_BYTES / MEGABYTE / 4


def test_the_bomb_is_real() -> None:
    """The generator's zlib stream is exactly `size` zeros (checked small); the file is tiny."""
    for megabytes in (1, 3, 32):
        assert zlib.decompress(deflated_zeros(megabytes * MEGABYTE)) == bytes(megabytes * MEGABYTE)
    data = decompression_bomb(random.Random(0))
    assert len(data) < 64 * 1024 < BOMB_INFLATED_BYTES // 1000
    stream = data[data.index(b"stream\n") + 7:data.index(b"\nendstream")]
    inner = zlib.decompress(stream)
    assert inner == deflated_zeros(BOMB_INFLATED_BYTES)


def test_clean_twins_are_read(tmp_path: Path) -> None:
    """The undamaged PDFs the truncated, encrypted and no-ToUnicode files are made from read fine."""
    for name, data in (("helvetica.pdf", _text_pdf(6)), ("dejavu.pdf", _text_pdf(3, font="dejavu-sans"))):
        path = tmp_path / name
        path.write_bytes(data)
        read = read_isolated(describe(path), HOSTILE_LIMITS)
        assert isinstance(read, ReadDocument), read
        assert "450 hostages" in " ".join(line.text for line in read.lines)


def test_empty_pages_within_the_page_limit_have_no_text_layer(tmp_path: Path) -> None:
    """Documented choice: beyond the limit `limit: pages` (counted first); within, no text."""
    path = tmp_path / "empty-pages.pdf"
    path.write_bytes(empty_pages(random.Random(0), pages=1200))
    assert read_isolated(describe(path), HOSTILE_LIMITS).reason == "limit: pages"
    roomy = replace(HOSTILE_LIMITS, max_pages=2000, cpu_seconds=20)
    assert read_isolated(describe(path), roomy).reason == "no text layer (scanned?)"


def test_wall_clock_stops_a_child_the_cpu_limit_would_not(tmp_path: Path) -> None:
    path = tmp_path / "self-reference.pdf"
    path.write_bytes(self_reference(random.Random(0)))
    started = time.monotonic()
    read = read_isolated(describe(path), replace(HOSTILE_LIMITS, cpu_seconds=60, wall_seconds=1.0))
    assert isinstance(read, Rejection) and read.reason == "limit: time" and "wall clock" in read.detail
    assert time.monotonic() - started < 5


def test_memory_limit_is_headroom_over_what_the_child_inherits(hostile_files: dict[str, Path]) -> None:
    """A parent that has reserved much address space (threads, DuckDB) leaves a document its
    full allowance: the limit is counted from the fork, not from zero."""
    reserved = mmap.mmap(-1, 2 * HOSTILE_LIMITS.memory_mb * MEGABYTE)  # address space, never touched
    try:
        read = read_isolated(describe(hostile_files["utf16-bom.txt"]), HOSTILE_LIMITS)
        assert isinstance(read, ReadDocument), read
        bomb = read_isolated(describe(hostile_files["bomb.pdf"]), HOSTILE_LIMITS)
        assert isinstance(bomb, Rejection) and bomb.reason == "limit: memory"
    finally:
        reserved.close()


def test_input_bytes_limit(hostile_files: dict[str, Path]) -> None:
    small = replace(HOSTILE_LIMITS, max_bytes=1024)
    read = read_isolated(describe(hostile_files["empty-pages.pdf"]), small)
    assert isinstance(read, Rejection) and read.reason == "limit: input bytes"


def test_pages_declared_and_read(hostile_files: dict[str, Path]) -> None:
    """A PDF records what its page tree declares next to what was read; a text file has no tree."""
    lost = read_isolated(describe(hostile_files["lost-page.pdf"]), HOSTILE_LIMITS)
    assert (lost.metadata.page_count, lost.metadata.pages_declared) == (4, 5)
    assert [line.page for line in lost.lines] == [1, 2, 4, 5]  # pages keep their place in the tree
    whole = read_isolated(describe(hostile_files["self-drawing-form.pdf"]), HOSTILE_LIMITS)
    assert (whole.metadata.page_count, whole.metadata.pages_declared) == (1, 1) and not whole.warnings
    text = read_isolated(describe(hostile_files["utf16-bom.txt"]), HOSTILE_LIMITS)
    assert text.metadata.pages_declared is None and text.metadata.text_source == "ocr"


def test_an_updated_file_with_stale_offsets_keeps_its_update(hostile_files: dict[str, Path]) -> None:
    """pdfminer's own fallback stops at the first trailer and reads the 2-page original;
    the whole-file scan finds the update's page tree and its third page."""
    read = read_isolated(describe(hostile_files["shifted-update.pdf"]), HOSTILE_LIMITS)
    assert isinstance(read, ReadDocument), read
    assert (read.metadata.page_count, read.metadata.pages_declared) == (3, 3)
    assert any(line.text.startswith("3. Page 3") for line in read.lines)
