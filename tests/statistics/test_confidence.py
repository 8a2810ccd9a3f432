"""statistics.confidence follows the evidence: each doubt orders a row below the same row
without it (pairwise), and the documented factors are the ones applied."""

from __future__ import annotations

from decimal import Decimal

import pytest

from unreports.records import Paragraph, Statistic
from unreports.statistics.extract import CONFIDENCE_FACTORS, TEXT_SOURCE_FACTORS, extract_statistics
from unreports.statistics.registry import load_registry

REGISTRY = load_registry()
CLEAN = "As at 31 December 2024, 181 States were parties to the Protocol."


def read(*texts: str, language: str = "en", source: str = "text_layer") -> list[Statistic]:
    paragraphs = [
        Paragraph("t", n, "printed", None, None, t, t, 1, 1, 0, len(t)) for n, t in enumerate(texts, 1)
    ]
    return extract_statistics(paragraphs, [], [], REGISTRY, language, source)


def one(statistics: list[Statistic], value: int) -> Statistic:
    [found] = [s for s in statistics if s.value == Decimal(value) and s.breakdown_of is None]
    return found


def test_a_clean_printed_sentence_is_near_one() -> None:
    clean = one(read(CLEAN), 181)
    assert clean.flags == () and 0.9 <= clean.confidence <= 1


def test_each_doubt_lowers_the_same_reading() -> None:
    clean = one(read(CLEAN), 181)
    ocr_layer = one(read(CLEAN, source="ocr_layer"), 181)
    ocr = one(read(CLEAN, source="ocr"), 181)
    invalid_date = one(read(CLEAN.replace("31 December", "31 February")), 181)
    assert invalid_date.flags == ("as_of_invalid_date",)
    # Two different counts for the Protocol in one sentence: one of them is misread.
    both = read(CLEAN[:-1] + " and 175 States were parties to the Protocol.")
    earlier, later = one(both, 181), one(both, 175)
    assert earlier.flags == ("conflicting_value",) and earlier.instrument == "Trafficking in Persons Protocol"
    assert later.flags == ("instrument_uncertain",) and later.instrument is None
    # Another paragraph gives another level for the same instrument and date.
    elsewhere = read(CLEAN, CLEAN.replace("181", "180"))
    assert [s.flags for s in elsewhere] == [("conflicting_value",)] * 2
    both_ocr = read(CLEAN[:-1] + " and 175 States were parties to the Protocol.", source="ocr")

    assert clean.confidence > ocr_layer.confidence > ocr.confidence
    assert clean.confidence > invalid_date.confidence
    assert clean.confidence > earlier.confidence > later.confidence
    assert clean.confidence > one(elsewhere, 180).confidence
    assert earlier.confidence > one(both_ocr, 181).confidence
    assert later.confidence > one(both_ocr, 175).confidence
    # The factors are the documented ones (up to rounding to 3 decimals).
    assert ocr.confidence == pytest.approx(clean.confidence * TEXT_SOURCE_FACTORS["ocr"], abs=0.001)
    assert invalid_date.confidence == pytest.approx(
        clean.confidence * CONFIDENCE_FACTORS["as_of_invalid_date"], abs=0.001)


def test_trigger_words_far_from_the_number_count_less() -> None:
    near = one(read("At least 41 children were used in suicide attacks in 2029."), 41)
    far = one(read("At least 41 children, many of them taken from their villages at night, "
                   "were used in suicide attacks in 2029."), 41)
    assert near.confidence > far.confidence > 0.8


def test_a_named_member_counts_less_than_its_printed_change() -> None:
    found = read("In 2024, two States became parties to the Convention: Palau, on 2 April 2024, "
                 "and Nauru, on 9 October 2024.")
    change = one(found, 2)
    members = [s for s in found if s.breakdown_of == change.statistic_key]
    assert len(members) == 2 and all(m.confidence < change.confidence for m in members)


def test_same_reading_in_arabic_orders_alike() -> None:
    clean = "وحتى ٣١ كانون الأول/ديسمبر ٢٠٢٤، كان عدد الدول الأطراف في البروتوكول ١٨١ دولة."
    conflict = clean[:-1] + "، وبلغ عدد الدول الأطراف في البروتوكول ١٧٥ دولة."
    printed = one(read(clean, language="ar"), 181)
    both = read(conflict, language="ar")
    assert printed.confidence > one(both, 181).confidence > one(both, 175).confidence
    assert printed.confidence > one(read(clean, language="ar", source="ocr"), 181).confidence
