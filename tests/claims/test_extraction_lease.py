"""A running extraction holds its article on a lease (claims/services/leases.py): the sweep
sends again, exactly once, an article whose run died, and leaves a live run alone. Sends are
read back from the real Redis queue."""

import base64
import json
import threading
import time
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, ExtractionStatus
from claims.models import Claim
from claims.services import extraction
from claims.services.extraction import extract_claims, reextract_articles, resume_delayed_work
from tests.claims.test_lock_order import long_report
from tests.factories import ArticleFactory

EXTRACT = "claims.tasks.extract_article_claims"


@pytest.fixture
def task_queue():
    """The real broker's queue, empty; `queued()` lists the article ids of extraction tasks."""
    from django.conf import settings

    from factdesk.celery import app

    if not settings.REDIS_URL or app.conf.task_always_eager:
        pytest.fail("This test needs a real broker: set REDIS_URL (make test does).")
    app.control.purge()
    yield app
    app.control.purge()


def queued(app) -> list[int]:
    with app.connection_for_write() as connection:
        raw = connection.default_channel.client.lrange("celery", 0, -1)
    messages = [json.loads(message) for message in raw]
    return sorted(
        json.loads(base64.b64decode(message["body"]))[0][0]
        for message in messages
        if message["headers"]["task"] == EXTRACT
    )


def running(article: Article, *, lease_left: timedelta) -> uuid.UUID:
    """Put the article in the hands of a run (of a worker that may be dead by now)."""
    run = uuid.uuid4()
    Article.objects.filter(pk=article.pk).update(
        extraction_status=ExtractionStatus.RUNNING,
        extraction_run=run,
        extraction_lease_until=timezone.now() + lease_left,
    )
    return run


def sweep(capture) -> tuple[int, int]:
    """One sweep, its sends made when it commits (as outside a test transaction)."""
    with capture(execute=True):
        return resume_delayed_work()


@pytest.mark.django_db
def test_a_running_article_whose_lease_ran_out_is_sent_again_once(
    task_queue, django_capture_on_commit_callbacks
):
    article = ArticleFactory()
    running(article, lease_left=timedelta(seconds=-1))

    assert sweep(django_capture_on_commit_callbacks) == (1, 0)
    assert queued(task_queue) == [article.pk]
    article.refresh_from_db()
    assert article.extraction_status == ExtractionStatus.PENDING
    assert article.extraction_run is None
    # Queued again, it has a fresh lease for its task to start: the next sweeps leave it be.
    assert sweep(django_capture_on_commit_callbacks) == (0, 0)
    assert queued(task_queue) == [article.pk]


@pytest.mark.django_db
def test_a_running_article_whose_lease_is_live_is_left_to_its_run(
    task_queue, django_capture_on_commit_callbacks
):
    article = ArticleFactory()
    run = running(article, lease_left=timedelta(seconds=30))

    assert sweep(django_capture_on_commit_callbacks) == (0, 0)
    assert queued(task_queue) == []
    article.refresh_from_db()
    assert (article.extraction_status, article.extraction_run) == (ExtractionStatus.RUNNING, run)


@pytest.mark.django_db(transaction=True)
def test_sweeps_running_at_once_send_each_lost_article_once_between_them(task_queue):
    articles = [ArticleFactory() for _ in range(30)]
    for article in articles:
        running(article, lease_left=timedelta(seconds=-1))
    start, sent, errors = threading.Barrier(4), [], []

    def beat():
        from django.db import connection

        try:
            start.wait(10)
            for _ in range(3):
                sent.append(resume_delayed_work()[0])
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    sweeps = [threading.Thread(target=beat) for _ in range(4)]
    for thread in sweeps:
        thread.start()
    for thread in sweeps:
        thread.join(30)

    assert errors == []
    assert sum(sent) == len(articles)
    assert queued(task_queue) == sorted(article.pk for article in articles)


@pytest.mark.django_db
def test_a_delivery_that_finds_a_live_lease_leaves_the_article_to_its_run():
    article = ArticleFactory()
    run = running(article, lease_left=timedelta(seconds=30))

    # A duplicate delivery, forced or not (the queue redelivers a task it thinks was lost).
    assert extract_claims(article.pk) == 0
    assert extract_claims(article.pk, force=True) == 0
    article.refresh_from_db()
    assert (article.extraction_status, article.extraction_run) == (ExtractionStatus.RUNNING, run)
    assert not Claim.objects.filter(article=article).exists()


