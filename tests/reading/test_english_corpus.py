"""Real English UN PDFs (../shared/corpus/en): furniture out of the body, metadata kept."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from tests.conftest import PRINTED_PARAGRAPHS
from tests.publish.test_dictionary import documented_values
from unreports.checks import numbering_problems
from unreports.documents import bundle
from unreports.publish import publish
from unreports.publish.tables import sql_files
from unreports.records import ReadDocument
from unreports.structure.build import StructuredDocument

JOB_NUMBER = re.compile(r"\b\d{2}-\d{5}\b")
BARCODE = re.compile(r"\*\s*\d{7}\s*\*")


@pytest.fixture(scope="module")
def corpus(english_structured: dict) -> dict[str, tuple[ReadDocument, StructuredDocument]]:
    return english_structured


def test_body_paragraphs_match_printed_numbering(corpus) -> None:
    for name, (_, structured) in corpus.items():
        expected = PRINTED_PARAGRAPHS[name]
        assert [p.number for p in structured.paragraphs] == list(range(1, expected + 1)), name


def test_no_furniture_inside_paragraphs(corpus) -> None:
    for name, (read, structured) in corpus.items():
        symbol = read.metadata.symbol
        for paragraph in structured.paragraphs:
            assert not JOB_NUMBER.search(paragraph.text), (name, paragraph.number)
            assert not BARCODE.search(paragraph.text), (name, paragraph.number)
            # The running symbol header never lands in the text (the symbol alone, as a header).
            assert f" {symbol} " not in f" {paragraph.text} ".replace(f"({symbol})", ""), (
                name,
                paragraph.number,
            )
        pages = read.metadata.page_count
        own_numbers = {(line.page, line.text) for line in read.lines if line.kind == "body"} & {
            (page, text)
            for page in range(1, pages + 1)
            for text in (str(page), f"{page}/{pages}", f"-{page}-")
        }
        assert not own_numbers, name


def test_metadata_from_furniture(corpus) -> None:
    for name, (read, _) in corpus.items():
        metadata = read.metadata
        assert metadata.symbol and name.startswith(metadata.symbol.replace("/", "_")), name
        assert metadata.published_on is not None, name
        assert metadata.original_language == "en", name
        assert metadata.language == "en", name
        assert metadata.job_number and metadata.job_number.endswith("(E)"), name


def test_paragraphs_do_not_break_at_page_ends(corpus) -> None:
    """A paragraph running over a page break keeps its text whole: no stub paragraphs."""
    for name, (_, structured) in corpus.items():
        for paragraph in structured.paragraphs:
            assert paragraph.number_source == "printed", (name, paragraph.number)
            assert len(paragraph.text) > 20, (name, paragraph.number)


def test_footnotes_are_separate_and_linked(corpus) -> None:
    _, structured = corpus["S_2025_257-EN.pdf"]
    notes = {f.marker: f for f in structured.footnotes}
    assert notes["1"].paragraph_number == 1
    assert "S/2018/451" in notes["1"].text
    assert not any("S/2018/451" in p.text for p in structured.paragraphs)


def test_headings_stay_out_of_paragraph_text(corpus) -> None:
    """Unnumbered subheadings (bold, underlined) become headings, not the tail of a paragraph."""
    for name, (_, structured) in corpus.items():
        for paragraph in structured.paragraphs:
            assert paragraph.text.rstrip().endswith((".", ":", ";", "”", ")", "¹", "²", "³")), (
                name, paragraph.number, paragraph.text[-60:])
    _, structured = corpus["S_2025_257-EN.pdf"]
    subheadings = [h.title for h in structured.headings if h.level == 3]
    assert subheadings == ["Inspections", "Seizure and disposal of prohibited items"]
    chapter_two = next(h for h in structured.headings if h.label == "II")
    assert chapter_two.title.endswith("2684 (2023) and 2733 (2024)")  # one heading over four lines


# --------------------------------------------------------------------------------------
# Annexes: published as annex_units, never as paragraphs


@pytest.fixture(scope="module")
def warehouse(corpus, tmp_path_factory) -> Path:
    """The corpus documents bundled and published like inbox files."""
    bundles = [bundle(read, structured) for read, structured in corpus.values()]
    data_dir = tmp_path_factory.mktemp("corpus-published") / "data"
    publish(bundles, [], data_dir, code_version="test")
    return data_dir / "warehouse.duckdb"


def _rows(warehouse: Path, sql: str, *parameters: object) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, list(parameters)).fetchall()
    finally:
        con.close()


DASHES = ("–", "-", "—")  # an empty table cell


def _figure(cell: str) -> int:
    return 0 if cell in DASHES else int(cell.replace(",", ""))


def test_annex_table_rows_and_notes_are_published(warehouse) -> None:
    document = "s-2013-220-en"
    numbers = [
        n
        for (n,) in _rows(
            warehouse, "SELECT number FROM paragraphs WHERE document_id = ? ORDER BY number", document
        )
    ]
    assert numbers == list(range(1, 125))
    units = _rows(warehouse, "SELECT annex, ordinal, kind, text FROM annex_units WHERE document_id = ? "
                             "ORDER BY ordinal", document)
    assert [u[1] for u in units] == list(range(1, len(units) + 1))
    assert {u[0] for u in units} == {"Annex"}
    cells = [u[3].split(" | ") for u in units if u[2] == "table_row"]
    countries = [c for c in cells if len(c) == 5 and all(x in DASHES or x.isdigit() for x in c[1:])]
    totals = [c for c in cells if c[0] == "Total"]
    assert len(countries) >= 30 and len(totals) == 1
    assert ["Bangladesh", "8", "20", "–", "28"] in countries
    # Troops, civilian police and the row totals add up to the printed Total row. (The military
    # observers do not: the PDF prints 46 for Mongolia, whose row total is 6.)
    for column in (2, 3, 4):
        assert sum(_figure(c[column]) for c in countries) == _figure(totals[0][column]), column
    notes = [u[3] for u in units if u[2] == "note"]
    assert [n[:2] for n in notes] == ["a ", "b ", "c "]
    assert "Authorized strength" in notes[0]
    # Annex text stays out of the body; annex headings point at no paragraph.
    assert _rows(warehouse, "SELECT count(*) FROM paragraphs WHERE text LIKE '%Authorized strength%'") == [
        (0,)
    ]
    assert _rows(
        warehouse, "SELECT count(*) FROM headings WHERE part = 'annex' AND before_paragraph IS NOT NULL"
    ) == [(0,)]
    assert _rows(
        warehouse,
        "SELECT count(*) FROM headings AS h WHERE before_paragraph IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM paragraphs AS p WHERE p.document_id = h.document_id "
        "AND p.number = h.before_paragraph)",
    ) == [(0,)]
    [(title,)] = _rows(
        warehouse, "SELECT DISTINCT annex_title FROM annex_text WHERE document_id = ?", document
    )
    assert title.startswith("Annex United Nations Mission for the Referendum in Western Sahara")


def test_several_annexes_publish_in_reading_order(warehouse) -> None:
    units = _rows(warehouse, "SELECT annex, ordinal, kind, text FROM annex_units WHERE document_id = ? "
                             "ORDER BY ordinal", "s-1996-112-en")
    assert [u[1] for u in units] == list(range(1, len(units) + 1))
    assert list(dict.fromkeys(u[0] for u in units)) == ["Annex I", "Annex II", "Annex III"]
    # Annex I is a cost estimate: its items add up to its total.
    estimate = [u[3].split(" | ") for u in units if u[0] == "Annex I" and u[2] == "table_row"]
    items, total = estimate[:-1], estimate[-1]
    assert total[0] == "Total" and len(items) >= 15
    assert sum(int(i[1].replace(" ", "")) for i in items) == int(total[1].replace(" ", ""))


def test_annex_kinds_are_the_documented_ones(warehouse, corpus) -> None:
    con = duckdb.connect()
    for script in sql_files():
        con.execute(script.read_text(encoding="utf-8"))
    [(comment,)] = con.execute("SELECT comment FROM duckdb_columns() WHERE table_name = 'annex_units' "
                               "AND column_name = 'kind'").fetchall()
    produced = {k for (k,) in _rows(warehouse, "SELECT DISTINCT kind FROM annex_units")}
    assert produced == documented_values(comment) == {"table_row", "note", "text"}
    # The numbering check sees the body paragraphs only, and they run 1..N.
    for name, (_, structured) in corpus.items():
        assert structured.annex or name not in ("S_2013_220-EN.pdf", "S_1996_112-EN.pdf")
        assert numbering_problems(structured.paragraphs) == [], name
