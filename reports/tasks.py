"""Celery tasks for exports: thin shells around services."""

from celery import shared_task

from factdesk.queueing import ROBUST
from reports.services import build_export_file


@shared_task(**{**ROBUST, "autoretry_for": ()})
def build_export(job_id: str) -> str:
    # No automatic retry: a report that fails says why, and the editor asks again.
    return build_export_file(job_id).status
