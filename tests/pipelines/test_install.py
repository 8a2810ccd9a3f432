"""A plain install (a built wheel, not the editable checkout) runs the pipeline: the SQL,
indicator files and package data travel with the package."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[2]
UV = Path(sys.executable).parent / "uv"
NOTE = "1. In 2020 the Task Force freed at least 450 hostages held by the group.\n2. The report ends here.\n"

pytestmark = pytest.mark.slow


def _run(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.mark.skipif(not UV.exists(), reason="uv (installed by make setup) is needed to build the environment")
def test_a_wheel_in_a_fresh_environment_runs_the_pipeline(tmp_path: Path) -> None:
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", REPO, "-w", tmp_path / "wheel")
    assert built.returncode == 0, built.stderr[-2000:]
    [wheel] = (tmp_path / "wheel").glob("unreports-*.whl")
    venv = tmp_path / "venv"
    assert _run(UV, "venv", "-q", "--python", sys.executable, venv).returncode == 0
    python = venv / "bin" / "python"
    installed = _run(UV, "pip", "install", "-q", "--python", python, "-r", REPO / "requirements.lock", wheel)
    assert installed.returncode == 0, installed.stderr[-2000:]

    inbox, data = tmp_path / "inbox", tmp_path / "data"
    inbox.mkdir()
    (inbox / "A_80_1-EN.txt").write_text(NOTE, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"  # not the checkout: nothing may be read from it
    elsewhere.mkdir()
    ran = _run(venv / "bin" / "unreports", "run", "--inbox", inbox, "--data-dir", data, cwd=elsewhere)
    assert ran.returncode == 0, ran.stderr[-2000:]
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as connection:
        assert connection.execute("select document_id from documents").fetchall() == [("a-80-1-en",)]
        assert connection.execute("select count(*) from paragraphs").fetchone()[0] == 2
    site = next((venv / "lib").glob("python3*/site-packages"))
    assert (site / "unreports" / "sql" / "001_tables.sql").is_file()
    assert not (site / "unreports" / "sql").is_symlink()
    shutil.rmtree(venv)
