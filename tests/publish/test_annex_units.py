"""Generated reports with an annex, English and Arabic: the annex text reaches annex_units,
the body stays in paragraphs, annex headings point at no paragraph."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from unreports.documents import bundle
from unreports.fixtures.render import Block, ReportSpec, render_report
from unreports.publish import publish
from unreports.publish.tables import document_tables
from unreports.reading.pdf_document import read_pdf
from unreports.sources import describe
from unreports.structure.build import build_structure

# (chapter, two numbered paragraphs, annex heading, annex subheading, two blocks of annex text)
REPORTS = {
    "en": ("I. Introduction",
           ("1. The present report covers the period from 1 January to 31 March 2099.",
            "2. The mission deployed 40 observers to the northern sector."),
           "Annex", "Strength of the mission as at 31 March 2099",
           ("The observer group comprised 412 military observers from 23 contributing countries.",
            "A further 57 civilian staff supported the group in three regional offices.")),
    "ar": ("أولا - مقدمة",
           ("١ - يغطي هذا التقرير الفترة من ١ كانون الثاني/يناير إلى ٣١ آذار/مارس ٢٠٩٩.",
            "٢ - ونشرت البعثة ٤٠ مراقبا في القطاع الشمالي."),
           "المرفق", "قوام البعثة في ٣١ آذار/مارس ٢٠٩٩",
           ("ضم فريق المراقبين ٤١٢ مراقبا عسكريا من ٢٣ بلدا مساهما.",
            "ودعم الفريق ٥٧ موظفا مدنيا في ثلاثة مكاتب إقليمية.")),
}


def _spec(language: str) -> ReportSpec:
    chapter, paragraphs, annex, subheading, texts = REPORTS[language]
    blocks = (Block("chapter", chapter), *(Block("paragraph", p) for p in paragraphs),
              Block("chapter", annex), Block("subheading", subheading), *(Block("text", t) for t in texts))
    return ReportSpec(symbol="S/2099/77", language=language, original_language="English",
                      distribution_date=date(2099, 4, 10),
                      job_number="99-07777 (A)" if language == "ar" else "99-07777 (E)",
                      title="تقرير الأمين العام" if language == "ar" else "Report of the Secretary-General",
                      blocks=blocks)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("annexes")
    bundles = []
    for language in REPORTS:
        path = folder / f"S_2099_77-{language.upper()}.pdf"
        render_report(_spec(language), path)
        read = read_pdf(describe(path), path.read_bytes())
        bundles.append(bundle(read, build_structure(read)))
    # What a processing child hands on: the rows of every per-document table.
    for packed in bundles:
        assert document_tables(packed).tables["annex_units"].num_rows == len(packed.annex_units) > 0
    publish(bundles, [], folder / "data", code_version="test")
    return folder / "data" / "warehouse.duckdb"


@pytest.mark.parametrize("language", sorted(REPORTS))
def test_annex_text_reaches_annex_units(warehouse: Path, language: str) -> None:
    _, paragraphs, annex, subheading, texts = REPORTS[language]
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        [(document_id,)] = con.execute(
            "SELECT document_id FROM documents WHERE language = ?", [language]
        ).fetchall()
        units = con.execute("SELECT annex, ordinal, kind, text, page_start FROM annex_units "
                            "WHERE document_id = ? ORDER BY ordinal", [document_id]).fetchall()
        body = con.execute("SELECT number, text FROM paragraphs WHERE document_id = ? ORDER BY number",
                           [document_id]).fetchall()
        headings = con.execute(
            "SELECT level, label, title, before_paragraph FROM headings "
            "WHERE document_id = ? AND part = 'annex' ORDER BY \"order\"",
            [document_id],
        ).fetchall()
        [(count,)] = con.execute("SELECT annex_unit_count FROM documents_overview WHERE document_id = ?",
                                 [document_id]).fetchall()
    finally:
        con.close()
    assert units == [(annex, 1, "text", texts[0], 1), (annex, 2, "text", texts[1], 1)]
    assert count == 2
    assert [number for number, _ in body] == [1, 2]
    assert not any(t[:20] in text for _, text in body for t in texts)
    assert headings == [(0, annex, annex, None), (3, None, subheading, None)]
