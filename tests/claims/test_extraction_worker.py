"""Extraction runs in a real Celery worker over Redis, enqueued only after commit."""

import time

import pytest

from articles.models import Article, ExtractionStatus
from articles.services import ingest_files
from claims.models import Claim
from claims.services.extraction import extract_claims
from claims.tasks import extract_article_claims


def wait_until_extracted(article_ids, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        statuses = set(
            Article.objects.filter(pk__in=article_ids).values_list("extraction_status", flat=True)
        )
        if statuses <= {ExtractionStatus.DONE, ExtractionStatus.FAILED}:
            return statuses
        time.sleep(0.2)
    raise AssertionError(f"extraction not finished after {timeout}s: {statuses}")


@pytest.mark.worker
def test_ingested_articles_are_extracted_by_the_worker(celery_worker, sample_paths):
    report = ingest_files(sample_paths, "worker-story")
    ids = [a.pk for a in report.created]
    assert wait_until_extracted(ids) == {ExtractionStatus.DONE}
    assert Claim.objects.filter(article_id__in=ids).values("article").distinct().count() == 5
    # Matching follows extraction in the worker: every claim ends up in a cluster.
    deadline = time.monotonic() + 30
    while Claim.objects.filter(article_id__in=ids, cluster__isnull=True).exists():
        assert time.monotonic() < deadline, "matching did not run after extraction"
        time.sleep(0.2)
    revenue = Claim.objects.filter(article_id__in=ids, text__contains="$11.5 billion").first()
    assert revenue.cluster.outlet_count == 4


@pytest.mark.worker
def test_the_task_run_twice_by_the_worker_adds_no_duplicate_claims(celery_worker, sample_paths):
    report = ingest_files(sample_paths[:1], "twice")
    article_id = report.created[0].pk
    wait_until_extracted([article_id])
    before = sorted(Claim.objects.filter(article_id=article_id).values_list("pk", "start", "end"))
    # Results are ignored in production (tasks write to the database); asked for here.
    counts = [
        extract_article_claims.apply_async((article_id,), ignore_result=False).get(timeout=30)
        for _ in range(2)
    ]
    after = sorted(Claim.objects.filter(article_id=article_id).values_list("pk", "start", "end"))
    assert counts == [len(before), len(before)]
    assert after == before


@pytest.mark.worker
def test_a_database_error_is_retried_by_the_worker_until_it_succeeds(
    celery_worker, sample_paths, monkeypatch
):
    from django.db import OperationalError

    from claims import tasks

    report = ingest_files(sample_paths[:1], "flaky")  # enqueues the first, real attempt
    article_id = report.created[0].pk
    wait_until_extracted([article_id])
    attempts = []

    def flaky_extract(article_id, force=False):
        attempts.append(article_id)
        if len(attempts) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return extract_claims(article_id, force=force)

    monkeypatch.setattr(tasks, "extract_claims", flaky_extract)
    count = extract_article_claims.apply_async((article_id,), {"force": True}, ignore_result=False)
    assert count.get(timeout=30) > 0
    assert attempts == [article_id, article_id]
