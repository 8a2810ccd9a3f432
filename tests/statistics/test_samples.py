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
