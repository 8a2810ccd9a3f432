"""`unreports run` end to end on a temporary data folder: samples, OCR text, a bad file."""

from __future__ import annotations

import json
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from assets import publication
from pipelines import cli
from pipelines.cli import main
from pipelines.definitions import STAGE_MODULES
from pipelines.jobs import PUBLICATION_ASSETS
from pipelines.partitions import documents
from pipelines.resources import default_resources

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


def _contents(data: Path) -> tuple[str, dict[str, str]]:
    manifest = json.loads((data / "manifest.json").read_text())
    return manifest["snapshot_id"], {t: e["content_sha256"] for t, e in manifest["tables"].items()}


def test_second_run_with_nothing_new_publishes_nothing(published: tuple[Path, Path], capsys) -> None:
    inbox, data = published
    before = _contents(data)
    assert main(["run", "--inbox", str(inbox), "--data-dir", str(data)]) == 0
    assert "0 processed" in capsys.readouterr().out
    assert _contents(data) == before  # the same snapshot still stands


def test_processing_again_gives_identical_contents(published: tuple[Path, Path], capsys,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A new code version or indicator registry reprocesses every input; unchanged rules
    must give the same rows, byte for byte, in a new snapshot."""
    inbox, data = published
    snapshot, contents = _contents(data)
    monkeypatch.setattr(cli, "pipeline_version", lambda: "next-version")
    assert main(["run", "--inbox", str(inbox), "--data-dir", str(data)]) == 0
    assert "4 processed" in capsys.readouterr().out  # two samples, the note, the bad file
    new_snapshot, new_contents = _contents(data)
    assert new_snapshot != snapshot
    assert new_contents == contents


def test_query_command_prints_the_result(published: tuple[Path, Path], capsys) -> None:
    _, data = published
    sql = "select indicator, count(*) as n from statistics group by indicator order by indicator"
    assert main(["query", sql, "--data-dir", str(data), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["indicator"] for row in rows] == sorted(
        ["ratified_parties", "child_bombers", "rescued_hostages", "surveyed_migrants"])
    assert all(row["n"] >= 1 for row in rows)


def test_a_registered_document_without_output_does_not_stop_publication(published: tuple[Path, Path]) -> None:
    """A partition added by the sensor whose run has not happened yet is left out."""
    inbox, data = published
    instance = cli._instance(data)
    instance.add_dynamic_partitions(documents.name, ["queued-document"])
    assets = dg.load_assets_from_modules(STAGE_MODULES, include_specs=True)
    result = dg.materialize(assets, selection=PUBLICATION_ASSETS, instance=instance,
                            resources=default_resources(str(data), [str(inbox)]), run_config=cli.QUIET)
    assert result.success
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as connection:
        assert connection.execute("select count(*) from documents").fetchone()[0] == 3


def test_failed_publication_exits_non_zero_and_is_retried(published: tuple[Path, Path], capsys,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    inbox, data = published
    before = _contents(data)
    monkeypatch.setattr(cli, "pipeline_version", lambda: "failing-version")

    def disk_full(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(publication, "publish", disk_full)
    assert main(["run", "--inbox", str(inbox), "--data-dir", str(data)]) == 1
    assert "FAILED: publication" in capsys.readouterr().err
    assert _contents(data) == before  # the last good snapshot stands
    monkeypatch.undo()
    monkeypatch.setattr(cli, "pipeline_version", lambda: "failing-version")
    assert main(["run", "--inbox", str(inbox), "--data-dir", str(data)]) == 0
    assert "4 processed" in capsys.readouterr().out  # not marked done by the failed run
