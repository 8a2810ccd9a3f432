"""The four indicators read from the seed OCR text of a real report, with provenance."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from unreports.documents import bundle
from unreports.reading.ocr_text import read_text
from unreports.records import DocumentBundle, Statistic
from unreports.sources import describe
from unreports.structure.build import build_structure


@pytest.fixture(scope="module")
def seed(seed_path: Path) -> DocumentBundle:
    read = read_text(describe(seed_path), seed_path.read_bytes())
    return bundle(read, build_structure(read))


def only(statistics: list[Statistic], **fields) -> Statistic:
    matching = [s for s in statistics if all(getattr(s, k) == v for k, v in fields.items())]
    assert len(matching) == 1, (fields, matching)
    return matching[0]


def test_ratified_parties(seed: DocumentBundle) -> None:
    parties = [s for s in seed.statistics if s.indicator == "ratified_parties"]
    convention = only(parties, value=Decimal(189))
    assert convention.instrument == "Organized Crime Convention"
    assert convention.paragraph_number == 14
    second = only(parties, value=Decimal(177))
    # OCR garbled the second instrument's name: uncertain, not guessed.
    assert second.instrument is None and "instrument_uncertain" in second.flags
    for statistic in (convention, second):
        assert statistic.as_of is None and "as_of_invalid_date" in statistic.flags
        assert "٣٦" in statistic.as_of_as_printed and "أكتوبر" in statistic.as_of_as_printed
        assert "٢٠١٧" in statistic.as_of_as_printed
        assert str(statistic.value) in statistic.quote.replace("١٨٩", "189").replace("١٧٧", "177")
    became = only(parties, subject="States that became parties")
    assert became.value == 2 and became.paragraph_number == 14
    members = {s.location: s.as_of for s in parties if s.breakdown_of == became.statistic_key}
    assert members == {"اليابان": date(2017, 7, 11), "فيجي": date(2017, 9, 19)}
    # Stock and flow apart: the two counts as at a date are levels, the two States that
    # became parties a change, and each named State one row of that change.
    assert {(s.value, s.measure) for s in parties if s.breakdown_of is None} == {
        (Decimal(189), "level"), (Decimal(177), "level"), (Decimal(2), "change")}
    assert {s.measure for s in parties if s.breakdown_of == became.statistic_key} == {"change"}
    # The garbled instrument and the impossible date cost confidence; the clean change does not.
    assert "conflicting_value" in convention.flags
    assert became.confidence > convention.confidence > second.confidence


def test_child_bombers(seed: DocumentBundle) -> None:
    children = [s for s in seed.statistics if s.indicator == "child_bombers"]
    total = only(children, subject="children")
    girls = only(children, subject="girls")
    assert (total.value, girls.value) == (Decimal(83), Decimal(55))
    assert girls.breakdown_of == total.statistic_key
    assert (total.period_start, total.period_end) == (date(2017, 1, 1), date(2017, 8, 22))
    assert total.cited_source == "footnote 2"
    assert total.paragraph_number == 9
    assert "٨٣" in total.quote and "انتحارية" in total.quote


def test_rescued_hostages(seed: DocumentBundle) -> None:
    hostages = only([s for s in seed.statistics if s.indicator == "rescued_hostages"])
    assert (hostages.value, hostages.qualifier) == (Decimal(2050), "at_least")
    assert (hostages.period_start, hostages.period_end) == (date(2016, 1, 1), date(2017, 3, 31))
    assert hostages.actor == "Multinational Joint Task Force"
    assert hostages.cited_source == "S/2017/403"
    assert hostages.paragraph_number == 6


def test_surveyed_migrants(seed: DocumentBundle) -> None:
    surveyed = [s for s in seed.statistics if s.indicator == "surveyed_migrants"]
    persons = only(surveyed, subject="persons surveyed")
    sample = only(surveyed, subject="persons in an analysed sample")
    assert (persons.value, persons.qualifier) == (Decimal(2000), "more_than")
    assert persons.period_start == date(2016, 1, 1)
    assert "وسط وشرق البحر الأبيض المتوسط" in persons.location
    assert (sample.value, sample.qualifier) == (Decimal(2000), "more_than")
    assert persons.paragraph_number == sample.paragraph_number == 65


def test_quotes_are_sentences_of_their_paragraph(seed: DocumentBundle) -> None:
    paragraphs = {p.number: p.text for p in seed.paragraphs}
    for statistic in seed.statistics:
        text = paragraphs[statistic.paragraph_number]
        assert statistic.quote in text
        assert statistic.char_start < statistic.char_end <= len(text)
