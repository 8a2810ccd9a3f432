"""Input files: identity (sha256, size), media type, and the document id (partition key).

`scan` lists an inbox folder and accounts for every entry in it: a regular file with a
supported suffix is an input; anything else is `Ignored` with a short stable reason and is
never opened (a symbolic link is never followed: its target is not read, hashed or copied).
`assign_ids` gives every input its own document id: two names that make the same id
(`a b.txt`, `a-b.txt`; `report.pdf`, `report.txt`) never hide one another.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PosixPath

from unreports.records import SourceDocument

PDF_MAGIC = b"%PDF-"
SUPPORTED_SUFFIXES = (".pdf", ".txt")
# Partition keys must be file-safe and short: lowercase ASCII, digits and dashes.
_UNSAFE_RE = re.compile(r"[^a-z0-9]+")
MAX_DOCUMENT_ID_LENGTH = 80


def sha256_of(path: Path) -> str:
    """sha256 of a file's bytes; a symbolic link is refused (OSError), never followed."""
    digest = hashlib.sha256()
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# A file changed less than this long ago gets no stamp: a second change within the same
# clock tick could leave size, times and inode as they were (file systems keep times at
# a few milliseconds' granularity).
SETTLED_SECONDS = 2.0


def file_stamp(path: Path) -> str | None:
    """size, modification and change times and inode of a file, not following a link; None
    when it changed in the last SETTLED_SECONDS. An unchanged stamp means unchanged bytes,
    so a hash recorded with it need not be computed again."""
    status = os.stat(path, follow_symlinks=False)
    if max(status.st_mtime_ns, status.st_ctime_ns) > time.time_ns() - int(SETTLED_SECONDS * 1e9):
        return None
    return f"{status.st_size}:{status.st_mtime_ns}:{status.st_ctime_ns}:{status.st_ino}"


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


def describe(path: Path, document_id: str | None = None) -> SourceDocument:
    """The input behind a document id; the id is the one `assign_ids` gave the file (an
    `InputPath` carries it), else the one its name makes."""
    stamp = file_stamp(path)  # before the bytes are hashed: a change meanwhile changes the stamp
    return SourceDocument(
        document_id=document_id or getattr(path, "document_id", None) or document_id_for(path),
        source_name=path.name,
        source_path=str(path.resolve()),
        source_sha256=sha256_of(path),
        size_bytes=path.stat().st_size,
        media_type=sniff_media_type(path),
        source_stamp=stamp,
    )


def discover(folder: Path) -> list[Path]:
    """Input files in a folder (not recursive), sorted for a deterministic run."""
    return scan(folder).files


# Reasons an inbox entry is not read (Ignored.reason): short and stable, for grouping.
LINK = "link: not read"
HIDDEN = "hidden file"
FOLDER = "folder"
UNSUPPORTED = "unsupported suffix"
SPECIAL = "not a regular file"


@dataclass(frozen=True)
class Ignored:
    """An inbox entry that is not an input: never opened, recorded with why."""

    source_name: str
    reason: str
    detail: str


@dataclass(frozen=True)
class Listing:
    files: list[Path]  # regular files with a supported suffix, sorted by name
    ignored: list[Ignored]


def scan(folder: Path) -> Listing:
    """Every entry of an inbox folder (not recursive): an input file or an Ignored.

    Decided from lstat alone, so a symbolic link (to a file inside or outside the inbox,
    or to nothing) is never followed and its target never read.
    """
    files: list[Path] = []
    ignored: list[Ignored] = []
    if not folder.is_dir():
        return Listing(files, ignored)
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        path = Path(folder) / entry.name
        mode = entry.stat(follow_symlinks=False).st_mode
        if stat.S_ISLNK(mode):
            dangling = not os.path.exists(path)  # a stat of the target, never a read
            ignored.append(Ignored(entry.name, LINK, "symbolic link to nothing (dangling), not followed"
                                   if dangling else "symbolic link, not followed: its target is not read"))
        elif entry.name.startswith("."):
            ignored.append(Ignored(entry.name, HIDDEN, "names starting with a dot are not read"))
        elif stat.S_ISDIR(mode):
            ignored.append(Ignored(entry.name, FOLDER, "sub-folders are not searched"))
        elif not stat.S_ISREG(mode):
            ignored.append(Ignored(entry.name, SPECIAL, "a device, pipe or socket"))
        elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
            ignored.append(Ignored(entry.name, UNSUPPORTED,
                                   f"{path.suffix or 'no suffix'}; "
                                   f"only {', '.join(SUPPORTED_SUFFIXES)} are read"))
        else:
            files.append(path)
    return Listing(files, ignored)


class InputPath(PosixPath):
    """An input file's path carrying the document id `assign_ids` gave it."""

    document_id: str


def _name_hash(text: str, length: int) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:length]


def _suffixed(base: str, tag: str) -> str:
    return f"{base[:MAX_DOCUMENT_ID_LENGTH - len(tag) - 1].strip('-')}-{tag}"


@dataclass(frozen=True)
class Renamed:
    """A file whose name makes an id another file holds: published under its own id."""

    source_name: str
    document_id: str
    taken_by: str  # the file name holding the id its name makes


def assign_ids(folders: Sequence[Iterable[Path]]) -> tuple[dict[str, InputPath], list[Renamed]]:
    """document_id -> file over input folders in order, and the files given another id.

    The first file (folder order, then name) whose name makes an id keeps it; every other
    file whose name makes the same id gets that id suffixed with 8 hex digits of the
    sha256 of its file name (longer, then of its path, if even that is taken). So the ids
    depend on the names present only, and are the same on every run.
    """
    ordered = [Path(path) for paths in folders for path in paths]
    taken: dict[str, Path] = {}
    later: list[tuple[str, Path]] = []
    for path in ordered:
        base = document_id_for(path)
        if base in taken:
            later.append((base, path))
        else:
            taken[base] = path
    renamed: list[Renamed] = []
    for base, path in later:
        candidates = [_suffixed(base, _name_hash(path.name, n)) for n in (8, 12, 16)]
        candidates += [_suffixed(base, _name_hash(str(path), n)) for n in (12, 16)]
        document_id = next((c for c in candidates if c not in taken), None)
        if document_id is None:  # practically impossible: would need sha256 collisions
            raise ValueError(f"no free document id for {path}")
        taken[document_id] = path
        renamed.append(Renamed(path.name, document_id, taken[base].name))
    files: dict[str, InputPath] = {}
    for document_id, path in taken.items():
        tagged = InputPath(path)
        tagged.document_id = document_id
        files[document_id] = tagged
    return files, renamed
