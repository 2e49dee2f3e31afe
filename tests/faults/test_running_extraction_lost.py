"""A worker killed mid-extraction while the queue loses the task too (Redis flushed): nothing
would ever deliver it again. The sweep finds the dead run's lease lapsed and sends the article
once; sweeps during the new run leave it alone; the article is extracted exactly once."""

import time

import pytest
import redis

from articles.models import Article, ExtractionStatus
from claims.extraction import extract_candidates
from claims.models import Claim
from harness.processes import app_environment, celery_worker, manage, wait_for
from tests.conftest import SAMPLE_CORPUS
from tests.faults.test_worker_killed_mid_extraction import EXTRACT, extractions, runs, status_of

pytestmark = pytest.mark.faults

LEASE = 2  # EXTRACTION_LEASE_SECONDS: renewed every 2/3 s while a run lives
SWEEP = "claims.tasks.resume_delayed_work"


def long_article() -> str:
    # Fifteen copies of the sample story: seconds to extract, time to kill the worker.
    texts = [path.read_text() for path in sorted(SAMPLE_CORPUS.glob("*.txt"))]
    return "\n\n".join(["\n\n".join(texts)] * 15)


def sweeps_during_the_run(worker) -> int:
    """Sweeps the worker finished between receiving the extraction and finishing it."""
    lines = worker.output().splitlines()
    start = next(n for n, line in enumerate(lines) if f"Task {EXTRACT}[" in line)
    end = next(n for n, line in enumerate(lines) if "Extracted article" in line)
    return sum(1 for line in lines[start:end] if f"Task {SWEEP}[" in line and " succeeded " in line)


def test_a_lost_running_extraction_is_resumed_by_the_sweep_exactly_once(
    private_redis, test_database_url, tmp_path
):
    env = app_environment(
        test_database_url,
        private_redis.url,
        EXTRACTION_LEASE_SECONDS=str(LEASE),
        RESUME_DELAYED_WORK_SECONDS="1",
    )
    body = long_article()
    (tmp_path / "long.txt").write_text("A long article\n\n" + body)
    first = celery_worker(env, tmp_path / "first-worker.log")
    second = None
    try:
        wait_for(lambda: "ready." in first.output(), 60, "the first worker to start")
        manage(env, "ingest", str(tmp_path / "long.txt"), "--story", "lost-run")
        article = Article.objects.get(story__slug="lost-run")

        wait_for(lambda: status_of(article.pk) == ExtractionStatus.RUNNING, 60, "extraction")
        first.kill()
        # The queue forgets the task too: nothing is left to redeliver it.
        redis.Redis.from_url(private_redis.url).flushall()
        assert Claim.objects.filter(article=article).count() == 0
        assert status_of(article.pk) == ExtractionStatus.RUNNING

        # Beat sweeps every second, next to the extraction (two worker processes).
        second = celery_worker(env, tmp_path / "second-worker.log", beat=True, concurrency=2)
        wait_for(lambda: status_of(article.pk) == ExtractionStatus.DONE, 90, "the resumed run")
        time.sleep(3)  # more sweeps, now that it is done

        expected = len(extract_candidates(article.body, article.headline))
        spans = list(Claim.objects.filter(article=article).values_list("start", "end"))
        assert len(spans) == expected == len(set(spans))
        assert extractions(first, article.pk) == 0
        # Sent again once: the only delivery after the flush is the sweep's.
        assert runs(second, EXTRACT) == 1, second.output()
        assert extractions(second, article.pk) == 1
        assert sweeps_during_the_run(second) >= 1, second.output()
        assert runs(second, SWEEP) >= 4
    finally:
        for service in (first, second):
            if service:
                service.kill()
