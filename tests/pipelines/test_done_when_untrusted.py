"""Issue 16's done-when, end to end (slow: run with UNREPORTS_SLOW=1 and `-m slow`).

The seed, a 40 MB numbered text file, two links to a file outside the inbox and two
colliding names finish in at most 10 minutes with exit 0: the seed published, the big
file published or rejected with `limit: ...`, both colliding files accounted for, and
nothing from outside the inbox anywhere under the data dir.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import time
from pathlib import Path

import duckdb
import pytest

from pipelines.cli import main
from tests.pipelines.test_untrusted_inbox import NOTE, _numbered_text

pytestmark = [pytest.mark.slow, pytest.mark.shared,
              pytest.mark.skipif(not os.environ.get("UNREPORTS_SLOW"), reason="set UNREPORTS_SLOW=1 to run")]
SECRET = b"OUTSIDE-THE-INBOX-7f3a"
MAX_SECONDS = 600


def test_done_when(seed_path: Path, tmp_path: Path) -> None:
    inbox, outside, data = tmp_path / "inbox", tmp_path / "outside", tmp_path / "data"
    inbox.mkdir()
    outside.mkdir()
    shutil.copy(seed_path, inbox / "S_2017_939-AR.txt")
    _numbered_text(inbox / "big.txt", 40)
    (outside / "secret.txt").write_bytes(b"1. " + SECRET + b" 77 States became parties.\n")
    (inbox / "link-absolute.txt").symlink_to(outside / "secret.txt")
    (inbox / "link-relative.pdf").symlink_to(Path("..") / "outside" / "secret.txt")
    (inbox / "note one.txt").write_text(NOTE)
    (inbox / "note-one.txt").write_text(NOTE.replace("450", "451"))
    out = io.StringIO()
    started = time.monotonic()
    with contextlib.redirect_stdout(out):
        code = main(["run", "--inbox", str(inbox), "--data-dir", str(data)])
    seconds = time.monotonic() - started
    print(out.getvalue())
    print(f"done-when run: {seconds:.1f} s, exit {code}")
    assert code == 0 and seconds <= MAX_SECONDS
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as connection:
        published = dict(connection.execute("select source_name, document_id from documents").fetchall())
        rejected = dict(connection.execute("select source_name, reason from rejected_documents").fetchall())
    assert published["S_2017_939-AR.txt"] == "s-2017-939-ar"
    assert "big.txt" in published or rejected["big.txt"].startswith("limit: ")
    assert {"note one.txt", "note-one.txt"} <= set(published) | set(rejected)
    assert "link-absolute.txt: link: not read" in out.getvalue()
    assert "link-relative.pdf: link: not read" in out.getvalue()
    digest = hashlib.sha256((outside / "secret.txt").read_bytes()).hexdigest().encode()
    for path in data.rglob("*"):
        if path.is_file() and not path.is_symlink():
            content = path.read_bytes()
            assert SECRET not in content and digest not in content, path
