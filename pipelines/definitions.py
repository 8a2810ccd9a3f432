"""The one place the Dagster graph is assembled (workspace.yaml points here).

`build_definitions` is what the command line uses too, with its own data folder and inbox,
so a CLI run is a run of the named jobs in the same instance the UI and the daemon use.
"""

import dagster as dg

from assets import documents, publication, report
from pipelines.jobs import process_document_job, publish_snapshot_job
from pipelines.resources import default_resources
from pipelines.schedules import daily_publication
from pipelines.sensors import inbox_sensor, publish_after_processing

STAGE_MODULES = [documents, publication, report]
ASSETS = dg.load_assets_from_modules(STAGE_MODULES, include_specs=True)


def build_definitions(data_dir: str | None = None, inbox_dirs: list[str] | None = None,
                      workers: int | None = None) -> dg.Definitions:
    return dg.Definitions(
        assets=ASSETS,
        jobs=[process_document_job, publish_snapshot_job],
        schedules=[daily_publication],
        sensors=[inbox_sensor, publish_after_processing],
        resources=default_resources(data_dir, inbox_dirs, workers),
    )


defs = build_definitions()
