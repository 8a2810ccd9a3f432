"""A daily re-publication, so the snapshot reflects the code and registry in force."""

import dagster as dg

from pipelines.jobs import publish_snapshot_job

daily_publication = dg.ScheduleDefinition(
    name="daily_publication",
    job=publish_snapshot_job, cron_schedule="0 5 * * *", execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.STOPPED,
)
