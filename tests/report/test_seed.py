"""The seed OCR report (../shared, skipped when absent): all four indicators with a plot."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipelines.cli import main
from tests.report.conftest import Chromium
from tests.report.dom import parse
from tests.report.expect import check_report_dom, published_values
from unreports.report.page import indicator_id

INDICATORS = ("ratified_parties", "child_bombers", "rescued_hostages", "surveyed_migrants")
pytestmark = [pytest.mark.shared, pytest.mark.slow]


@pytest.fixture(scope="module")
def seed_data(seed_path: Path, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("report-seed")
    inbox, data = root / "inbox", root / "data"
    inbox.mkdir()
    shutil.copy(seed_path, inbox / seed_path.name)
    assert main(["run", "--inbox", str(inbox), "--data-dir", str(data)]) == 0
    return data


def test_seed_report_has_every_indicator_with_a_plot(seed_data: Path) -> None:
    root = parse((seed_data / "report.html").read_text(encoding="utf-8"))
    for name in INDICATORS:
        assert root.by_id()[indicator_id(name)].find_all("figure", "plot")[0].find_all("svg"), name
    check_report_dom(root, published_values(seed_data / "warehouse.duckdb"))
    assert "paragraph numbers repaired" in root.by_id()["problems"].text  # the OCR warnings


def test_seed_report_in_the_browser(seed_data: Path, chromium: Chromium) -> None:
    root = parse(chromium("--dump-dom", (seed_data / "report.html").as_uri()).stdout)
    values = published_values(seed_data / "warehouse.duckdb")
    assert {v.indicator for v in values} == set(INDICATORS)
    check_report_dom(root, values)
