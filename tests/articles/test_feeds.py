"""Reading RSS and Atom feeds served by a real local HTTP server."""

import pytest

from articles.feeds import FeedEntry, read_feed
from articles.web_client import FetchedPage, FetchRefused, fetch_url
from articles.web_pages import extract_article
from tests.http_site import SAMPLES, local_site  # noqa: F401 - the fixture


@pytest.fixture
def site(local_site, settings):  # noqa: F811 - the imported fixture
    settings.FETCH_ALLOW_PRIVATE = False
    settings.FETCH_ALLOWED_HOSTS = [local_site.host_port]
    return local_site


def rss(items: str) -> FetchedPage:
    channel = f"<channel><title>t</title>{items}</channel>"
    xml = f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'
    url = "https://news.example/feeds/main.rss"
    return FetchedPage(url, xml.encode(), "application/rss+xml", None)


def test_an_rss_feed_lists_the_five_articles_with_their_guids_as_keys(site):
    page = fetch_url(site.url("/feed.rss"))

    entries = read_feed(page)

    assert [entry.url for entry in entries] == [site.url(s.path) for s in SAMPLES]
    assert [entry.title for entry in entries] == [s.headline for s in SAMPLES]
    expected_keys = [f"factdesk-sample-{s.name}" for s in SAMPLES[:-1]]
    # The last item has no guid: its link is its key.
    assert [entry.key for entry in entries] == [*expected_keys, site.url(SAMPLES[-1].path)]


def test_an_atom_feed_lists_the_five_articles_with_their_ids_as_keys(site):
    entries = read_feed(fetch_url(site.url("/feed.atom")))

    assert entries == [
        FeedEntry(url=site.url(s.path), title=s.headline, key=f"urn:factdesk:sample:{s.name}")
        for s in SAMPLES
    ]


def test_each_feed_entry_can_be_fetched_as_an_article(site):
    for entry in read_feed(fetch_url(site.url("/feed.atom"))):
        article = extract_article(fetch_url(entry.url))
        assert article.headline == entry.title


@pytest.mark.parametrize("path", [SAMPLES[0].path, "/not-article", "/plain-text"])
def test_a_page_that_is_not_a_feed_is_refused(site, path):
    with pytest.raises(FetchRefused) as caught:
        read_feed(fetch_url(site.url(path)))

    assert str(caught.value) == "is not an RSS or Atom feed"


def test_json_is_refused_when_fetched_and_is_not_read_as_a_feed(site):
    with pytest.raises(FetchRefused) as caught:
        fetch_url(site.url("/feed.json"))
    assert str(caught.value) == "is an application/json file, not a web page"

    page = FetchedPage("https://news.example/feed.json", b'{"items": []}', "text/plain", None)
    with pytest.raises(FetchRefused, match="is not an RSS or Atom feed"):
        read_feed(page)


def test_feedparser_is_given_bytes_and_never_fetches_a_url_itself(site):
    site.host_headers.clear()
    # Content that is itself a feed's address: feedparser would fetch it if given a string.
    page = FetchedPage(
        "https://news.example/x", site.url("/feed.rss").encode(), "application/rss+xml", None
    )

    with pytest.raises(FetchRefused):
        read_feed(page)
    assert site.host_headers == []


def test_relative_links_are_resolved_and_repeated_or_unfetchable_items_dropped():
    page = rss(
        '<item><title>One</title><link>/2025/one.html</link><guid isPermaLink="false">g1</guid>'
        "</item>"
        '<item><title>One again</title><link>/2025/one-copy.html</link><guid isPermaLink="false">'
        "g1</guid></item>"
        "<item><title>Mail</title><link>mailto:desk@news.example</link></item>"
        '<item><title>No link</title><guid isPermaLink="false">g3</guid></item>'
        "<item><title>  Two\n lines </title><link>https://other.example/two</link></item>"
    )

    assert read_feed(page) == [
        FeedEntry("https://news.example/2025/one.html", "One", "g1"),
        FeedEntry("https://other.example/two", "Two lines", "https://other.example/two"),
    ]


def test_an_empty_feed_has_no_entries():
    assert read_feed(rss("")) == []


def test_a_feed_with_an_external_entity_does_not_read_local_files():
    xml = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        '<rss version="2.0"><channel><title>t</title>'
        "<item><title>&xxe;</title><link>https://news.example/a</link></item>"
        "</channel></rss>"
    )
    page = FetchedPage("https://news.example/feed", xml.encode(), "application/rss+xml", None)

    titles = [entry.title for entry in read_feed(page)]

    assert not any("root:" in title for title in titles)
