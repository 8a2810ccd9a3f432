"""Damaged PDFs through the sandboxed reader: every mutant is accounted for, no page is lost unsaid.

Mutants of real UN PDFs (../shared/corpus/en, skipped when absent) and of PDFs drawn here
(tests/reading/hostile.py): flipped bytes, truncations, ranges duplicated or deleted, wrong
/Length values, each from a fixed seed (tests/reading/mutations.py). Each must end as a
read document or a rejection with a reason and a detail, within the limits; a read with
fewer pages than the file declares, or than the undamaged original has, carries a warning.

The default run reads a few mutants per family; UNREPORTS_FUZZ_MUTANTS=100 reads 100.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from tests.reading.hostile import HOSTILE_LIMITS, multipage_report, updated_report
from tests.reading.mutations import MUTATIONS, Mutant, mutants
from unreports.reading.pdf import PdfPages
from unreports.reading.sandbox import read_isolated
from unreports.records import ReadDocument, Rejection
from unreports.sources import describe

MUTANTS = int(os.environ.get("UNREPORTS_FUZZ_MUTANTS", "10"))  # per family: real, generated
# A real report reads in about a second: five of CPU time is a hang, not a slow file.
FUZZ_LIMITS = replace(HOSTILE_LIMITS, cpu_seconds=5, wall_seconds=30.0, memory_mb=1024)
# Rejections that mean an error escaped the reader's own handling, or a hang.
UNACCOUNTED = ("unreadable (", "reader crashed", "limit: time")


@dataclass(frozen=True)
class Outcome:
    mutant: Mutant
    read: ReadDocument | Rejection
    original_pages: int

    @property
    def short_read(self) -> bool:
        if not isinstance(self.read, ReadDocument):
            return False
        metadata = self.read.metadata
        declared = metadata.pages_declared if metadata.pages_declared is not None else 0
        return metadata.page_count < max(declared, self.original_pages)

    def problem(self) -> str | None:
        """What is wrong with this outcome, or None."""
        read = self.read
        if isinstance(read, Rejection):
            if not read.reason or "\n" in read.reason or not read.detail.strip():
                return f"rejection without a clean reason and a detail: {read.reason!r} / {read.detail!r}"
            if read.reason.startswith(UNACCOUNTED):
                return f"unaccounted: {read.reason} ({read.detail})"
            return None
        if not isinstance(read, ReadDocument):
            return f"neither read nor rejected: {read!r}"
        if read.metadata.pages_declared is None:
            return "a PDF read without pages_declared"
        metadata = read.metadata
        if metadata.page_count < metadata.pages_declared and not any(
            w.startswith("pages:") for w in read.warnings
        ):
            return f"{metadata.page_count} pages read of {metadata.pages_declared} declared without a warning"
        if self.short_read and not read.warnings:
            # The file may declare fewer pages itself (a cut update leaves the previous revision).
            return (f"{metadata.page_count} pages read of {metadata.pages_declared} declared "
                    f"({self.original_pages} in the original) without a warning")
        return None


def _read(path: Path) -> ReadDocument | Rejection:
    return read_isolated(describe(path), FUZZ_LIMITS)


def _fuzz(originals: dict[str, bytes], count: int, folder: Path) -> list[Outcome]:
    """`count` mutants spread over the originals, each read in the sandbox."""
    outcomes = []
    names = sorted(originals)
    for index, name in enumerate(names):
        # The originals are sound files (read whole in test_english_corpus and below): their
        # page tree gives the page count without interpreting a page.
        pages = PdfPages(originals[name]).census.in_tree
        share = count // len(names) + (index < count % len(names))
        for mutant in mutants(name, originals[name], share):
            path = folder / f"{mutant.name}.pdf"
            path.write_bytes(mutant.data)
            outcomes.append(Outcome(mutant, _read(path), pages))
    return outcomes


def _summary(outcomes: list[Outcome]) -> str:
    rejected = sum(isinstance(o.read, Rejection) for o in outcomes)
    short = sum(o.short_read for o in outcomes)
    hung = sum(isinstance(o.read, Rejection) and o.read.reason == "limit: time" for o in outcomes)
    return (f"{len(outcomes)} mutants: {len(outcomes) - rejected} read ({short} short, all warned), "
            f"{rejected} rejected, {hung} hung")


def _check(outcomes: list[Outcome]) -> None:
    problems = [f"{o.mutant.name} ({o.mutant.description}): {p}" for o in outcomes if (p := o.problem())]
    print(_summary(outcomes))
    assert not problems, "\n".join(problems)


def test_mutants_of_real_reports(english_corpus: list[Path], tmp_path: Path) -> None:
    originals = {path.name: path.read_bytes() for path in english_corpus}
    _check(_fuzz(originals, MUTANTS, tmp_path))


def test_mutants_of_generated_pdfs(tmp_path: Path) -> None:
    originals = {"fpdf2-report.pdf": multipage_report(), "updated.pdf": updated_report(random.Random(0))}
    _check(_fuzz(originals, MUTANTS, tmp_path))


def test_every_kind_of_damage_changes_the_file() -> None:
    """A mutation that left the file as it was would test nothing."""
    data = multipage_report(2)
    for kind, mutate in MUTATIONS.items():
        for seed in range(5):
            mutated, description = mutate(data, random.Random(seed))
            assert mutated != data, (kind, description)


def test_mutants_are_reproducible() -> None:
    data = multipage_report(2)
    assert [m.data for m in mutants("a.pdf", data, 10)] == [m.data for m in mutants("a.pdf", data, 10)]


def test_a_short_read_is_flagged_as_a_problem_without_a_warning(tmp_path: Path) -> None:
    """The check itself can fail: a read that lost pages and says nothing is caught."""
    path = tmp_path / "report.pdf"
    path.write_bytes(multipage_report(3))
    read = _read(path)
    assert isinstance(read, ReadDocument) and read.metadata.page_count == 3
    silent = replace(read, metadata=replace(read.metadata, page_count=2), warnings=())
    mutant = Mutant("report.pdf~none-0", "none", "unchanged", b"")
    assert "without a warning" in Outcome(mutant, silent, 3).problem()
    assert Outcome(mutant, read, 3).problem() is None


@pytest.mark.parametrize("pages", [1, 4])
def test_generated_reports_are_whole(pages: int, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(multipage_report(pages))
    read = _read(path)
    assert isinstance(read, ReadDocument), read
    assert (read.metadata.page_count, read.metadata.pages_declared) == (pages, pages)
    assert not read.warnings
