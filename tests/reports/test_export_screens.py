"""Exports from the desk: CSV/JSON stream at once, other formats are prepared by the worker."""

import csv
import io
import time

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from claims.services.review import record_verdict
from reports.models import ExportJob
from tests.conftest import user_with_role
from tests.factories import ClaimFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def story_with_verdict(db, checker):
    claim = ClaimFactory()
    record_verdict(claim=claim, checked_by=checker, label="supported", rationale="Agrees.")
    return claim.article.story


def test_csv_streams_as_an_attachment(checker_client, story_with_verdict):
    response = checker_client.get(
        reverse("export-stream"), {"story": story_with_verdict.slug, "format": "csv"}
    )
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Disposition"] == (
        f'attachment; filename="factdesk-{story_with_verdict.slug}.csv"'
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["verdict"] for row in rows] == ["supported"]


def test_json_streams_too(checker_client, story_with_verdict):
    response = checker_client.get(
        reverse("export-stream"), {"story": story_with_verdict.slug, "format": "json"}
    )
    assert b'"verdict": "supported"' in b"".join(response.streaming_content)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"format": "csv"}, "Say which story or article to export."),
        ({"format": "csv", "story": "no-such-story"}, "No story &#x27;no-such-story&#x27;."),
        ({"format": "doc", "story": "x"}, "Select a valid choice."),
        ({"format": "pdf", "story": "PLACEHOLDER"}, "prepared in the background"),
        (
            {"format": "csv", "story": "PLACEHOLDER", "checked_from": "2026-02-01",
             "checked_to": "2026-01-01"},
            "The start date is after the end date.",
        ),
    ],
)  # fmt: skip
def test_bad_export_requests_get_a_clear_message(
    checker_client, story_with_verdict, params, message
):
    params = {k: story_with_verdict.slug if v == "PLACEHOLDER" else v for k, v in params.items()}
    response = checker_client.get(reverse("export-stream"), params)
    assert response.status_code == 400
    assert message in response.text


def test_reporters_cannot_export(client, story_with_verdict, django_user_model):
    client.force_login(user_with_role(django_user_model, "rita", "reporter"))
    response = client.get(
        reverse("export-stream"), {"story": story_with_verdict.slug, "format": "csv"}
    )
    assert response.status_code == 403
    response = client.post(
        reverse("export-start"), {"story": story_with_verdict.slug, "format": "pdf"}, **HTMX
    )
    assert response.status_code == 403
    assert not ExportJob.objects.exists()


@pytest.mark.worker
def test_a_prepared_pdf_is_built_by_the_worker_and_offered_for_download(
    celery_worker, client, django_user_model
):
    checker = user_with_role(django_user_model, "ana", "fact-checker")
    claim = ClaimFactory()
    record_verdict(claim=claim, checked_by=checker, label="varied", rationale="Wording.")
    client.force_login(checker)
    response = client.post(
        reverse("export-start"),
        {"story": claim.article.story.slug, "format": "pdf", "signed_off_only": ""},
        **HTMX,
    )
    job = ExportJob.objects.get()
    assert "Preparing PDF" in response.text and 'hx-trigger="every 1s"' in response.text
    deadline = time.monotonic() + 60
    while True:
        job.refresh_from_db()
        if job.status in {"done", "failed"}:
            break
        assert time.monotonic() < deadline, "the worker never finished the export"
        time.sleep(0.2)
    assert job.status == "done", job.error
    poll = client.get(reverse("export-job", args=[job.pk]), **HTMX)
    assert "Download PDF" in poll.text and "every 1s" not in poll.text
    download = client.get(reverse("export-file", args=[job.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_someone_elses_export_is_not_found(client, story_with_verdict, django_user_model):
    owner = user_with_role(django_user_model, "ana", "fact-checker")
    job = ExportJob.objects.create(owner=owner, export_format="csv", scope={}, status="done")
    client.force_login(user_with_role(django_user_model, "ben", "fact-checker"))
    assert client.get(reverse("export-job", args=[job.pk])).status_code == 404
    assert client.get(reverse("export-file", args=[job.pk])).status_code == 404


def test_admin_action_exports_the_selected_claims_as_csv(editor_client, story_with_verdict):
    from claims.models import Claim

    claim = Claim.objects.get()
    response = editor_client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "export_csv", "index": 0, "_selected_action": [claim.pk]},
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [int(row["claim_id"]) for row in rows] == [claim.pk]


def test_story_page_offers_exports_to_checkers_not_reporters(
    client, story_with_verdict, checker, django_user_model
):
    client.force_login(checker)
    assert 'aria-label="Export"' in client.get(story_with_verdict.get_absolute_url()).text
    client.force_login(user_with_role(django_user_model, "rita", "reporter"))
    assert 'aria-label="Export"' not in client.get(story_with_verdict.get_absolute_url()).text
