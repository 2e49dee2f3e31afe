"""A worker killed in the middle of an extraction loses nothing and duplicates nothing."""

import time

import pytest

from articles.models import Article, ExtractionStatus
from claims.extraction import extract_candidates
from claims.models import Claim
from harness.processes import (
    DeskBrowser,
    app_environment,
    celery_worker,
    gunicorn,
    manage,
    wait_for,
)
from tests.conftest import SAMPLE_CORPUS

pytestmark = pytest.mark.faults

# A task whose worker died unacknowledged goes back to the queue after this many
# seconds (CELERY_VISIBILITY_TIMEOUT; 600 in production).
VISIBILITY_TIMEOUT = 3
# The dead run's lease on the article lapses within this many seconds of the kill
# (EXTRACTION_LEASE_SECONDS; 120 in production): shorter than the visibility timeout, as in
# production, so the redelivered task finds the article free to take.
LEASE = 1
EXTRACT = "claims.tasks.extract_article_claims"
MATCH = "claims.tasks.match_story_claims"


def long_article() -> str:
    # Thirty copies of the sample story: extraction takes a couple of seconds, long
    # enough to kill the worker while it runs.
    texts = [path.read_text() for path in sorted(SAMPLE_CORPUS.glob("*.txt"))]
    return "\n\n".join(["\n\n".join(texts)] * 30)


def runs(worker, task: str) -> int:
    """How many times the worker's log says the task finished."""
    return sum(
        1
        for line in worker.output().splitlines()
        if f"Task {task}[" in line and " succeeded " in line
    )


def extractions(worker, article_id: int) -> int:
    """How many times the worker's log says it extracted the article (and committed)."""
    return worker.output().count(f"Extracted article {article_id}:")


def status_of(article_id: int) -> str:
    return Article.objects.get(pk=article_id).extraction_status


def test_killed_worker_task_is_extracted_exactly_once_by_the_next_worker(
    private_redis, test_database_url, tmp_path
):
    env = app_environment(
        test_database_url,
        private_redis.url,
        CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT),
        # The article is longer than the default article limit (300,000 characters) on
        # purpose: its extraction must last long enough to kill the worker during it.
        MAX_ARTICLE_CHARS=str(len(long_article())),
        EXTRACTION_LEASE_SECONDS=str(LEASE),
    )
    manage(env, "create_demo_users")
    web, base = gunicorn(env, tmp_path / "gunicorn.log")
    first = celery_worker(env, tmp_path / "first-worker.log")
    second = None
    try:
        wait_for(lambda: "ready." in first.output(), 60, "the first worker to start")
        desk = DeskBrowser(base)
        desk.log_in("editor", "editor-factdesk")
        body = long_article()
        response = desk.post(
            "/articles/new/paste/",
            {"new_story": "Killed worker", "headline": "A long article", "text": body},
        )
        assert response.status_code == 200, response.text
        article_id = Article.objects.get(headline="A long article").pk

        wait_for(lambda: status_of(article_id) == ExtractionStatus.RUNNING, 60, "extraction")
        first.kill()
        # Nothing half-written: the run's transaction died with the worker.
        assert Claim.objects.filter(article_id=article_id).count() == 0
        assert status_of(article_id) == ExtractionStatus.RUNNING

        second = celery_worker(env, tmp_path / "second-worker.log")
        wait_for(lambda: status_of(article_id) == ExtractionStatus.DONE, 120, "re-extraction")
        expected = len(extract_candidates(body, "A long article"))
        spans = list(Claim.objects.filter(article_id=article_id).values_list("start", "end"))
        assert len(spans) == expected
        assert len(set(spans)) == len(spans)

        # Exactly once: the killed worker never finished it and the second extracted it
        # one time. Delivery itself is at least once: on a busy machine a run can outlast
        # this test's 3 s visibility timeout and the task arrives again, and that second
        # delivery must find the work done and write nothing.
        wait_for(lambda: runs(second, MATCH), 60, "matching after the extraction")
        time.sleep(VISIBILITY_TIMEOUT * 2)
        assert runs(first, EXTRACT) == 0
        assert extractions(first, article_id) == 0
        assert extractions(second, article_id) == 1, second.output()
        deliveries = runs(second, EXTRACT)
        assert deliveries >= 1
        no_ops = second.output().count(f"Article {article_id} is already extracted")
        assert no_ops == deliveries - 1, second.output()
        assert Claim.objects.filter(article_id=article_id).count() == expected
    finally:
        for service in (first, second, web):
            if service:
                service.stop()
