"""An export job keeps its scope as plain values, which the worker reads back without a web
form: the story or article by slug and id, dates as YYYY-MM-DD, the flag as true or false."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.services.review import record_verdict
from reports.models import ExportJob
from reports.services import build_export_file, export_path
from tests.factories import ClaimFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def checked_claim(db, checker, settings, tmp_path):
    settings.EXPORT_DIR = tmp_path / "exports"
    claim = ClaimFactory()
    record_verdict(claim=claim, checked_by=checker, label="supported", rationale="Agrees.")
    return claim


def exported_claim_ids(job: ExportJob) -> list[int]:
    text = export_path(job).read_text(encoding="utf-8-sig")
    return [int(row["claim_id"]) for row in csv.DictReader(io.StringIO(text))]


def test_a_job_queued_from_the_desk_stores_plain_values_that_the_worker_reads_back(
    checker_client, checked_claim
):
    story = checked_claim.article.story
    today = timezone.localdate()
    typed = today.strftime("%d/%m/%Y")  # the desk's own (en-gb) way of writing a date
    response = checker_client.post(
        reverse("export-start"),
        {
            "story": story.slug, "format": "csv", "label": "supported", "checker": "checker",
            "checked_from": typed, "checked_to": typed,
        },
        **HTMX,
    )  # fmt: skip
    assert response.status_code == 200
    job = ExportJob.objects.get()
    assert job.scope == {
        "format": "csv", "story": story.slug, "article": None, "label": "supported",
        "checker": "checker", "checked_from": today.isoformat(),
        "checked_to": today.isoformat(), "signed_off_only": False,
    }  # fmt: skip
    build_export_file(str(job.pk))
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE, job.error
    assert exported_claim_ids(job) == [checked_claim.pk]


@pytest.mark.parametrize(
    "stored",
    [
        # What the story page's Prepare buttons stored before: the request's own values.
        {"story": "STORY", "format": "csv", "signed_off_only": False},
        # Query parameters, all of them text, as an earlier release kept them.
        {"format": "csv", "article": "ARTICLE", "label": "supported", "checker": "checker",
         "checked_from": "", "checked_to": "", "signed_off_only": "false"},
    ],
)  # fmt: skip
def test_a_job_stored_by_an_earlier_release_is_still_built_and_named(
    checker_client, checker, checked_claim, stored
):
    article = checked_claim.article
    names = {"STORY": article.story.slug, "ARTICLE": str(article.pk)}
    scope = {key: names.get(value, value) for key, value in stored.items()}
    job = ExportJob.objects.create(owner=checker, export_format="csv", scope=scope)
    build_export_file(str(job.pk))
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE, job.error
    assert exported_claim_ids(job) == [checked_claim.pk]
    download = checker_client.get(reverse("export-file", args=[job.pk]))
    subject = article.story.slug if "story" in stored else f"article-{article.pk}"
    assert download["Content-Disposition"] == f'attachment; filename="factdesk-{subject}.csv"'


def test_a_job_whose_story_has_gone_fails_saying_so(checker, checked_claim):
    scope = {"format": "csv", "story": "no-longer-here"}
    job = ExportJob.objects.create(owner=checker, export_format="csv", scope=scope)
    with pytest.raises(ValueError, match="No story 'no-longer-here'"):
        build_export_file(str(job.pk))
    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", "ValueError: No story 'no-longer-here'.")
