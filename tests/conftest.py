"""Shared fixtures: the read-only team data in ../shared (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_5e736958586a84fb.txt"
ENGLISH_CORPUS = SHARED / "corpus" / "en"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip("../shared seed text not present")
    return SEED


@pytest.fixture(scope="session")
def english_corpus() -> list[Path]:
    files = sorted(ENGLISH_CORPUS.glob("*.pdf")) if ENGLISH_CORPUS.exists() else []
    if not files:
        pytest.skip("../shared English corpus not present")
    return files
