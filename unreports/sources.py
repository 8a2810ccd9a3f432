"""Input files: identity (sha256, size), media type, and the document id (partition key)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from unreports.records import SourceDocument

PDF_MAGIC = b"%PDF-"
SUPPORTED_SUFFIXES = (".pdf", ".txt")
# Partition keys must be file-safe and short: lowercase ASCII, digits and dashes.
_UNSAFE_RE = re.compile(r"[^a-z0-9]+")
MAX_DOCUMENT_ID_LENGTH = 80


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def document_id_for(path: Path) -> str:
    """A stable, file-safe id from the file name: 'S_2017_939-AR.pdf' -> 's-2017-939-ar'."""
    stem = unicodedata.normalize("NFKD", path.stem).encode("ascii", "ignore").decode().lower()
    slug = _UNSAFE_RE.sub("-", stem).strip("-")[:MAX_DOCUMENT_ID_LENGTH].strip("-")
    if not slug:
        slug = "doc-" + hashlib.sha256(path.name.encode()).hexdigest()[:12]
    return slug


def sniff_media_type(path: Path) -> str:
    """By content first (a PDF named .txt is still a PDF), then by suffix."""
    with path.open("rb") as handle:
        head = handle.read(1024)
    if PDF_MAGIC in head:
        return "application/pdf"
    if path.suffix.lower() == ".pdf":
        return "application/pdf"  # claims to be a PDF; the reader says why it is not
    return "text/plain"


def describe(path: Path) -> SourceDocument:
    return SourceDocument(
        document_id=document_id_for(path),
        source_name=path.name,
        source_path=str(path.resolve()),
        source_sha256=sha256_of(path),
        size_bytes=path.stat().st_size,
        media_type=sniff_media_type(path),
    )


def discover(folder: Path) -> list[Path]:
    """Input files in a folder (not recursive), sorted for a deterministic run."""
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and not p.name.startswith(".")
    )
