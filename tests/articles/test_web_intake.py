"""Articles by web address and by feed, from a real local web server."""

import pytest
from django.urls import reverse

from articles.intake import fetch_article, follow_feed, poll_feed
from articles.models import Article, FeedPoll
from articles.services import get_or_create_story, ingest_files
from claims.services.extraction import extract_claims
from tests.http_site import local_site  # noqa: F401

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def allow_local_site(settings, local_site):  # noqa: F811
    # Only this test server is exempt from the private-address refusal.
    settings.FETCH_ALLOWED_HOSTS = [local_site.host_port]
    return local_site


def claims_of(article) -> list[tuple[str, str, str]]:
    extract_claims(article.pk)
    return sorted(article.claims.values_list("text", "kind", "speaker"))


def test_the_five_samples_by_web_address_give_the_same_claims_as_the_files(
    db, sample_paths, allow_local_site
):
    from_files = ingest_files(sample_paths, "from-files").created
    web_story = get_or_create_story("from-web")
    for sample, file_article in zip(allow_local_site.samples, from_files, strict=True):
        report = fetch_article(web_story, allow_local_site.url(sample.path))
        assert not report.refused, report.refused
        web_article = report.created[0]
        assert web_article.outlet == sample.outlet
        assert web_article.byline == sample.byline
        assert str(web_article.published_on) == sample.published
        assert claims_of(web_article) == claims_of(file_article), sample.name


def test_a_user_adds_an_article_by_address_from_the_desk(client, reporter, allow_local_site):
    client.force_login(reporter)
    url = allow_local_site.url(allow_local_site.samples[4].path)
    response = client.post(
        reverse("submit-articles", args=["url"]), {"url": url, "new_story": "Netflix"}, **HTMX
    )
    article = Article.objects.get()
    assert article.url == url and article.outlet == "TechCrunch"
    assert "Added to" in response.text
    again = client.post(
        reverse("submit-articles", args=["url"]),
        {"url": url, "story": article.story.slug},
        **HTMX,
    )
    assert "has the same web address as" in again.text
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "returned 404"),
        ("/redirect-loop", "redirects in a loop"),
        ("/file.zip", "not a web page"),
        ("/not-article", "does not look like an article"),
        ("/redirect-to-private", "private or local address"),
    ],
)
def test_bad_addresses_are_refused_with_a_clear_message_and_nothing_saved(
    client, reporter, allow_local_site, path, message
):
    client.force_login(reporter)
    response = client.post(
        reverse("submit-articles", args=["url"]),
        {"url": allow_local_site.url(path), "new_story": "Bad"},
        **HTMX,
    )
    assert message in response.text
    assert not Article.objects.exists()


def test_loopback_addresses_are_refused_unless_allowed(client, reporter, local_site):  # noqa: F811
    client.force_login(reporter)
    response = client.post(
        reverse("submit-articles", args=["url"]),
        {"url": local_site.url(local_site.samples[0].path), "new_story": "SSRF"},
        **HTMX,
    )
    assert "private or local address" in response.text
    assert not Article.objects.exists()


def test_a_feed_adds_each_item_once_and_records_every_poll(db, allow_local_site):
    story = get_or_create_story("followed")
    feed = follow_feed(story, allow_local_site.url("/feed.rss"))
    first = poll_feed(feed.pk)
    assert (first.outcome, first.added, first.skipped) == ("ok", 5, 0)
    second = poll_feed(feed.pk)
    assert (second.outcome, second.added, second.skipped) == ("ok", 0, 5)
    assert story.articles.count() == 5
    assert feed.items.count() == 5
    feed.refresh_from_db()
    assert feed.last_polled_at is not None


def test_an_atom_feed_of_articles_already_added_by_rss_adds_nothing(db, allow_local_site):
    story = get_or_create_story("followed")
    poll_feed(follow_feed(story, allow_local_site.url("/feed.rss")).pk)
    atom = poll_feed(follow_feed(story, allow_local_site.url("/feed.atom")).pk)
    assert (atom.added, atom.skipped) == (0, 5)
    assert story.articles.count() == 5


def test_a_broken_feed_records_a_failed_poll_with_the_reason(db, allow_local_site):
    feed = follow_feed(get_or_create_story("broken"), allow_local_site.url("/missing"))
    poll = poll_feed(feed.pk)
    assert poll.outcome == FeedPoll.Outcome.FAILED
    assert "404" in poll.message


def test_the_story_page_lists_feeds_with_their_last_poll(client, editor, allow_local_site):
    story = get_or_create_story("followed")
    poll_feed(follow_feed(story, allow_local_site.url("/feed.rss")).pk)
    client.force_login(editor)
    page = client.get(story.get_absolute_url()).text
    assert allow_local_site.url("/feed.rss") in page and "OK, 5 added" in page


def test_following_a_feed_from_the_story_page_queues_its_first_poll(
    client, editor, django_capture_on_commit_callbacks
):
    story = get_or_create_story("followed")
    client.force_login(editor)
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(reverse("add-feed", args=[story.slug]), {"url": "https://example.org/feed"})
    assert story.feeds.get().url == "https://example.org/feed"
    assert len(callbacks) == 1
