"""Ingestion is all-or-nothing: a failure part-way leaves no story and no article behind."""

import pytest

from articles import services
from articles.models import Article, Story
from articles.services import ingest_files


@pytest.mark.django_db
def test_a_failure_after_the_first_article_rolls_back_the_whole_batch(sample_paths, monkeypatch):
    real_add_article = services._add_article
    calls = []

    def add_then_fail(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_add_article(*args, **kwargs)

    monkeypatch.setattr(services, "_add_article", add_then_fail)
    with pytest.raises(RuntimeError, match="disk full"):
        ingest_files(sample_paths, "half-written")
    assert not Story.objects.exists()
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_extraction_is_enqueued_only_after_the_articles_are_committed(
    sample_paths, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        report = ingest_files(sample_paths[:2], "on-commit")
    # One enqueue per article, each waiting for the commit rather than sent inside it.
    assert len(callbacks) == 2
    assert len(report.created) == 2
