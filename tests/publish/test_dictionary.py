"""The data dictionary is complete, the committed copy is current, and the values it
enumerates are the values the code produces."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from fpdf import FPDF

from tests.statistics.sentences import CASES, MEASURE_CASES
from unreports.publish.dictionary import DICTIONARY_PATH, render_data_dictionary
from unreports.publish.tables import ALL_TABLES, sql_files
from unreports.reading.ocr_text import read_text
from unreports.reading.pdf_document import read_pdf
from unreports.records import Paragraph
from unreports.sources import describe
from unreports.statistics.extract import extract_statistics
from unreports.statistics.mentions import numeric_mentions
from unreports.statistics.provenance import OcrEvidence
from unreports.statistics.registry import load_registry

VIEWS = ("indicator_values", "paragraph_text", "annex_text", "documents_overview")


def test_committed_dictionary_is_current() -> None:
    # On failure: python -m unreports.publish.dictionary
    assert DICTIONARY_PATH.read_text(encoding="utf-8") == render_data_dictionary()


def test_every_table_view_and_column_is_described() -> None:
    con = duckdb.connect()
    for script in sql_files():
        con.execute(script.read_text(encoding="utf-8"))
    undescribed = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() "
        "WHERE NOT internal AND coalesce(trim(comment), '') = ''"
    ).fetchall()
    assert undescribed == []
    objects = con.execute(
        "SELECT table_name, comment FROM duckdb_tables() WHERE NOT internal "
        "UNION ALL SELECT view_name, comment FROM duckdb_views() WHERE NOT internal"
    ).fetchall()
    assert {name for name, _ in objects} == {spec.name for spec in ALL_TABLES} | set(VIEWS)
    assert all(comment for _, comment in objects)


def test_dictionary_lists_every_column() -> None:
    text = render_data_dictionary()
    for spec in ALL_TABLES:
        assert f"### `{spec.name}`" in text
        for column in spec.columns:
            assert f"| `{column}` |" in text
    for view in VIEWS:
        assert f"### `{view}`" in text
    assert "Primary key: `document_id`, `number`." in text


# Columns whose comment enumerates their values: the documented set must be exactly what
# the code produces over the published samples and generated sentences (below), so the
# dictionary cannot promise a value that never comes, nor leave one out.
ENUMERATED = (
    ("numeric_mentions", "kind"),
    ("numeric_mentions", "qualifier"),
    ("statistics", "qualifier"),
    ("statistics", "measure"),
    ("statistics", "flags"),
    ("citations", "kind"),
    ("documents", "text_source"),
)
# Sentences in our own words that exercise every kind, qualifier and doubt.
GENERATED = (
    ("en", "The 72nd session approved US$ 5 million and 3.5 per cent of 2.5 tonnes under article 10."),
    ("en", "Up to 40 people, fewer than 9 boys and nearly 5 girls arrived in 2029 "
           "(see resolution 2331 (2016))."),
    ("ar", "ووافقت الدورة على ٥ ملايين دولار وعلى ٣٫٥ في المائة بموجب المادة ١٠ في عام ٢٠٢٩."),
    ("en", "Up to 40 hostages were freed, and fewer than 9 children were used in suicide attacks."),
    ("en", "As at 31 February 2024, 181 States were parties to the Protocol "
           "and 175 States were parties to the Protocol."),
)


def documented_values(comment: str) -> set[str]:
    """'a (note), b or c (note). More.' -> {a, b, c}; a list after a colon: 'Doubts: a, b.'"""
    plain = re.sub(r"\([^()]*\)", "", comment)
    first = plain.split(". ")[0].rstrip(".")
    listed = first.rsplit(":", 1)[-1]
    return {v.strip() for v in re.split(r",|\bor\b", listed) if v.strip()}


def produced_values(warehouse: Path, table: str, column: str) -> set[str]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        kind = con.execute(f"SELECT data_type FROM duckdb_columns() WHERE table_name = '{table}' "
                           f"AND column_name = '{column}'").fetchone()[0]
        expression = f"unnest({column})" if kind.endswith("[]") else column
        found = {v for (v,) in con.execute(f"SELECT DISTINCT {expression} FROM {table}").fetchall() if v}
    finally:
        con.close()
    registry = load_registry()
    for language, text in [*GENERATED, *((c[0], c[1]) for c in CASES + MEASURE_CASES)]:
        paragraph = Paragraph("t", 1, "printed", None, None, text, text, 1, 1, 0, len(text))
        if table == "numeric_mentions":
            found |= {getattr(m, column) for m in numeric_mentions([paragraph], [], language)}
        if table == "statistics":
            # Read from a page we OCR'd, with the engine unsure of every number's word.
            doubtful = OcrEvidence(
                "ocr", {1: "ocr"}, {1: frozenset(re.findall(r"[\d٠-٩][\d٠-٩,.٬٫]*", text))}
            )
            for evidence in (None, doubtful):
                for statistic in extract_statistics(
                    [paragraph], [], [], registry, language, evidence=evidence
                ):
                    value = getattr(statistic, column)
                    found |= set(value) if column == "flags" else {value}
    if (table, column) == ("documents", "text_source"):
        found.add(
            read_text(describe_text(warehouse.parent / "ocr.txt"), OCR_TEXT.encode()).metadata.text_source
        )
        found.add(
            read_pdf(describe_pdf(warehouse.parent / "capture.pdf"), ocr_layer_pdf()).metadata.text_source
        )
    return found


def ocr_layer_pdf() -> bytes:
    """A page of text whose PDF names an OCR program as its creator: an OCR layer."""
    pdf = FPDF()
    pdf.set_creator("Acrobat Capture Server 2.01")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, "1. A paragraph of a scanned letter, read by the OCR of its time.")
    return bytes(pdf.output())


def describe_pdf(path: Path):
    path.write_bytes(ocr_layer_pdf())
    return describe(path)


OCR_TEXT = "symbol: S/2030/1\nlanguage: en\n---\n1. A paragraph read by OCR.\n"


def describe_text(path: Path):
    path.write_text(OCR_TEXT, encoding="utf-8")
    return describe(path)


@pytest.mark.parametrize(("table", "column"), ENUMERATED, ids=lambda v: v)
def test_enumerated_values_are_the_ones_produced(samples_warehouse: Path, table: str, column: str) -> None:
    con = duckdb.connect()
    for script in sql_files():
        con.execute(script.read_text(encoding="utf-8"))
    [(comment,)] = con.execute(
        "SELECT comment FROM duckdb_columns() WHERE table_name = ? AND column_name = ?", [table, column]
    ).fetchall()
    assert documented_values(comment) == produced_values(samples_warehouse, table, column)


def test_documented_values_parser() -> None:
    assert documented_values("a (x, y), b_c or d (z). Not e, f.") == {"a", "b_c", "d"}
    assert documented_values("Doubts: p (q: r), s. More.") == {"p", "s"}


def test_unit_and_number_as_printed_are_as_documented(samples_warehouse: Path) -> None:
    con = duckdb.connect(str(samples_warehouse), read_only=True)
    # statistics.unit: never NULL; paragraphs.number_as_printed: NULL only for inferred numbers.
    assert con.execute("SELECT count(*) FROM statistics WHERE unit IS NULL").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM paragraphs WHERE (number_as_printed IS NULL) "
                       "<> (number_source = 'inferred')").fetchone() == (0,)
    # documents: the rendered samples are born-digital two-page PDFs.
    assert con.execute(
        "SELECT DISTINCT text_source, pages_declared, page_count FROM documents"
    ).fetchall() == [("text_layer", 2, 2)]
    # paragraphs.text keeps Arabic-Indic digits in the Arabic version.
    [(arabic,)] = con.execute(
        "SELECT text FROM paragraphs WHERE document_id LIKE '%-ar' AND number = 6"
    ).fetchall()
    assert "١٩٢" in arabic and "192" not in arabic
    con.close()
