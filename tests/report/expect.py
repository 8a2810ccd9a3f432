"""What a report must show for a warehouse, checked against its DOM (as rendered by the
browser, or as parsed from the file)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from tests.report.dom import Element
from unreports.report.page import evidence_anchor, indicator_id

ASCII_DIGIT = re.compile(r"[0-9]")


@dataclass(frozen=True)
class Published:
    anchor: str
    indicator: str
    language: str
    printed: str  # paragraphs.text[char_start:char_end]
    quote: str
    text_source: str


def published_values(warehouse: Path) -> list[Published]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("""
            select s.document_id, s.statistic_key, s.indicator, s.language, p.text, s.char_start, s.char_end,
                   s.quote, d.text_source
            from statistics s
            join paragraphs p on p.document_id = s.document_id and p.number = s.paragraph_number
            join documents d on d.document_id = s.document_id""").fetchall()
        assert len(rows) == con.execute("select count(*) from statistics").fetchone()[0]
    out = []
    for document_id, key, indicator, language, text, start, end, quote, source in rows:
        out.append(
            Published(evidence_anchor(document_id, key), indicator, language, text[start:end], quote, source)
        )
    return out


def check_report_dom(root: Element, values: list[Published]) -> None:
    """Every value's evidence highlights exactly its printed form, Arabic right-to-left,
    every indicator has a plot, every link lands, nothing executable."""
    ids = root.by_id()
    assert values
    for value in values:
        evidence = ids[value.anchor]
        marks = evidence.find_all("mark", "value")
        assert [m.text for m in marks] == [value.printed], value
        assert value.printed in value.quote, value  # the printed form is in the published quote
        paragraph = marks[0].parent if "paragraph" in marks[0].parent.classes else marks[0].parent.parent
        assert "paragraph" in paragraph.classes
        if value.language == "ar":
            assert (paragraph.attrs.get("dir"), paragraph.attrs.get("lang")) == ("rtl", "ar"), value
            if value.text_source == "text_layer":  # typeset Arabic keeps its own digits
                assert not ASCII_DIGIT.search(value.printed), value
        else:
            assert paragraph.attrs.get("dir") != "rtl", value
    for indicator in {v.indicator for v in values}:
        section = ids[indicator_id(indicator)]
        assert section.find_all("svg"), indicator
        assert section.find_all("figure", "plot")[0].find_all("svg")
        in_table = {a.attrs["href"][1:] for a in section.find_all("table")[0].find_all("a")}
        assert in_table == {v.anchor for v in values if v.indicator == indicator}
    for link in root.find_all("a"):
        href = link.attrs.get("href") or link.attrs.get("xlink:href") or ""
        assert href.startswith("#") and href[1:] in ids, href  # no link leaves the page
    assert not root.find_all("script") and not root.find_all("img") and not root.find_all("iframe")
    for element in root.iter():
        assert not any(name.startswith("on") for name in element.attrs), element.tag
