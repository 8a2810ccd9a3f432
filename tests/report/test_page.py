"""The report page from small hand-made warehouses: escaping, direction, offsets that do not
fit, missing footnotes, undated values, empty warehouses."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from tests.report.dom import parse
from unreports.report import build_report
from unreports.report.page import evidence_anchor, indicator_id

REPO = Path(__file__).resolve().parents[2]
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>&amp;'
AR_TEXT = "وحتى ٢٨ شباط/فبراير ٢٠٣٠، بلغ عدد الدول الأطراف ١٩٢ دولة."


@pytest.fixture()
def con():
    connection = duckdb.connect()
    connection.execute((REPO / "sql" / "001_tables.sql").read_text(encoding="utf-8"))
    connection.execute("insert into snapshot (snapshot_id, created_at, code_version) "
                       "values ('20300101T000000Z-abc', '2030-01-01 00:00:00', 'test')")
    yield connection
    connection.close()


def _document(con, document_id: str, language: str, title: str, warnings: list[str] = ()) -> None:
    con.execute("insert into documents (document_id, symbol, language, title, published_on, text_source, "
                "warnings) values (?, ?, ?, ?, ?, 'text_layer', ?)",
                [document_id, "S/2030/1", language, title, date(2030, 3, 1), list(warnings)])


def _paragraph(con, document_id: str, number: int, text: str) -> None:
    con.execute(
        "insert into paragraphs (document_id, number, text) values (?, ?, ?)", [document_id, number, text]
    )


def _statistic(con, document_id: str, number: int, text: str, printed: str, *, indicator="ratified_parties",
               value=192, start=None, end=None, cited=None, as_of=None, language="en", flags=()) -> str:
    start = text.index(printed) if start is None else start
    end = start + len(printed) if end is None else end
    key = f"{indicator}:{number}:{start}"
    con.execute(
        "insert into statistics (document_id, statistic_key, indicator, value, qualifier, unit, subject, "
        "measure, paragraph_number, quote, language, confidence, as_of, cited_source, char_start, "
        "char_end, flags) values (?, ?, ?, ?, 'exact', 'States', 'States parties', 'level', ?, ?, ?, "
        "0.9, ?, ?, ?, ?, ?)",
        [document_id, key, indicator, value, number, text, language, as_of, cited, start, end, list(flags)],
    )
    return evidence_anchor(document_id, key)


def test_untrusted_text_is_escaped_everywhere(con) -> None:
    _document(con, "d-en", "en", f"Title {HOSTILE}", warnings=[f"warning {HOSTILE}"])
    text = f"As at 1 June 2030, 192 States {HOSTILE} were parties.¹"
    _paragraph(con, "d-en", 1, text)
    anchor = _statistic(con, "d-en", 1, text, "192", cited="footnote 1", as_of=date(2030, 6, 1),
                        indicator=f"x{HOSTILE}")
    con.execute("insert into footnotes values ('d-en', '1', ?, 1, 1)", [f"Source {HOSTILE}"])
    con.execute("insert into rejected_documents values (?, 'ab', 'not a PDF', ?, ?)",
                [f"{HOSTILE}.pdf", f"detail {HOSTILE}", datetime(2030, 1, 1)])
    html = build_report(con)
    root = parse(html)
    assert not root.find_all("script") and not root.find_all("img")
    assert "<script>alert" not in html and "<img src" not in html
    assert (
        root.text.count(HOSTILE) >= 7
    )  # title, paragraph, quote-free cells, footnote, warning, rejection x2
    assert [m.text for m in root.by_id()[anchor].find_all("mark")] == ["192"]
    assert root.by_id()[indicator_id(f"x{HOSTILE}")].find_all("svg")


def test_arabic_evidence_is_right_to_left_with_its_own_digits(con) -> None:
    _document(con, "d-ar", "ar", "تقرير")
    _paragraph(con, "d-ar", 4, AR_TEXT)
    anchor = _statistic(con, "d-ar", 4, AR_TEXT, "١٩٢", language="ar", as_of=date(2030, 2, 28))
    root = parse(build_report(con))
    paragraph = root.by_id()[anchor].find_all("p", "paragraph")[0]
    assert (paragraph.attrs["dir"], paragraph.attrs["lang"]) == ("rtl", "ar")
    assert [m.text for m in paragraph.find_all("mark")] == ["١٩٢"]
    assert paragraph.text == AR_TEXT  # the whole paragraph, digits as printed
    title_cells = [e for e in root.by_id()["documents"].find_all("span") if e.attrs.get("lang") == "ar"]
    assert title_cells and title_cells[0].attrs["dir"] == "rtl"


@pytest.mark.parametrize("start,end", [(50, 40), (0, 10_000), (-1, 2), (None, None)])
def test_offsets_that_do_not_fit_highlight_nothing_and_say_so(con, start, end) -> None:
    _document(con, "d-en", "en", "T")
    text = "Some 192 States."
    _paragraph(con, "d-en", 1, text)
    key_start = 0 if start is None else start
    con.execute(
        "insert into statistics (document_id, statistic_key, indicator, value, paragraph_number, quote, "
        "char_start, char_end) values ('d-en', ?, 'ratified_parties', 192, 1, ?, ?, ?)",
        [f"k:{key_start}", text, start, end],
    )
    root = parse(build_report(con))
    evidence = root.by_id()[evidence_anchor("d-en", f"k:{key_start}")]
    assert not evidence.find_all("mark") and "nothing highlighted" in evidence.text
    assert evidence.find_all("p", "paragraph")[0].text == text


def test_missing_paragraph_and_footnote_are_reported(con) -> None:
    _document(con, "d-en", "en", "T")
    con.execute(
        "insert into statistics (document_id, statistic_key, indicator, value, paragraph_number, "
        "cited_source, char_start, char_end) values ('d-en', 'k', 'child_bombers', 5, 9, 'footnote 7', 0, 1)"
    )
    evidence = parse(build_report(con)).by_id()[evidence_anchor("d-en", "k")]
    assert "paragraph not published" in evidence.text
    assert "Footnote 7 is not among the published footnotes" in evidence.text


def test_every_indicator_has_a_plot_even_undated(con) -> None:
    _document(con, "d-en", "en", "T")
    con.execute("update documents set published_on = NULL")
    text = "Surveys reached 1,200 persons; at least 41 children and 1,300 hostages."
    _paragraph(con, "d-en", 1, text)
    _statistic(con, "d-en", 1, text, "1,200", indicator="surveyed_migrants", value=1200)
    _statistic(con, "d-en", 1, text, "41", indicator="child_bombers", value=41, as_of=date(2030, 1, 1))
    _statistic(
        con, "d-en", 1, text, "1,300", indicator="rescued_hostages", value=1300, as_of=date(2029, 1, 1)
    )
    html = build_report(con)
    root = parse(html)
    for name in ("surveyed_migrants", "child_bombers", "rescued_hostages"):
        assert root.by_id()[indicator_id(name)].find_all("figure", "plot")[0].find_all("svg"), name
    assert "no dated values to plot" in root.by_id()[indicator_id("surveyed_migrants")].text
    ids = Counter(re.findall(r'\bid="([^"]+)"', html))
    assert [i for i, n in ids.items() if n > 1] == []  # several inline SVGs, no id twice


def test_an_empty_warehouse_still_makes_a_page(con) -> None:
    root = parse(build_report(con))
    assert "No statistics published." in root.text
    assert root.by_id()["problems"]


def test_the_page_loads_nothing_and_runs_nothing(con) -> None:
    _document(con, "d-en", "en", "T")
    text = "As at 1 June 2030, 192 States were parties."
    _paragraph(con, "d-en", 1, text)
    _statistic(con, "d-en", 1, text, "192", as_of=date(2030, 6, 1))
    html = build_report(con)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "<script" not in html
    # The only URLs are the SVG namespace names (never fetched); every link is #anchor in the page.
    assert set(re.findall(r'([\w:-]+)="[a-z]+://', html)) <= {"xmlns", "xmlns:xlink"}
    assert set(re.findall(r'href="(.)', html)) == {"#"}
