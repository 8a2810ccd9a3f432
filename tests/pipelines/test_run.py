"""`unreports run` end to end on a temporary data folder: samples, OCR text, a bad file."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from pipelines.cli import main

TABLES = ("documents", "paragraphs", "footnotes", "statistics", "rejected_documents")


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("run")
    inbox, data = root / "inbox", root / "data"
    inbox.mkdir()
    (inbox / "not-a-report.pdf").write_bytes(b"<html>this is not a PDF</html>")
    (inbox / "short-note.txt").write_text(
        "أولا - مقدمة\n١ - وحررت القوات ما لا يقل عن ٤٥٠ رهينة في عام ٢٠٢٠.\n٢ - وانتهى التقرير.\n",
        encoding="utf-8")
    assert main(["run", "--inbox", str(inbox), "--data-dir", str(data)]) == 0
    return inbox, data


def test_tables_hold_rows(published: tuple[Path, Path]) -> None:
    _, data = published
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as connection:
        counts = {t: connection.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}
        assert counts["documents"] == 3  # two samples and the note
        assert counts["paragraphs"] >= 22 and counts["footnotes"] >= 2 and counts["statistics"] >= 10
        assert counts["rejected_documents"] == 1
        reason = connection.execute("select reason from rejected_documents").fetchone()[0]
        assert reason == "not a PDF"
        indicators = {row[0] for row in connection.execute("select distinct indicator from statistics").fetchall()}
        assert indicators == {"ratified_parties", "child_bombers", "rescued_hostages", "surveyed_migrants"}
        missing = connection.execute(
            "select count(*) from indicator_values where paragraph_number is null or quote = ''").fetchone()[0]
        assert missing == 0
    assert (data / "quarantine").is_dir() and any((data / "quarantine").iterdir())


def test_parquet_readable_by_duckdb(published: tuple[Path, Path]) -> None:
    _, data = published
    for table in TABLES:
        rows = duckdb.sql(
            f"select count(*) from read_parquet('{data}/parquet/{table}/**/*.parquet', hive_partitioning=true)"
        ).fetchall()[0][0]
        assert rows > 0, table


def test_second_run_is_a_no_op_with_identical_content(published: tuple[Path, Path], capsys) -> None:
    inbox, data = published
    before = json.loads((data / "manifest.json").read_text())
    assert main(["run", "--inbox", str(inbox), "--data-dir", str(data)]) == 0
    after = json.loads((data / "manifest.json").read_text())
    assert "0 processed" in capsys.readouterr().out
    assert {t: e["content_sha256"] for t, e in before["tables"].items()} == {
        t: e["content_sha256"] for t, e in after["tables"].items()}
