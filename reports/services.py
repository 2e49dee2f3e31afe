"""Writes for exports: prepare a report in the background, keep it for its owner."""

from django.conf import settings
from django.utils import timezone

from factdesk.queueing import send_after_commit
from reports.formats import FORMATS
from reports.models import ExportJob
from reports.selectors import ExportScope, scope_from_stored, stored_scope

QUEUE_DOWN = "The task queue cannot be reached right now; prepare the export again shortly."


def export_path(job: ExportJob):
    # Only the job's own id and a known extension make the name: nothing a user typed.
    return settings.EXPORT_DIR / f"{job.pk}.{FORMATS[job.export_format].extension}"


def start_export(*, owner, export_format: str, scope: ExportScope) -> ExportJob:
    """Queue an export; the task writes the file once the job row is committed."""
    from reports.tasks import build_export

    job = ExportJob.objects.create(
        owner=owner, export_format=export_format, scope=stored_scope(scope, export_format)
    )

    def refuse() -> None:
        # Someone is waiting at the screen: say so now rather than leave a job queued.
        job.status, job.error = ExportJob.Status.FAILED, QUEUE_DOWN
        job.save(update_fields=["status", "error"])

    send_after_commit(build_export, str(job.pk), on_unreachable=refuse)
    return job


def build_export_file(job_id: str, site_url: str = "") -> ExportJob:
    """Write the job's file; idempotent (a re-run rewrites the same file)."""
    job = ExportJob.objects.get(pk=job_id)
    if job.status == ExportJob.Status.DONE:
        return job
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING)
    try:
        # ValueError if the story or article has gone since the job was queued.
        scope = scope_from_stored(job.scope)
        settings.EXPORT_DIR.mkdir(parents=True, exist_ok=True)
        path = export_path(job)
        partial = path.with_suffix(path.suffix + ".part")
        with open(partial, "wb") as target:
            FORMATS[job.export_format].write(
                scope, target, site_url or settings.FACTDESK_ORGANIZATION["url"]
            )
        partial.replace(path)  # a reader never sees half a file
    except Exception as exc:
        job.status, job.error = ExportJob.Status.FAILED, f"{type(exc).__name__}: {exc}"
        job.save(update_fields=["status", "error"])
        raise
    job.status, job.file_name, job.finished_at = ExportJob.Status.DONE, path.name, timezone.now()
    job.save(update_fields=["status", "file_name", "finished_at"])
    return job
