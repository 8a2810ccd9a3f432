"""The one place the Dagster graph is assembled (workspace.yaml points here)."""

import dagster as dg

from assets import pages, paragraphs, publication, sources, statistics
from pipelines.jobs import process_document_job, publish_snapshot_job
from pipelines.resources import default_resources
from pipelines.schedules import daily_publication
from pipelines.sensors import inbox_sensor, publish_after_processing

STAGE_MODULES = [sources, pages, paragraphs, statistics, publication]

defs = dg.Definitions(
    assets=dg.load_assets_from_modules(STAGE_MODULES, include_specs=True),
    jobs=[process_document_job, publish_snapshot_job],
    schedules=[daily_publication],
    sensors=[inbox_sensor, publish_after_processing],
    resources=default_resources(),
)
