"""Editors see extraction progress live, and can re-extract an article."""

from django.urls import reverse

from articles.models import ExtractionStatus
from claims.models import Claim
from claims.services.review import record_verdict
from tests.factories import ArticleFactory, UserFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_story_page_polls_while_articles_are_pending(checker_client, db):
    article = ArticleFactory()
    ArticleFactory(story=article.story, extraction_status=ExtractionStatus.DONE)
    response = checker_client.get(article.story.get_absolute_url())
    assert 'hx-trigger="every 2s"' in response.text
    assert "Extraction: 1 of 2 articles done" in response.text


def test_story_page_stops_polling_once_every_article_is_finished(checker_client, db):
    article = ArticleFactory(extraction_status=ExtractionStatus.DONE)
    ArticleFactory(
        story=article.story, extraction_status=ExtractionStatus.FAILED, extraction_error="boom"
    )
    response = checker_client.get(article.story.get_absolute_url(), **HTMX)
    assert response.text.lstrip().startswith('<section id="articles-table"')
    assert "every 2s" not in response.text
    assert "1 failed" in response.text
    assert "boom" in response.text


def test_article_status_poll_returns_the_badge_while_running(checker_client, db):
    article = ArticleFactory(extraction_status=ExtractionStatus.RUNNING)
    response = checker_client.get(reverse("article-status", args=[article.pk]), **HTMX)
    assert "extraction running" in response.text
    assert "HX-Refresh" not in response.headers


def test_article_status_poll_reloads_the_page_when_extraction_ends(checker_client, db):
    article = ArticleFactory(extraction_status=ExtractionStatus.DONE)
    response = checker_client.get(reverse("article-status", args=[article.pk]), **HTMX)
    assert response.headers["HX-Refresh"] == "true"


def test_a_checker_without_edit_rights_cannot_re_extract(checker_client, db):
    article = ArticleFactory(extraction_status=ExtractionStatus.DONE)
    response = checker_client.post(reverse("article-reextract", args=[article.pk]))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.extraction_status == ExtractionStatus.DONE


def test_an_editor_re_extracts_and_keeps_checked_claims(client, db):
    from claims.services.extraction import extract_claims

    editor = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(editor)
    article = ArticleFactory()
    extract_claims(article.pk)
    checked = article.claims.first()
    record_verdict(claim=checked, checked_by=editor, label="supported", rationale="ok")
    response = client.post(reverse("article-reextract", args=[article.pk]), follow=True)
    assert "Re-extraction queued" in response.text
    article.refresh_from_db()
    assert article.extraction_status == ExtractionStatus.PENDING
    assert Claim.objects.filter(pk=checked.pk).exists()


def test_admin_action_queues_re_extraction_and_says_how_many(client, db):
    editor = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(editor)
    first = ArticleFactory(extraction_status=ExtractionStatus.DONE)
    second = ArticleFactory(extraction_status=ExtractionStatus.FAILED)
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "reextract", "index": 0, "_selected_action": [first.pk, second.pk]},
        follow=True,
    )
    assert "Queued re-extraction for 2 articles" in response.text
    first.refresh_from_db()
    second.refresh_from_db()
    assert {first.extraction_status, second.extraction_status} == {ExtractionStatus.PENDING}
