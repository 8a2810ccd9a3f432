"""The Dagster graph loads, and keeps its shape; the domain package stays Dagster-free."""

from __future__ import annotations

import ast
from pathlib import Path

import dagster as dg

from pipelines.definitions import defs

REPO = Path(__file__).resolve().parents[2]


def test_definitions_load() -> None:
    dg.Definitions.validate_loadable(defs)


def test_asset_graph_shape() -> None:
    graph = defs.resolve_asset_graph()
    keys = {key.to_user_string() for key in graph.get_all_asset_keys()}
    assert keys == {"processed_document",
                    "warehouse", "parquet", "evidence_report"}
    checks = {key.name for key in graph.asset_check_keys}
    assert checks == {"paragraph_numbers_are_consecutive", "statistics_are_consistent",
                      "indicators_found_where_mentioned"}
    assert {job.name for job in defs.jobs} >= {"process_document", "publish_snapshot"}
    assert {s.name for s in defs.sensors} == {"inbox_sensor", "publish_after_processing"}
    assert {s.name for s in defs.schedules} == {"daily_publication"}


def test_domain_package_never_imports_dagster() -> None:
    for path in (REPO / "unreports").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] == "dagster" for n in names), path


def test_pdfminer_is_imported_only_by_the_pdf_reader() -> None:
    """pdfminer stays behind the PDF reader (pdf.py) and its content-stream reader (content.py)."""
    importers = {
        path.relative_to(REPO).as_posix()
        for path in (REPO / "unreports").rglob("*.py")
        if "pdfminer" in path.read_text(encoding="utf-8").split("\n\n", 1)[-1][:3000]
        and "import" in path.read_text(encoding="utf-8")
        and any(line.startswith(("from pdfminer", "import pdfminer"))
                for line in path.read_text(encoding="utf-8").splitlines())
    }
    assert importers == {"unreports/reading/pdf.py", "unreports/reading/content.py"}
