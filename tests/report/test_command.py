"""`unreports report` (pipelines/report_command.py) and the evidence_report asset's file."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from pipelines.report_command import add_report_parser, run_report


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="unreports")
    add_report_parser(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(argv)


def test_every_argument_has_help() -> None:
    parser = argparse.ArgumentParser(prog="unreports")
    report = add_report_parser(parser.add_subparsers(dest="command"))
    assert all(action.help for action in report._actions)
    with pytest.raises(SystemExit):
        _parse(["report"])  # --out is required


def test_report_command_writes_the_same_page_as_the_asset(
    published_data: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "sub" / "evidence.html"
    assert run_report(_parse(["report", "--out", str(out), "--data-dir", str(published_data)])) == 0
    assert "values written to" in capsys.readouterr().out
    # The asset rendered DATA_DIR/report.html after publication; the same warehouse, the same bytes.
    assert out.read_bytes() == (published_data / "report.html").read_bytes()
    assert [p.name for p in out.parent.iterdir()] == ["evidence.html"]  # no temporary file left


@pytest.mark.parametrize("case", ["no warehouse", "not a database", "out is a folder"])
def test_errors_are_one_line_and_exit_2(case: str, tmp_path: Path, capsys) -> None:
    data = tmp_path / "data"
    data.mkdir()
    out = tmp_path / "report.html"
    if case == "not a database":
        (data / "warehouse.duckdb").write_bytes(b"this is not a DuckDB file" * 100)
    if case == "out is a folder":
        (data / "warehouse.duckdb").write_bytes(b"")
        out = tmp_path
    assert run_report(_parse(["report", "--out", str(out), "--data-dir", str(data)])) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("unreports: ") and captured.err.count("\n") == 1
    assert not (tmp_path / "report.html").exists()
