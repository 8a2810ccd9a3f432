"""Each sql/examples/*.sql answers what its name says, on a warehouse published from the
bundled samples (unreports/samples/*.txt rendered to PDF; see the samples_warehouse
fixture). Expected rows are read off the sample texts, not copied from the output."""

from __future__ import annotations

import json
from pathlib import Path

from unreports.publish import run_query
from unreports.publish.tables import SQL_DIR

EXAMPLES = SQL_DIR / "examples"
CONVENTION, PROTOCOL = "Organized Crime Convention", "Trafficking in Persons Protocol"


def rows(warehouse: Path, name: str) -> list[dict]:
    return json.loads(run_query(warehouse, (EXAMPLES / name).read_text(encoding="utf-8"), "json"))


def test_latest_level_per_document_and_instrument(samples_warehouse: Path) -> None:
    # Paragraph 6 of both samples: 192 States parties to the Convention and 182 to the
    # Protocol as at 28 February 2030. "Two States became parties" is a change, not a level.
    found = rows(samples_warehouse, "01_latest_level_per_document_and_instrument.sql")
    assert [(r["symbol"], r["language"], r["instrument"], r["value"], r["qualifier"], r["as_of"],
             r["paragraph_number"]) for r in found] == [
        ("S/2030/512", "ar", CONVENTION, "192.0000", "exact", "2030-02-28", 6),
        ("S/2030/512", "ar", PROTOCOL, "182.0000", "exact", "2030-02-28", 6),
        ("S/2030/512", "en", CONVENTION, "192.0000", "exact", "2030-02-28", 6),
        ("S/2030/512", "en", PROTOCOL, "182.0000", "exact", "2030-02-28", 6),
    ]
    assert [r["as_of_as_printed"] for r in found] == ["٢٨ شباط/فبراير ٢٠٣٠"] * 2 + ["28 February 2030"] * 2
    assert "192 States were parties to the Organized Crime Convention" in found[2]["quote"]
    assert "١٨٢" in found[1]["quote"] and all(0.8 < r["confidence"] <= 1 for r in found)


def test_paragraph_with_statistics(samples_warehouse: Path) -> None:
    found = rows(samples_warehouse, "02_paragraph_with_statistics.sql")
    assert {
        (r["symbol"], r["language"], r["number"], r["chapter_title"], r["section_title"]) for r in found
    } == {("S/2030/512", "en", 6, "Action by Member States", None)}
    assert [(r["indicator"], r["measure"], r["value"], r["unit"], r["subject"], r["instrument"],
             r["location"], r["as_of"]) for r in found] == [
        ("ratified_parties", "level", "192.0000", "States", "States parties", CONVENTION, None, "2030-02-28"),
        ("ratified_parties", "level", "182.0000", "States", "States parties", PROTOCOL, None, "2030-02-28"),
        ("ratified_parties", "change", "2.0000", "States", "States that became parties", PROTOCOL,
         None, None),
        ("ratified_parties", "change", "1.0000", "States", "States that became parties: member", PROTOCOL,
         "Andorra", "2029-05-03"),
        ("ratified_parties", "change", "1.0000", "States", "States that became parties: member", PROTOCOL,
         "Tuvalu", "2029-08-21"),
    ]
    change_key = next(r for r in found if r["value"] == "2.0000")["breakdown_of"] is None and \
        [r["breakdown_of"] for r in found]
    assert change_key[:3] == [None, None, None] and change_key[3] == change_key[4] == "ratified_parties:6:182"
    assert found[0]["text"].startswith("As at 28 February 2030, 192 States")


# Per chapter of each sample (paragraphs, numbers, numbers a statistic was read from), by
# reading the texts: I (1-2): 1 March 2029, 28 February 2030 (2 days, 2 years), 47, 19;
# II (3-5): 41, 29, 1 March, 30 November 2029, three, 1,300, January 2029, January 2030
# (41, 29 and 1,300 are statistics); III (6-7): 28 February 2030, 192, 182, two, 3 May 2029,
# 21 August 2029, four (192, 182 and two are statistics; Andorra and Tuvalu are not numbers);
# IV (8-9): 2028, 3,500, 1,200, resolution 2331 (3,500 and 1,200); V (10): none.
COUNTS = [(2, 6, 0), (3, 9, 3), (2, 10, 3), (2, 4, 2), (1, 0, 0)]
CHAPTERS = {"ar": ["أولا", "ثانيا", "ثالثا", "رابعا", "خامسا"], "en": ["I", "II", "III", "IV", "V"]}
TITLES_EN = ["Introduction", "Trends during the reporting period", "Action by Member States",
             "Research and data collection", "Observations"]


def test_numbers_per_chapter(samples_warehouse: Path) -> None:
    found = rows(samples_warehouse, "03_numbers_per_chapter.sql")
    expected = [
        ("S/2030/512", language, chapter, *counts)
        for language in ("ar", "en")
        for chapter, counts in zip(CHAPTERS[language], COUNTS, strict=True)
    ]
    assert [(r["symbol"], r["language"], r["chapter"], r["paragraphs"], r["numeric_mentions"],
             r["numbers_in_statistics"]) for r in found] == expected
    assert [r["chapter_title"] for r in found if r["language"] == "en"] == TITLES_EN


def test_rejections_by_reason(samples_warehouse: Path) -> None:
    # The fixture rejects an empty file and two files that are not PDFs (the later on 21 March).
    found = rows(samples_warehouse, "04_rejections_by_reason.sql")
    assert [(r["reason"], r["files"], r["latest_rejected_at"], r["latest_source_name"]) for r in found] == [
        ("not a PDF", 2, "2030-03-21T09:00:00", "agenda.pdf"),
        ("empty file", 1, "2030-03-20T08:00:00", "blank.pdf"),
    ]
