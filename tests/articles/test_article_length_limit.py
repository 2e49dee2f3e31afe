"""One limit on an article's length, MAX_ARTICLE_CHARS, whichever way the article comes in."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from articles.intake import follow_feed, poll_feed
from articles.models import Article, FeedPoll
from articles.services import get_or_create_story
from tests.http_site import local_site  # noqa: F401

HTMX = {"HTTP_HX_REQUEST": "true"}
LONG = "Harbour report\n" + "The port moved 3 million tonnes in 2025, the board said. " * 40


@pytest.fixture
def limit(settings) -> int:
    settings.MAX_ARTICLE_CHARS = 1_000
    return 1_000


@pytest.fixture
def allow_local_site(settings, local_site):  # noqa: F811
    settings.FETCH_ALLOWED_HOSTS = [local_site.host_port]
    return local_site


def test_the_default_limit_is_a_long_report_and_fits_in_a_request(settings):
    assert settings.MAX_ARTICLE_CHARS == 300_000
    # A paste at the limit, every character four bytes and percent-encoded, is accepted.
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE > 12 * settings.MAX_ARTICLE_CHARS


def test_a_pasted_article_over_the_limit_is_refused_with_its_length(client, reporter, limit):
    client.force_login(reporter)
    response = client.post(
        reverse("submit-articles", args=["paste"]), {"text": LONG, "new_story": "Port"}, **HTMX
    )
    assert "pasted text: is 2,279 characters long; the limit for an article is 1,000" in (
        response.text
    )
    assert not Article.objects.exists()


def test_an_uploaded_article_over_the_limit_is_refused_by_name(client, reporter, limit):
    client.force_login(reporter)
    files = [SimpleUploadedFile("port.txt", LONG.encode())]
    response = client.post(
        reverse("submit-articles", args=["upload"]), {"files": files, "new_story": "Port"}, **HTMX
    )
    assert "Refused port.txt: is 2,279 characters long; the limit for an article" in (response.text)
    assert not Article.objects.exists()


def test_an_article_by_web_address_over_the_limit_is_refused(
    client, reporter, limit, allow_local_site
):
    client.force_login(reporter)
    url = allow_local_site.url(allow_local_site.samples[0].path)
    response = client.post(
        reverse("submit-articles", args=["url"]), {"url": url, "new_story": "Netflix"}, **HTMX
    )
    assert f"Refused {url}: is " in response.text
    assert "characters long; the limit for an article is 1,000 characters." in response.text
    assert not Article.objects.exists()


def test_a_feed_item_over_the_limit_is_recorded_as_a_problem_not_a_crash(
    db, limit, allow_local_site
):
    feed = follow_feed(get_or_create_story("followed"), allow_local_site.url("/feed.rss"))
    poll = poll_feed(feed.pk)
    assert poll.outcome == FeedPoll.Outcome.FAILED
    assert "the limit for an article is 1,000 characters" in poll.message
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_an_ingested_file_over_the_limit_is_refused_by_name(tmp_path, limit):
    path = tmp_path / "port.txt"
    path.write_text(LONG)
    err = StringIO()
    with pytest.raises(Exception, match="No article was added"):
        call_command("ingest", str(path), "--story", "port", stdout=StringIO(), stderr=err)
    assert "Refused port.txt: is 2,279 characters long; the limit for an article" in (
        err.getvalue()
    )
    assert not Article.objects.exists()
