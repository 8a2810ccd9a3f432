"""run_query formats, read-only access, the analyst views and the example queries."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from pathlib import Path

import duckdb
import pytest

from pipelines.cli import main
from unreports.publish import run_query
from unreports.publish.query import QueryError
from unreports.publish.tables import SQL_DIR

EXAMPLES = sorted((SQL_DIR / "examples").glob("*.sql"))


def _warehouse(published) -> Path:
    data_dir, _ = published
    return data_dir / "warehouse.duckdb"


def test_table_format_is_aligned(published) -> None:
    out = run_query(
        _warehouse(published),
        "SELECT symbol, language, page_count, reissue_note FROM documents ORDER BY language",
    )
    lines = out.splitlines()
    assert lines[0].split() == ["symbol", "language", "page_count", "reissue_note"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert lines[-1] == "(2 rows)"
    en = lines[3]
    assert en.startswith("S/2017/939  en") and en.endswith("NULL")
    # Numbers right-aligned under their header: both end in the same column.
    assert lines[0].index("page_count") + len("page_count") == re.search(r" 3 ", en).start() + 2


def test_table_width_ignores_arabic_combining_marks(published) -> None:
    out = run_query(
        _warehouse(published), "SELECT 'مُحَمَّد' AS name, 1 AS n UNION ALL SELECT 'abcd', 22 ORDER BY n"
    )
    visible = ["".join(ch for ch in row if not unicodedata.combining(ch)) for row in out.splitlines()[2:4]]
    assert visible == ["محمد   1", "abcd  22"]


def test_csv_round_trips(published) -> None:
    out = run_query(
        _warehouse(published), "SELECT document_id, value, unit FROM statistics ORDER BY ALL", "csv"
    )
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["document_id", "value", "unit"]
    assert len(rows) == 9
    assert ["s-2017-939-ar", "1.5000", "percent"] in rows
    assert ["s-2017-939-ar", "22.0000", ""] in rows  # NULL is an empty field


def test_json_keeps_decimals_exact_and_dates_iso(published) -> None:
    out = run_query(
        _warehouse(published),
        "SELECT value, as_of, flags FROM statistics WHERE indicator = 'ratified_parties' "
        "ORDER BY document_id",
        "json",
    )
    assert json.loads(out)[0] == {"value": "173.0000", "as_of": "2017-06-01", "flags": []}


def test_connection_is_read_only(published) -> None:
    with pytest.raises(QueryError, match="read-only"):
        run_query(_warehouse(published), "DELETE FROM documents")
    assert "(2 rows)" in run_query(_warehouse(published), "SELECT * FROM documents")


def test_empty_result_keeps_its_header(published) -> None:
    out = run_query(_warehouse(published), "SELECT symbol, page_count FROM documents WHERE false")
    assert out.splitlines()[0].split() == ["symbol", "page_count"]
    assert out.splitlines()[-1] == "(0 rows)"
    assert run_query(_warehouse(published), "SELECT 1 AS a WHERE false", "csv") == "a\n"
    assert run_query(_warehouse(published), "SELECT 1 AS a WHERE false", "json") == "[]\n"


def test_unknown_format_is_refused(published) -> None:
    with pytest.raises(ValueError, match="format"):
        run_query(_warehouse(published), "SELECT 1", "xml")


def test_paragraph_text_tells_repeated_section_labels_apart(published) -> None:
    out = run_query(
        _warehouse(published),
        "SELECT number, chapter_title, section_title FROM paragraph_text WHERE language = 'en' "
        "ORDER BY number",
        "json",
    )
    assert [(r["number"], r["chapter_title"], r["section_title"]) for r in json.loads(out)] == [
        (1, "Introduction", None),
        (2, "Introduction", "Ratifications"),
        (3, "Children", "Violations"),
        (4, "Children", "Violations"),
    ]


def test_views_count_and_join(published) -> None:
    overview = json.loads(
        run_query(_warehouse(published), "SELECT * FROM documents_overview ORDER BY 1", "json")
    )
    assert [
        (r["language"], r["paragraph_count"], r["annex_unit_count"], r["footnote_count"],
         r["statistic_count"])
        for r in overview
    ] == [
        ("ar", 4, 3, 2, 4),
        ("en", 4, 3, 2, 4),
    ]
    values = json.loads(
        run_query(_warehouse(published), "SELECT DISTINCT symbol, published_on FROM indicator_values", "json")
    )
    assert values == [{"symbol": "S/2017/939", "published_on": "2017-11-09"}]


def test_annex_text_view_names_the_annex_heading(published) -> None:
    rows = json.loads(run_query(
        _warehouse(published),
        "SELECT language, annex, annex_title, ordinal, kind FROM annex_text ORDER BY language, ordinal",
        "json",
    ))
    english = [(r["annex"], r["annex_title"], r["ordinal"], r["kind"]) for r in rows if r["language"] == "en"]
    assert english == [
        ("Annex I", "Annex I Children", 1, "table_row"),
        ("Annex I", "Annex I Children", 2, "note"),
        ("Annex I", "Annex I Children", 3, "text"),
    ]
    assert {r["annex_title"] for r in rows if r["language"] == "ar"} == {"المرفق الأول الأطفال"}


def _declared_columns(script: str) -> list[str]:
    match = re.search(r"^-- Columns: (.+)$", script, re.MULTILINE)
    assert match, "each example starts with a comment naming its columns"
    return [c.strip() for c in match.group(1).split(",")]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_queries_return_their_declared_columns(samples_warehouse: Path, example: Path) -> None:
    script = example.read_text(encoding="utf-8")
    assert script.startswith("--")
    rows = list(csv.reader(io.StringIO(run_query(samples_warehouse, script, "csv"))))
    assert rows[0] == _declared_columns(script)
    assert len(rows) > 1, "the example finds something in the published samples"


def test_there_are_three_or_four_examples() -> None:
    assert 3 <= len(EXAMPLES) <= 4


# Each must fail before touching anything outside the warehouse: external access is off and
# the configuration locked before the user's SQL runs.
FORBIDDEN = {
    "copy": "COPY documents TO '{out}/copy.csv'",
    "export": "EXPORT DATABASE '{out}/export'",
    "read_text": "SELECT * FROM read_text('/etc/hostname')",
    "read_csv": "SELECT * FROM read_csv('/etc/passwd')",
    "glob": "SELECT * FROM glob('/*')",
    "install": "INSTALL httpfs",
    "load": "LOAD httpfs",
    "attach": "ATTACH '{out}/other.duckdb'",
    "create": "CREATE TABLE t (a INTEGER)",
    "insert": "INSERT INTO snapshot VALUES ('x', now(), 'y')",
    "unlock": "SET enable_external_access = true",
    "then_copy": "SET lock_configuration = false; COPY documents TO '{out}/copy2.csv'",
    "bad_sql": "SELEC 1",
    "empty": "   ",
    "comment_only": "-- nothing here",
}


@pytest.mark.parametrize("name", sorted(FORBIDDEN))
def test_forbidden_queries_fail_in_one_line_with_exit_2(published, tmp_path: Path, capsys, name: str) -> None:
    data_dir, _ = published
    out = tmp_path / "out"
    out.mkdir()
    sql = FORBIDDEN[name].format(out=out)
    assert main(["query", sql, "--data-dir", str(data_dir)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("unreports: "), captured.err
    assert "Traceback" not in captured.err
    assert list(out.iterdir()) == []  # nothing written anywhere
    assert (data_dir / "warehouse.duckdb").is_file()


def test_a_missing_warehouse_is_one_line_and_exit_2(tmp_path: Path, capsys) -> None:
    assert main(["query", "select 1", "--data-dir", str(tmp_path / "nothing")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no warehouse" in err
    assert not (tmp_path / "nothing").exists()


def test_query_from_a_file_in_every_format(published, tmp_path: Path, capsys) -> None:
    data_dir, _ = published
    query = tmp_path / "q.sql"
    query.write_text("-- two documents\nSELECT document_id, language FROM documents ORDER BY language;\n")
    assert main(["query", "--file", str(query), "--data-dir", str(data_dir)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "(2 rows)"
    assert main(["query", "--file", str(query), "--format", "csv", "--data-dir", str(data_dir)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "document_id,language"
    target = tmp_path / "out.json"
    assert main(["query", "--file", str(query), "--format", "json", "--output", str(target),
                 "--data-dir", str(data_dir)]) == 0
    assert capsys.readouterr().out == ""
    assert [row["language"] for row in json.loads(target.read_text())] == ["ar", "en"]
    parquet = tmp_path / "out.parquet"
    assert main(["query", "--file", str(query), "--format", "parquet", "--output", str(parquet),
                 "--data-dir", str(data_dir)]) == 0
    assert duckdb.sql(f"select count(*) from read_parquet('{parquet}')").fetchall() == [(2,)]


def test_query_usage_errors(published, tmp_path: Path, capsys) -> None:
    data_dir, _ = published
    for argv in (["query", "select 1", "--format", "parquet"],  # parquet needs --output
                 ["query", "--file", str(tmp_path / "missing.sql")],
                 ["query", "select 1", "--file", str(tmp_path / "q.sql")],  # one or the other
                 ["query"],
                 ["query", "select 1", "--output", str(tmp_path / "no" / "such" / "folder.csv")]):
        assert main([*argv, "--data-dir", str(data_dir)]) == 2, argv
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err, (argv, err)


def test_every_argument_of_every_command_has_help() -> None:
    import argparse

    from pipelines.cli import _parser

    def walk(parser):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for choice in action.choices.values():
                    yield from walk(choice)
            else:
                yield parser.prog, action

    missing = [f"{prog} {action.dest}" for prog, action in walk(_parser())
               if not action.help or action.help == argparse.SUPPRESS]
    assert missing == []
    commands = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert set(commands.choices) == {"run", "query", "report"}
    assert all(choice.help for choice in commands._choices_actions)
