"""Shared fixtures: the read-only team data in ../shared (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_5e736958586a84fb.txt"
ENGLISH_CORPUS = SHARED / "corpus" / "en"
SCANNED_CORPUS = SHARED / "corpus" / "scanned"
# Printed numbering of the body paragraphs of each shared English PDF (counted by hand).
PRINTED_PARAGRAPHS = {
    "S_2013_220-EN.pdf": 124,
    "S_2025_257-EN.pdf": 22,
    "A_80_434-EN.pdf": 11,
    "S_2025_378-EN.pdf": 6,
    "S_1996_112-EN.pdf": 65,
}


def real_un_pdfs() -> list[Path]:
    """The real UN PDFs in ../shared (English and scanned), sorted; empty without ../shared."""
    folders = (ENGLISH_CORPUS, SCANNED_CORPUS)
    return sorted(p for folder in folders if folder.exists() for p in folder.glob("*.pdf"))


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


@pytest.fixture(scope="session")
def english_structured(english_corpus: list[Path]) -> dict:
    """file name -> (ReadDocument, StructuredDocument) of each shared English PDF, read once."""
    from unreports.reading.pdf_document import read_pdf
    from unreports.sources import describe
    from unreports.structure.build import build_structure

    documents = {}
    for path in english_corpus:
        read = read_pdf(describe(path), path.read_bytes())
        documents[path.name] = (read, build_structure(read))
    return documents
