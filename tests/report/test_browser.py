"""The report as headless Chromium renders it: highlights, direction, plots, a screenshot."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from tests.report.conftest import Chromium
from tests.report.dom import parse
from tests.report.expect import check_report_dom, published_values

REPORT = "report.html"  # written by the evidence_report asset after publication


def test_rendered_report_shows_each_value_with_its_evidence(published_data: Path, chromium: Chromium) -> None:
    dom = chromium("--dump-dom", (published_data / REPORT).as_uri()).stdout
    root = parse(dom)
    values = published_values(published_data / "warehouse.duckdb")
    assert {v.language for v in values} >= {"ar", "en"}
    check_report_dom(root, values)
    problems = root.by_id()["problems"].text
    assert "not-a-report.pdf" in problems and "not a PDF" in problems


def test_hostile_text_is_shown_not_run(published_data: Path, chromium: Chromium) -> None:
    root = parse(chromium("--dump-dom", (published_data / REPORT).as_uri()).stdout)
    page_text = root.text
    assert "<img src=x onerror=alert(2)>" in page_text  # displayed as text
    assert "b'<html>this is no'" in root.by_id()["problems"].text  # the rejection's detail, as text
    assert not root.find_all("script") and not root.find_all("img")


def test_screenshot(published_data: Path, chromium: Chromium, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    chromium(f"--screenshot={shot}", "--window-size=1200,2000", (published_data / REPORT).as_uri())
    with Image.open(shot) as image:
        assert image.size == (1200, 2000)
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50  # text, table rules, highlights: not a blank page
