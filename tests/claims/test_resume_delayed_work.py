"""The sweep that resends work the task queue could not take, run by a real worker."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, ExtractionStatus, Story
from articles.services import ingest_files
from claims.models import Claim
from claims.services.clusters import mark_matching_delayed
from claims.services.extraction import resume_delayed_work
from harness.processes import wait_for
from tests.factories import ArticleFactory, StoryFactory

pytestmark = pytest.mark.worker


def status_of(article: Article) -> str:
    return Article.objects.get(pk=article.pk).extraction_status


def queue_idle(app) -> bool:
    """Nothing waiting and nothing running: a task sends its follow-up before its ack."""
    with app.connection_for_write() as connection:
        redis = connection.default_channel.client
        return redis.llen("celery") == 0 and redis.hlen("unacked") == 0


def test_an_article_whose_extraction_was_delayed_is_extracted_by_the_sweep(celery_worker):
    article = ArticleFactory(extraction_status=ExtractionStatus.DELAYED)
    assert resume_delayed_work() == (1, 0)
    wait_for(lambda: status_of(article) == ExtractionStatus.DONE, 30, "the resent extraction")
    assert Claim.objects.filter(article=article).exists()


def test_an_article_pending_for_long_lost_its_task_and_is_sent_again(celery_worker):
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(created_at=timezone.now() - timedelta(hours=1))
    assert resume_delayed_work() == (1, 0)
    wait_for(lambda: status_of(article) == ExtractionStatus.DONE, 30, "the resent extraction")


def test_a_recently_saved_pending_article_is_left_to_its_own_task(db):
    article = ArticleFactory()
    assert resume_delayed_work() == (0, 0)
    assert status_of(article) == ExtractionStatus.PENDING


def test_a_story_whose_matching_was_delayed_is_matched_by_the_sweep(celery_worker, sample_paths):
    story = ingest_files(sample_paths[:2], "delayed-matching").story
    unclustered = Claim.objects.filter(article__story=story, cluster__isnull=True)
    # Both articles extracted and matched, and no matching still queued that would
    # cluster the claims again behind this test's back.
    extracted = Article.objects.filter(story=story, extraction_status=ExtractionStatus.DONE)
    wait_for(
        lambda: extracted.count() == 2 and not unclustered.exists() and queue_idle(celery_worker),
        60,
        "first matching",
    )
    # As if the queue had refused the matching: no clusters, and the story marked.
    story.clusters.all().delete()
    Story.objects.filter(pk=story.pk).update(matching_delayed=True)
    assert unclustered.exists()

    assert resume_delayed_work() == (0, 1)
    wait_for(lambda: not unclustered.exists(), 60, "matching resent by the sweep")
    assert not Story.objects.get(pk=story.pk).matching_delayed


def test_a_rebuild_owed_is_not_downgraded_by_a_plain_match_delayed_later(db):
    story = StoryFactory()
    mark_matching_delayed(story.pk, rebuild=True)
    mark_matching_delayed(story.pk)
    story.refresh_from_db()
    assert story.matching_delayed and story.matching_rebuild_delayed


def test_a_plain_match_delayed_owes_no_rebuild(db):
    story = StoryFactory()
    mark_matching_delayed(story.pk)
    story.refresh_from_db()
    assert story.matching_delayed and not story.matching_rebuild_delayed
