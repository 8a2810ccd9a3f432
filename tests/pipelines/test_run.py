"""`unreports run` end to end on a temporary data folder: an inbox of an OCR text note and
a bad file publishes exactly those; the samples demo publishes into a folder of its own."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from assets import documents, publication
from pipelines import cli
from pipelines.cli import main
from unreports.processed import ProcessedDocuments

TABLES = ("documents", "paragraphs", "statistics", "rejected_documents")
NOTE = "أولا - مقدمة\n١ - وحررت القوات ما لا يقل عن ٤٥٠ رهينة في عام ٢٠٢٠.\n٢ - وانتهى التقرير.\n"


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("run")
    inbox, data = root / "inbox", root / "data"
    inbox.mkdir()
    (inbox / "not-a-report.pdf").write_bytes(b"<html>this is not a PDF</html>")
    (inbox / "short-note.txt").write_text(NOTE, encoding="utf-8")
    assert main(["run", "--inbox", str(inbox), "--data-dir", str(data)]) == 0
    return inbox, data


def _count(data: Path, sql: str) -> object:
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as connection:
        return connection.execute(sql).fetchone()[0]


def test_an_inbox_publishes_its_documents_only(published: tuple[Path, Path]) -> None:
    _, data = published
    assert _count(data, "select count(*) from documents") == 1
    assert _count(data, "select document_id from documents") == "short-note"
    assert _count(data, "select count(*) from paragraphs") == 2
    assert _count(data, "select count(*) from rejected_documents") == 1
    assert _count(data, "select reason from rejected_documents") == "not a PDF"
    assert _count(data, "select value::integer from statistics where indicator = 'rescued_hostages'") == 450
    assert (data / "quarantine").is_dir() and any((data / "quarantine").iterdir())


def test_every_input_has_one_outcome(published: tuple[Path, Path]) -> None:
    inbox, data = published
    outcomes = ProcessedDocuments(data).outcomes()
    assert {o.source_name for o in outcomes.values()} == {p.name for p in inbox.iterdir()}


def test_parquet_readable_by_duckdb(published: tuple[Path, Path]) -> None:
    _, data = published
    for table in TABLES:
        rows = duckdb.sql(
            f"select count(*) from read_parquet('{data}/parquet/{table}/**/*.parquet', "
            "hive_partitioning=true)"
        ).fetchall()[0][0]
        assert rows > 0, table


def test_runs_are_named_jobs_over_partitions(published: tuple[Path, Path]) -> None:
    _, data = published
    instance = cli._instance(data.resolve())
    runs = instance.get_run_records()
    names = {record.dagster_run.job_name for record in runs}
    assert names == {"process_document", "publish_snapshot"}
    document_run = next(r.dagster_run for r in runs if r.dagster_run.job_name == "process_document")
    assert document_run.tags["dagster/asset_partition_range_start"] == "not-a-report"
    assert document_run.tags["dagster/asset_partition_range_end"] == "short-note"
    keys = instance.get_materialized_partitions(__import__("dagster").AssetKey("processed_document"))
    assert keys == {"not-a-report", "short-note"}


def _new_pipeline_version(monkeypatch: pytest.MonkeyPatch, version: str) -> None:
    """As after a code or indicator-registry change (every module that asks for it)."""
    for module in (cli, documents, publication):
        monkeypatch.setattr(module, "pipeline_version", lambda: version)


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
    _new_pipeline_version(monkeypatch, "next-version")
    assert main(["run", "--inbox", str(inbox), "--data-dir", str(data)]) == 0
    assert "2 processed" in capsys.readouterr().out  # the note and the bad file
    new_snapshot, new_contents = _contents(data)
    assert new_snapshot != snapshot
    assert new_contents == contents


def test_failed_publication_exits_non_zero_and_is_retried(published: tuple[Path, Path], capsys,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    inbox, data = published
    before = _contents(data)
    _new_pipeline_version(monkeypatch, "failing-version")

    def disk_full(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(publication, "publish", disk_full)
    assert main(["run", "--inbox", str(inbox), "--data-dir", str(data)]) == 1
    assert "FAILED: publication" in capsys.readouterr().err
    assert _contents(data) == before  # the last good snapshot stands
    monkeypatch.setattr(publication, "publish", cli_publish := __import__(
        "unreports.publish.snapshot", fromlist=["publish"]).publish)
    assert cli_publish
    # Nothing to process again (the documents are processed), but the snapshot is behind.
    assert main(["run", "--inbox", str(inbox), "--data-dir", str(data)]) == 0
    assert _contents(data) != before


def test_a_removed_input_leaves_the_next_snapshot(tmp_path: Path, capsys) -> None:
    inbox, data = tmp_path / "inbox", tmp_path / "data"
    inbox.mkdir()
    for name in ("a.txt", "b.txt"):
        (inbox / name).write_text(NOTE, encoding="utf-8")
    assert main(["run", "--inbox", str(inbox), "--data-dir", str(data)]) == 0
    (inbox / "b.txt").unlink()
    assert main(["run", "--inbox", str(inbox), "--data-dir", str(data)]) == 0
    assert "withdrawn:  1 (input file gone): b" in capsys.readouterr().out
    assert _count(data, "select string_agg(document_id) from documents") == "a"
    assert set(ProcessedDocuments(data).outcomes()) == {"a"}


def test_usage_errors_are_one_line_and_exit_2(tmp_path: Path, capsys) -> None:
    assert main(["run", "--inbox", str(tmp_path / "does-not-exist"), "--data-dir", str(tmp_path / "d")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does-not-exist" in err and "Traceback" not in err
    assert main(["run", "--samples", "--inbox", str(tmp_path), "--data-dir", str(tmp_path / "d")]) == 2
    assert not (tmp_path / "d" / "warehouse.duckdb").exists()


def test_the_samples_demo_publishes_in_its_own_folder(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    assert main(["run", "--samples", "--data-dir", str(data)]) == 0
    ids = _count(data, "select string_agg(document_id order by document_id) from documents")
    assert ids == "s-2030-512-ar,s-2030-512-en"
    assert sorted(p.name for p in (data / "inbox").iterdir()) == ["s-2030-512-ar.pdf", "s-2030-512-en.pdf"]


def test_a_progress_line_per_document_unless_quiet(tmp_path: Path, capsys) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("a.txt", "b.txt"):
        (inbox / name).write_text(NOTE, encoding="utf-8")
    (inbox / "c.pdf").write_bytes(b"not a pdf at all")
    assert main(["run", "--inbox", str(inbox), "--data-dir", str(tmp_path / "data")]) == 0
    err = capsys.readouterr().err
    lines = [line.strip() for line in err.splitlines() if line.strip().split(" ")[0].endswith("/3")]
    assert len(lines) == 3, err
    assert any(line.startswith(f"{i}/3 ") for i in (1, 2, 3) for line in lines)
    assert any("c: rejected: not a PDF" in line for line in lines)
    (inbox / "a.txt").write_text(NOTE + "٣ - فقرة جديدة.\n", encoding="utf-8")
    assert main(["run", "--quiet", "--inbox", str(inbox), "--data-dir", str(tmp_path / "data")]) == 0
    captured = capsys.readouterr()
    assert "1/1" not in captured.err and "1 processed" in captured.out


def test_version_names_the_commit_and_the_pipeline(capsys) -> None:
    from unreports.documents import pipeline_version

    assert main(["--version"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("unreports ") and "commit " in out
    assert f"pipeline {pipeline_version()}" in out


def test_check_results_are_per_document_and_skip_rejected_ones(published: tuple[Path, Path]) -> None:
    import dagster as dg

    _, data = published
    instance = cli._instance(data.resolve())
    run = next(r.dagster_run for r in instance.get_run_records()
               if r.dagster_run.job_name == "process_document")
    evaluations = [record.event_log_entry.dagster_event.event_specific_data
                   for record in instance.get_records_for_run(
                       run.run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION).records]
    per_partition = [e for e in evaluations if e.partition is not None]
    assert {e.partition for e in per_partition} == {"short-note"}  # the rejected file has none
    assert {e.check_name for e in per_partition} == {
        "paragraph_numbers_are_consecutive", "statistics_are_consistent", "indicators_found_where_mentioned"}
    assert all(e.metadata["document"].value == "short-note" for e in per_partition)
    summaries = [e for e in evaluations if e.partition is None]
    assert all(e.metadata["documents_skipped_rejected"].value == "not-a-report" for e in summaries)
