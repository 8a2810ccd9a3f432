"""The seed OCR text of S/2017/939 through `unreports run` into the warehouse."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from pipelines.cli import main


def test_seed_through_the_pipeline(seed_path: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(seed_path, inbox / "S_2017_939-AR.txt")
    assert main(["run", "--inbox", str(inbox), "--data-dir", str(tmp_path / "data")]) == 0
    with duckdb.connect(str(tmp_path / "data" / "warehouse.duckdb"), read_only=True) as connection:
        document = connection.execute(
            "select document_id, symbol, language, original_language, published_on from documents").fetchall()
        assert [tuple(map(str, row)) for row in document] == [
            ("s-2017-939-ar", "S/2017/939", "ar", "en", "2017-11-10")]
        numbers = [row[0] for row in connection.execute(
            "select number from paragraphs order by number").fetchall()]
        assert numbers == list(range(1, 80))
        values = set(connection.execute(
            "select indicator, value::integer, paragraph_number from statistics where breakdown_of is null"
        ).fetchall())
        assert {("ratified_parties", 189, 14), ("child_bombers", 83, 9), ("rescued_hostages", 2050, 6),
                ("surveyed_migrants", 2000, 65)} <= values
