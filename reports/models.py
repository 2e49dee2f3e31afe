import uuid

from django.conf import settings
from django.db import models


class ExportJob(models.Model):
    """A report being prepared in the background, then offered for download to its owner."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    export_format = models.CharField(max_length=12)
    # The scope as plain values (story slug, filters) so the worker can rebuild it.
    scope = models.JSONField(default=dict)
    status = models.CharField(max_length=8, choices=Status, default=Status.QUEUED)
    file_name = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.export_format} export {self.pk} ({self.get_status_display()})"
