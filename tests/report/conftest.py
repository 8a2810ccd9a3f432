"""A warehouse published from the bundled samples plus an Arabic OCR note, an English note
carrying HTML, and a file that is not a PDF; and headless Chromium (tests skip without it)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from pipelines.cli import main
from unreports.samples import render_samples

ARABIC_NOTE = "أولا - مقدمة\n١ - وحررت القوات ما لا يقل عن ٤٥٠ رهينة في عام ٢٠٢٠.\n٢ - وانتهى التقرير.\n"
HOSTILE_NOTE = (
    "I. Introduction <script>alert(1)</script>\n"
    "1. The Multinational Joint Task Force reported that its operations had freed more than 450 hostages "
    "<img src=x onerror=alert(2)> between 1 January and 31 March 2020.\n"
    "2. The report ends </p></section><script>alert(3)</script>.\n"
)
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync")
CHROMIUM_SECONDS = 120


@pytest.fixture(scope="session")
def published_data(tmp_path_factory) -> Path:
    """DATA_DIR after `unreports run` (publication writes DATA_DIR/report.html too)."""
    root = tmp_path_factory.mktemp("report-run")
    inbox, data = root / "inbox", root / "data"
    render_samples(inbox)
    (inbox / "not-a-report.pdf").write_bytes(b"<html>this is not a PDF</html>")
    (inbox / "short-note.txt").write_text(ARABIC_NOTE, encoding="utf-8")
    (inbox / "hostile-note.txt").write_text(HOSTILE_NOTE, encoding="utf-8")
    assert main(["run", "--inbox", str(inbox), "--data-dir", str(data)]) == 0
    return data


@pytest.fixture(scope="session")
def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("chromium is not installed (Debian: apt-get install -y chromium)")
    return found


Chromium = Callable[..., subprocess.CompletedProcess]


@pytest.fixture()
def chromium(chromium_path: str, tmp_path: Path) -> Chromium:
    """chromium(*args, url): headless, no network services, a fresh profile per call."""
    calls = iter(range(1_000))

    def run(*args: str) -> subprocess.CompletedProcess:
        profile = tmp_path / f"profile-{next(calls)}"
        result = subprocess.run([chromium_path, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                                check=False, capture_output=True, text=True, timeout=CHROMIUM_SECONDS)
        assert result.returncode == 0, result.stderr[-2000:]
        return result

    return run
