"""Issue 16: an inbox with links, dot-files, folders and colliding names; a tampered
snapshot; a busy warehouse lock; `kill -9` of a run; two runs on one data folder."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipelines.cli import RUN_LOCK, main
from pipelines.resources import DocumentStore
from unreports.processed import ProcessedDocuments
from unreports.publish.snapshot import published_inputs, read_manifest, verify_snapshot
from unreports.sources import LINK, assign_ids, document_id_for, scan, sha256_of

REPO = Path(__file__).resolve().parents[2]
NOTE = "I. Introduction\n1. In 2020, at least 450 hostages were rescued.\n2. The report ends here.\n"
SECRET = "OUTSIDEMARKER"  # text of the file outside the inbox: must never reach the data dir


def _write_inbox(root: Path) -> tuple[Path, Path]:
    inbox, outside = root / "inbox", root / "outside"
    inbox.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text(f"1. {SECRET} said 99 States became parties.\n")
    (inbox / "note.txt").write_text(NOTE)
    (inbox / "a b.txt").write_text(NOTE.replace("450", "451"))
    (inbox / "a-b.txt").write_text(NOTE.replace("450", "452"))
    (inbox / "report.pdf").write_bytes(b"<html>not a PDF</html>")
    (inbox / "report.txt").write_text(NOTE.replace("450", "453"))
    (inbox / ".hidden.txt").write_text(NOTE)
    (inbox / "folder.txt").mkdir()
    (inbox / "folder.txt" / "inner.txt").write_text(NOTE)
    (inbox / "minutes.docx").write_text("not read")
    (inbox / "outside-link.txt").symlink_to(outside / "secret.txt")
    (inbox / "outside-relative.pdf").symlink_to(Path("..") / "outside" / "secret.txt")
    (inbox / "inside-link.txt").symlink_to("note.txt")
    (inbox / "dangling.txt").symlink_to("gone.txt")
    return inbox, outside


@pytest.fixture(scope="module")
def inbox_run(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("untrusted")
    inbox, outside = _write_inbox(root)
    data = root / "data"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["run", "--inbox", str(inbox), "--data-dir", str(data)])
    return {"code": code, "inbox": inbox, "outside": outside, "data": data, "summary": out.getvalue()}


def _rows(data: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def _suffixed(name: str) -> str:
    return f"{document_id_for(Path(name))}-{hashlib.sha256(name.encode()).hexdigest()[:8]}"


def test_regular_files_are_published_or_rejected(inbox_run: dict) -> None:
    assert inbox_run["code"] == 0
    data = inbox_run["data"]
    published = dict(_rows(data, "select document_id, source_name from documents"))
    assert published == {"note": "note.txt", "a-b": "a b.txt", _suffixed("a-b.txt"): "a-b.txt",
                         _suffixed("report.txt"): "report.txt"}
    assert _rows(data, "select source_name, reason from rejected_documents") == [("report.pdf", "not a PDF")]


def test_colliding_names_each_get_an_id_and_a_line(inbox_run: dict) -> None:
    summary = inbox_run["summary"]
    assert f"a-b.txt -> {_suffixed('a-b.txt')} (a b.txt holds the id)" in summary
    assert f"report.txt -> {_suffixed('report.txt')} (report.pdf holds the id)" in summary
    values = sorted(v for (v,) in _rows(inbox_run["data"], "select value::integer from statistics"))
    assert values == [450, 451, 452, 453]  # nothing hidden behind another file's id


def test_every_other_entry_is_listed_as_ignored(inbox_run: dict) -> None:
    summary = inbox_run["summary"]
    assert "ignored:    7 (not read)" in summary
    for name, reason in [(".hidden.txt", "hidden file"), ("folder.txt", "folder"),
                         ("minutes.docx", "unsupported suffix"), ("outside-link.txt", LINK),
                         ("outside-relative.pdf", LINK), ("inside-link.txt", LINK),
                         ("dangling.txt", LINK)]:
        assert f"    {name}: {reason} (" in summary, name
    assert "dangling.txt: link: not read (symbolic link to nothing (dangling)" in summary
    # Every inbox entry is accounted for: an input (published or rejected) or ignored.
    outcomes = {o.source_name for o in ProcessedDocuments(inbox_run["data"]).outcomes().values()}
    ignored = {line.strip().split(":")[0] for line in summary.splitlines() if line.startswith("    ")
               and ": " in line and "->" not in line}
    assert outcomes | ignored >= {p.name for p in inbox_run["inbox"].iterdir()}
    # ... and the same entries, with their reasons, are a published table.
    table = dict(_rows(inbox_run["data"], "select source_name, reason from ignored_inputs"))
    assert table == {".hidden.txt": "hidden file", "folder.txt": "folder",
                     "minutes.docx": "unsupported suffix", "outside-link.txt": LINK,
                     "outside-relative.pdf": LINK, "inside-link.txt": LINK, "dangling.txt": LINK}


def test_nothing_from_outside_the_inbox_is_under_the_data_dir(inbox_run: dict) -> None:
    secret = (inbox_run["outside"] / "secret.txt").read_bytes()
    digest = hashlib.sha256(secret).hexdigest()
    for path in inbox_run["data"].rglob("*"):
        if path.is_file() and not path.is_symlink():
            content = path.read_bytes()
            assert SECRET.encode() not in content and digest.encode() not in content, path
    assert not any(
        "secret" in p.name or "link" in p.name for p in (inbox_run["data"] / "quarantine").iterdir()
    )
    assert _rows(inbox_run["data"], f"select count(*) from paragraphs where text like '%{SECRET}%'") == [(0,)]


def test_listing_never_follows_a_link(tmp_path: Path) -> None:
    inbox, _ = _write_inbox(tmp_path)
    listing = scan(inbox)
    assert [p.name for p in listing.files] == ["a b.txt", "a-b.txt", "note.txt", "report.pdf", "report.txt"]
    with pytest.raises(OSError):
        sha256_of(inbox / "outside-link.txt")
    files = DocumentStore(data_dir=str(tmp_path / "d"), inbox_dirs=[str(inbox)]).files()
    assert all(not path.is_symlink() for path in files.values())


def test_ids_are_deterministic_and_follow_the_names_only(tmp_path: Path) -> None:
    names = ["a b.txt", "a-b.txt", "A_B.pdf", "report.pdf", "report.txt"]
    first, _ = assign_ids([[tmp_path / n for n in sorted(names)]])
    again, renamed = assign_ids([[tmp_path / n for n in sorted(names)]])
    assert {k: v.name for k, v in first.items()} == {k: v.name for k, v in again.items()}
    assert len(first) == 5 and {r.source_name for r in renamed} == {"a b.txt", "a-b.txt", "report.txt"}
    # The same name in two inbox folders: both kept.
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    both, _ = assign_ids([[tmp_path / "one" / "x.txt"], [tmp_path / "two" / "x.txt"]])
    assert len(both) == 2


# Tampering -------------------------------------------------------------------------------


@pytest.fixture
def small_run(tmp_path: Path) -> tuple[Path, Path]:
    inbox, data = tmp_path / "inbox", tmp_path / "data"
    inbox.mkdir()
    (inbox / "note.txt").write_text(NOTE)
    assert main(["run", "--inbox", str(inbox), "--data-dir", str(data)]) == 0
    return inbox, data


@pytest.mark.parametrize("target", ["parquet", "duckdb"])
def test_a_tampered_snapshot_is_noticed_and_published_again(small_run, capsys, target: str) -> None:
    inbox, data = small_run
    before = read_manifest(data)
    folder = data / "snapshots" / before.snapshot_id
    victim = (folder / before.tables["statistics"].files[0].path if target == "parquet"
              else folder / before.warehouse.path)
    os.chmod(victim, 0o644)
    with open(victim, "r+b") as handle:  # one byte changed in place
        handle.seek(100)
        byte = handle.read(1)
        handle.seek(100)
        handle.write(bytes([byte[0] ^ 0xFF]))
    assert verify_snapshot(data)
    capsys.readouterr()
    assert main(["run", "--inbox", str(inbox), "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "tampered:" in out and "sha256 differs from the manifest" in out
    assert read_manifest(data).snapshot_id != before.snapshot_id
    assert verify_snapshot(data) == []
    assert _rows(data, "select count(*) from documents") == [(1,)]
    assert main(["run", "--inbox", str(inbox), "--data-dir", str(data)]) == 0
    assert "tampered:" not in capsys.readouterr().out


HOLD = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(300)"


def _hold_read_write(warehouse: Path) -> subprocess.Popen:
    """Another process with a read-write connection (and DuckDB's file lock) on it."""
    return subprocess.Popen([sys.executable, "-c", HOLD, str(warehouse)], stdout=subprocess.PIPE, text=True)


def test_a_busy_warehouse_lock_is_one_line_and_publishing_still_works(small_run, capsys) -> None:
    inbox, data = small_run
    before = read_manifest(data).snapshot_id
    warehouse = (data / "warehouse.duckdb").resolve()
    holder = _hold_read_write(warehouse)
    try:
        assert holder.stdout.readline().strip() == "held"
        (inbox / "second.txt").write_text(NOTE.replace("450", "460"))
        capsys.readouterr()
        assert main(["run", "--inbox", str(inbox), "--data-dir", str(data)]) == 0
        captured = capsys.readouterr()
        assert "Traceback" not in captured.out + captured.err
        assert read_manifest(data).snapshot_id != before  # published beside the locked file
    finally:
        holder.kill()
        holder.wait()
    assert _rows(data, "select count(*) from documents") == [(2,)]


def test_a_held_lock_line_is_one_line(small_run, capsys) -> None:
    """While another process holds the current warehouse read-write, the summary's counts
    are one line instead of a traceback."""
    inbox, data = small_run
    holder = _hold_read_write((data / "warehouse.duckdb").resolve())
    try:
        assert holder.stdout.readline().strip() == "held"
        capsys.readouterr()
        assert main(["run", "--inbox", str(inbox), "--data-dir", str(data)]) == 0
        out = capsys.readouterr().out
        counts = [line for line in out.splitlines() if "counts:" in line]
        assert len(counts) == 1 and "not available" in counts[0] and "lock" in counts[0].lower()
    finally:
        holder.kill()
        holder.wait()


# Processes -------------------------------------------------------------------------------


def _numbered_text(path: Path, megabytes: float) -> None:
    line = "{n}. In {y}, at least {v} States became parties to the Convention and the Protocol.\n"
    with path.open("w") as handle:
        n, size = 1, 0
        while size < megabytes * 1024 * 1024:
            text = line.format(n=n, y=2000 + n % 20, v=n % 190)
            handle.write(text)
            size += len(text)
            n += 1


def _group(pgid: int) -> list[int]:
    """Live processes in a process group (zombies do not count: they hold no resources)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, group = fields[0], int(fields[2])
        if group == pgid and state != "Z":
            found.append(int(entry.name))
    return found


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _start_run(inbox: Path, data: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "run", "--inbox", str(inbox), "--data-dir", str(data)],
        cwd=REPO, env={**os.environ, **env}, start_new_session=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.slow
def test_kill_9_of_a_run_leaves_no_process(tmp_path: Path) -> None:
    inbox, data = tmp_path / "inbox", tmp_path / "data"
    inbox.mkdir()
    for index in range(2):
        _numbered_text(inbox / f"big-{index}.txt", 6)
    run = _start_run(inbox, data, UNREPORTS_WORKERS="2")
    try:
        deadline = time.monotonic() + 120
        while not _children(run.pid):  # the forked readers are running
            assert run.poll() is None and time.monotonic() < deadline, run.communicate()
            time.sleep(0.1)
        time.sleep(1)
        assert _group(run.pid)
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
        deadline = time.monotonic() + 20
        while _group(run.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _group(run.pid) == []
    finally:
        for pid in _group(run.pid):
            os.kill(pid, signal.SIGKILL)
    # The next run cleans up and finishes.
    for path in inbox.iterdir():
        path.unlink()
    (inbox / "note.txt").write_text(NOTE)
    assert main(["run", "--inbox", str(inbox), "--data-dir", str(data)]) == 0


@pytest.mark.slow
def test_a_second_run_waits_for_the_first(tmp_path: Path) -> None:
    inbox, data = tmp_path / "inbox", tmp_path / "data"
    inbox.mkdir()
    data.mkdir()
    (inbox / "note.txt").write_text(NOTE)
    with open(data / RUN_LOCK, "w") as first:  # as the first run holds it
        fcntl.flock(first, fcntl.LOCK_EX)
        second = _start_run(inbox, data)
        selector = selectors.DefaultSelector()
        selector.register(second.stderr, selectors.EVENT_READ)
        assert selector.select(timeout=60), "no message from the waiting run"
        assert "another run is using" in second.stderr.readline()
        time.sleep(2)
        assert second.poll() is None  # still waiting
        assert not (data / "warehouse.duckdb").exists()
        fcntl.flock(first, fcntl.LOCK_UN)
    out, _ = second.communicate(timeout=300)
    assert second.returncode == 0 and "documents:  1" in out
    assert published_inputs(data) == {"note": sha256_of(inbox / "note.txt")}