def taken_over_during_extraction(monkeypatch, article: Article, take_over) -> None:
    """While the run extracts (the real extraction), `take_over()` takes the article from it."""
    extract = extraction.extract_candidates

    def extract_then_lose_the_lease(body, headline=""):
        candidates = extract(body, headline)
        take_over()
        return candidates

    monkeypatch.setattr(extraction, "extract_candidates", extract_then_lose_the_lease)


@pytest.mark.django_db
def test_a_run_whose_lease_the_sweep_took_over_stores_nothing(
    monkeypatch, django_capture_on_commit_callbacks
):
    article = ArticleFactory()

    def worker_stalls_and_the_sweep_resends():
        expired = timezone.now() - timedelta(seconds=1)
        Article.objects.filter(pk=article.pk).update(extraction_lease_until=expired)
        with django_capture_on_commit_callbacks():  # queued, not sent: this test runs it below
            assert resume_delayed_work() == (1, 0)

    taken_over_during_extraction(monkeypatch, article, worker_stalls_and_the_sweep_resends)
    assert extract_claims(article.pk) == 0
    article.refresh_from_db()
    assert article.extraction_status == ExtractionStatus.PENDING
    assert not Claim.objects.filter(article=article).exists()

    monkeypatch.undo()
    assert extract_claims(article.pk) > 0  # the delivery the sweep sent
    article.refresh_from_db()
    assert article.extraction_status == ExtractionStatus.DONE


@pytest.mark.django_db
def test_a_run_taken_over_that_then_fails_does_not_mark_the_article_failed(
    monkeypatch, django_capture_on_commit_callbacks
):
    article = ArticleFactory()

    def editor_re_extracts_then_the_old_run_crashes():
        with django_capture_on_commit_callbacks():
            reextract_articles([article.pk])
        raise RuntimeError("worker out of memory")

    taken_over_during_extraction(monkeypatch, article, editor_re_extracts_then_the_old_run_crashes)
    with pytest.raises(RuntimeError):
        extract_claims(article.pk)
    article.refresh_from_db()
    assert article.extraction_status == ExtractionStatus.PENDING
    assert article.extraction_error == ""


@pytest.mark.django_db
def test_re_extracting_an_article_stuck_running_extracts_it(django_capture_on_commit_callbacks):
    article = ArticleFactory()
    running(article, lease_left=timedelta(seconds=30))  # its worker died a moment ago

    with django_capture_on_commit_callbacks() as sends:
        assert reextract_articles([article.pk]) == 1
    assert len(sends) == 1
    assert extract_claims(article.pk, force=True) > 0  # the task the editor's click sent
    article.refresh_from_db()
    assert article.extraction_status == ExtractionStatus.DONE
    assert (article.extraction_run, article.extraction_lease_until) == (None, None)


@pytest.mark.django_db(transaction=True)
def test_a_long_extraction_renews_its_lease_so_the_sweep_leaves_it_alone(
    task_queue, settings, caplog
):
    settings.EXTRACTION_LEASE_SECONDS = 1.2  # renewed every 0.4 s
    article = ArticleFactory(body=long_report(1000, seed=1))  # seconds to extract
    result: dict[str, object] = {}

    def work():
        from django.db import connection

        try:
            result["count"] = extract_claims(article.pk)
        finally:
            connection.close()

    worker = threading.Thread(target=work)
    with caplog.at_level("INFO", logger="claims.services.extraction"):
        worker.start()
        leases, sweeps = set(), []
        while worker.is_alive():
            row = Article.objects.filter(pk=article.pk)
            status, lease = row.values_list("extraction_status", "extraction_lease_until").get()
            if status == ExtractionStatus.RUNNING:
                leases.add(lease)
                sweeps.append(resume_delayed_work()[0])
            time.sleep(0.1)
        worker.join()

    assert len(leases) >= 3, "the lease was not renewed"  # the extraction outlived it
    assert sweeps and set(sweeps) == {0}
    assert queued(task_queue) == []
    assert result["count"] == Claim.objects.filter(article=article).count() > 0
    assert caplog.text.count(f"Extracted article {article.pk}:") == 1
