"""The bundled sample reports, rendered to PDF and read back: the four indicators in both languages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from unreports.documents import bundle
from unreports.reading.pdf_document import read_pdf
from unreports.records import DocumentBundle
from unreports.samples import render_samples
from unreports.sources import describe
from unreports.structure.build import build_structure


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> dict[str, DocumentBundle]:
    bundles = {}
    for pdf in render_samples(tmp_path_factory.mktemp("samples")):
        read = read_pdf(describe(pdf), pdf.read_bytes())
        bundles[read.metadata.language] = bundle(read, build_structure(read))
    return bundles


@pytest.mark.parametrize("language", ["ar", "en"])
def test_four_indicators(samples: dict[str, DocumentBundle], language: str) -> None:
    found = {(s.indicator, s.subject): s for s in samples[language].statistics}
    assert found[("ratified_parties", "States parties")].paragraph_number == 6
    assert {s.value for s in samples[language].statistics if s.subject == "States parties"} == {
        Decimal(192), Decimal(182)}
    children = found[("child_bombers", "children")]
    assert (children.value, children.qualifier, children.paragraph_number) == (Decimal(41), "at_least", 3)
    assert found[("child_bombers", "girls")].breakdown_of == children.statistic_key
    assert children.cited_source == "footnote 1"
    hostages = found[("rescued_hostages", "hostages freed")]
    assert (hostages.value, hostages.qualifier) == (Decimal(1300), "more_than")
    assert (hostages.period_start, hostages.period_end) == (date(2029, 1, 1), date(2030, 1, 31))
    assert hostages.cited_source == "S/2030/77"
    migrants = found[("surveyed_migrants", "persons surveyed")]
    assert (migrants.value, migrants.period_start) == (Decimal(3500), date(2028, 1, 1))


def test_same_paragraph_numbers_in_both_languages(samples: dict[str, DocumentBundle]) -> None:
    """The paragraph number is the join key across language versions."""
    def keyed(language: str) -> set[tuple]:
        return {(s.indicator, s.value, s.paragraph_number) for s in samples[language].statistics}
    assert keyed("ar") == keyed("en")
    assert [p.number for p in samples["ar"].paragraphs] == [p.number for p in samples["en"].paragraphs]


MEMBERS = {"en": ("Andorra", "Tuvalu"), "ar": ("أندورا", "توفالو")}


@pytest.mark.parametrize("language", ["ar", "en"])
def test_levels_and_changes_as_printed(samples: dict[str, DocumentBundle], language: str) -> None:
    """Paragraph 6 of the samples: 192 States parties to the Convention and 182 to the
    Protocol as at 28 February 2030 (levels); two States became parties to the Protocol
    during the period, Andorra on 3 May 2029 and Tuvalu on 21 August 2029 (a change)."""
    parties = [s for s in samples[language].statistics if s.indicator == "ratified_parties"]
    levels = {(s.value, s.instrument, s.as_of) for s in parties if s.measure == "level"}
    assert levels == {(Decimal(192), "Organized Crime Convention", date(2030, 2, 28)),
                      (Decimal(182), "Trafficking in Persons Protocol", date(2030, 2, 28))}
    [change] = [s for s in parties if s.measure == "change" and s.breakdown_of is None]
    assert (change.value, change.instrument, change.as_of) == (
        Decimal(2), "Trafficking in Persons Protocol", None)
    members = {s.location: s.as_of for s in parties if s.breakdown_of == change.statistic_key}
    andorra, tuvalu = MEMBERS[language]
    assert members == {andorra: date(2029, 5, 3), tuvalu: date(2029, 8, 21)}
    assert {s.measure for s in parties if s.breakdown_of} == {"change"}
    # Children used, hostages freed and people surveyed happened during a period.
    assert {s.measure for s in samples[language].statistics if s.indicator != "ratified_parties"} == {
        "change"
    }
    # Born-digital text, no doubts: every row is read with high confidence, members a little less.
    assert all(s.flags == () and s.confidence >= 0.8 for s in samples[language].statistics)
