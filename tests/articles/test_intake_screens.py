"""Adding articles from the desk: paste, upload, duplicates, story suggestions, bad input."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, Story
from articles.services import ingest_files

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def reporter_client(client, reporter):
    client.force_login(reporter)
    return client


def post(client, mode, data):
    return client.post(reverse("submit-articles", args=[mode]), data, **HTMX)


def test_only_people_who_add_articles_see_the_screen(client, reporter, checker):
    client.force_login(checker)
    assert client.get(reverse("add-articles")).status_code == 403
    client.force_login(reporter)
    assert client.get(reverse("add-articles")).status_code == 200


def test_pasted_text_becomes_an_article_of_a_new_story(
    reporter_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = post(reporter_client, "paste", {
            "text": "Netflix goes all in\nRevenue rose 17% to $11.5 billion, Netflix said.",
            "outlet": "Wire", "new_story": "Netflix earnings",
        })  # fmt: skip
    article = Article.objects.get()
    assert article.story.title == "Netflix earnings" and article.outlet == "Wire"
    assert article.headline == "Netflix goes all in"
    assert "Added to" in response.text and "extraction pending" in response.text
    assert len(callbacks) == 1  # extraction is queued once the article is committed


def test_empty_paste_is_refused_and_saves_nothing(reporter_client):
    response = post(reporter_client, "paste", {"text": "   ", "new_story": "Empty"})
    assert "Paste the article text." in response.text
    assert not Story.objects.exists() and not Article.objects.exists()


def test_uploads_save_every_readable_file_and_name_the_refused_ones(reporter_client, sample_paths):
    files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in sample_paths[:2]]
    files.append(SimpleUploadedFile("photo.txt", b"\x89PNG\x00\x00" * 50))
    files.append(SimpleUploadedFile("notes.odt", b"PK\x03\x04"))
    response = post(reporter_client, "upload", {"files": files, "new_story": "Netflix"})
    assert Article.objects.count() == 2
    assert "Refused photo.txt: looks like a binary file, not text." in response.text
    assert "Refused notes.odt: unsupported file type" in response.text


def test_an_upload_over_the_size_limit_is_refused(reporter_client, settings):
    settings.MAX_UPLOAD_BYTES = 2_000
    big = SimpleUploadedFile("long.txt", b"Headline\n" + b"word " * 1_000)
    response = post(reporter_client, "upload", {"files": [big], "new_story": "Big"})
    assert "long.txt: is 0.0 MB; the limit is" in response.text
    assert not Article.objects.exists()


def test_html_full_of_scripts_is_stored_as_text_and_shown_inert(reporter_client, checker):
    page = (
        b"<html><body><h1>Quarterly results</h1><script>alert('x')</script>"
        b"<p>Revenue rose 17% to $11.5 billion <img src=x onerror=alert(1)>.</p></body></html>"
    )
    post(
        reporter_client, "upload", {"files": [SimpleUploadedFile("p.html", page)], "new_story": "S"}
    )
    article = Article.objects.get()
    assert "alert('x')" not in article.body and "<img" not in article.body
    reporter_client.force_login(checker)
    shown = reporter_client.get(article.get_absolute_url()).text
    assert "onerror=alert" not in shown and "<script>alert" not in shown


def test_the_same_text_twice_is_not_added_and_the_user_is_told_which_article(
    reporter_client, sample_paths
):
    text = sample_paths[0].read_text()
    post(reporter_client, "paste", {"text": text, "new_story": "Netflix"})
    story = Story.objects.get()
    response = post(reporter_client, "paste", {"text": text, "story": story.slug})
    assert Article.objects.count() == 1
    assert "has the same text as" in response.text
    assert Article.objects.get().headline in response.text


def test_nearly_identical_text_is_a_duplicate_too(reporter_client, sample_paths):
    text = sample_paths[0].read_text()
    post(reporter_client, "paste", {"text": text, "new_story": "Netflix"})
    story = Story.objects.get()
    edited = text.replace("Tuesday", "Wednesday", 1)
    response = post(reporter_client, "paste", {"text": edited, "story": story.slug})
    assert Article.objects.count() == 1
    assert "has nearly the same text as" in response.text


def test_without_a_story_the_best_matching_story_is_offered(reporter_client, sample_paths):
    ingest_files(sample_paths[:4], "netflix-ai", story_title="Netflix and AI")
    ingest_files([], "football", story_title="Cup final")
    response = post(reporter_client, "paste", {"text": sample_paths[4].read_text()})
    assert "This looks like" in response.text
    assert 'value="netflix-ai"' in response.text
    assert 'value="football"' not in response.text
    assert Article.objects.count() == 4  # nothing saved until the user confirms
    post(reporter_client, "paste", {
        "text": sample_paths[4].read_text(), "suggested_story": "netflix-ai",
    })  # fmt: skip
    assert Story.objects.get(slug="netflix-ai").articles.count() == 5


def test_unrelated_text_gets_no_suggestion(reporter_client, sample_paths):
    ingest_files(sample_paths[:2], "netflix-ai")
    text = "Local council approves new bus lanes\nThe council voted 7 to 2 on Monday for bus lanes."
    response = post(reporter_client, "paste", {"text": text})
    assert "No existing story is close." in response.text


def test_inline_progress_keeps_polling_until_extraction_ends(reporter_client, db):
    from tests.factories import ArticleFactory

    article = ArticleFactory()
    url = reverse("article-status", args=[article.pk]) + "?inline=1"
    response = reporter_client.get(url, **HTMX)
    assert "every 2s" in response.text and "HX-Refresh" not in response.headers
    article.extraction_status = "done"
    article.save()
    response = reporter_client.get(url, **HTMX)
    assert "extraction done" in response.text and "every 2s" not in response.text
