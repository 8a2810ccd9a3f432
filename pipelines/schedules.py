"""A daily publication of every processed document: the safety net behind the
publish_after_processing sensor (a publication that failed or was skipped is made good).
It publishes what is processed; the inbox sensor reprocesses documents after a code or
indicator-registry change."""

import dagster as dg

from pipelines.jobs import publish_snapshot_job

daily_publication = dg.ScheduleDefinition(
    name="daily_publication",
    job=publish_snapshot_job, cron_schedule="0 5 * * *", execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.STOPPED,
)
