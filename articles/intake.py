"""The ways articles come in from the desk: pasted text, uploads, web pages, feeds.

Each reads and checks its input first (the view hands over what the form parsed: text, the
uploaded files, an address), then saves in one transaction through
`articles.services.save_articles`, so bad input leaves nothing behind. With no story chosen,
`suggest_*` read the input as far as needed to say which story it looks like, saving nothing.
"""

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from rapidfuzz import fuzz

from articles.models import Article, Feed, FeedItem, FeedPoll, Story
from articles.reading import (
    ArticleText,
    UnreadableArticle,
    read_article_bytes,
    split_headline,
)
from articles.services import SAME_ADDRESS, IngestReport, article_at_address, save_articles
from factdesk.queueing import send_after_commit

if TYPE_CHECKING:
    from articles.web_pages import WebArticle


def paste_article(story: Story, *, headline: str, outlet: str, text: str) -> IngestReport:
    """An article typed or pasted into the desk; the headline may be its first line."""
    return save_articles(story, [_pasted_text(headline, text)], outlet=outlet)


def _pasted_text(headline: str, text: str) -> ArticleText:
    body = text.replace("\r\n", "\n").strip()
    if not body:
        raise UnreadableArticle("The article text is empty.")
    if headline.strip():
        return ArticleText(headline=headline.strip(), body=body, origin="pasted text")
    return split_headline(body, origin="pasted text")


def upload_articles(
    story: Story,
    files: Iterable[File],
    *,
    outlet: str = "",
    refused: Iterable[str] = (),
) -> IngestReport:
    """Uploaded files: each readable one is saved, each unreadable one refused by name.

    ``refused`` are refusals made earlier (by the upload handler), reported first.
    """
    texts, refusals = read_uploads(files)
    return save_articles(story, texts, outlet=outlet, refused=[*refused, *refusals])


def read_uploads(files: Iterable[File]) -> tuple[list[ArticleText], list[str]]:
    """Each uploaded file's text, or its refusal; nothing is saved.

    One file's bytes are in memory at a time: each is read, turned into text and let go
    before the next. All the files together get UPLOAD_READ_SECONDS; a file left when that
    is spent is refused.
    """
    texts, refusals = [], []
    budget = settings.UPLOAD_READ_SECONDS
    deadline = time.monotonic() + budget
    for name, data in _contents(files):
        left = deadline - time.monotonic()
        if left <= 0:
            refusals.append(
                f"{name}: was not read: this upload already took {budget:g} seconds to "
                "read; add this file again on its own."
            )
            continue
        try:
            texts.append(read_article_bytes(name, data, seconds=left))
        except UnreadableArticle as exc:
            refusals.append(str(exc))
    return texts, refusals


def _contents(files: Iterable[File]) -> Iterator[tuple[str, bytes]]:
    for upload in files:
        yield upload.name, upload.read()


def fetch_article(story: Story, url: str, *, outlet: str = "") -> IngestReport:
    """A web page, fetched and reduced to the article with its metadata."""
    url = url.strip()
    report = IngestReport(story=story)
    if existing := article_at_address(story, url):
        report.add_duplicate(url, existing, SAME_ADDRESS)
        return report
    try:
        text = _page_text(url)
    except UnreadableArticle as exc:
        report.refused.append(str(exc))
        return report
    return save_articles(story, [text], outlet=outlet)


def _page_text(url: str) -> ArticleText:
    page = _fetched_article(url)
    # Over the article limit, the page's text is refused here, naming the page.
    return ArticleText(
        headline=page.headline,
        body=page.body,
        origin=page.url,
        outlet=page.outlet,
        byline=page.byline,
        published_on=page.published_on,
        url=page.url,
    )


def _fetched_article(url: str) -> "WebArticle":
    """The article on the page at ``url``, or UnreadableArticle saying why not, after it."""
    # Imported when a page is fetched: trafilatura is slow to import, and most requests
    # fetch nothing.
    from articles.web_client import FetchRefused, fetch_url
    from articles.web_pages import extract_article

    try:
        return extract_article(fetch_url(url))
    except FetchRefused as exc:
        raise UnreadableArticle(f"{url}: {exc}") from exc


def follow_feed(story: Story, url: str) -> Feed:
    """The story follows a feed from now on; the first poll runs once this commits."""
    from articles.tasks import poll_feed_task

    with transaction.atomic():
        feed, _ = Feed.objects.get_or_create(story=story, url=url)
        # With the queue down the first poll waits for beat's next round of every feed.
        send_after_commit(poll_feed_task, feed.pk)
    return feed


def poll_feed(feed_id: int) -> FeedPoll:
    """Visit a feed once: add each new item to the story, and record how it went."""
    from articles.feeds import read_feed
    from articles.web_client import FetchRefused, fetch_url

    feed = Feed.objects.select_related("story").get(pk=feed_id)
    added = skipped = 0
    problems: list[str] = []
    try:
        entries = read_feed(fetch_url(feed.url))
    except FetchRefused as exc:
        return _record_poll(feed, FeedPoll.Outcome.FAILED, message=str(exc))
    seen = set(feed.items.values_list("key", flat=True))
    for entry in entries:
        if entry.key in seen:
            skipped += 1
            continue
        report = fetch_article(feed.story, entry.url)
        if report.refused:
            # Not marked as seen: a page that failed may work at the next poll.
            problems.extend(report.refused)
            continue
        article = report.created[0] if report.created else report.duplicates[0][1]
        FeedItem.objects.get_or_create(feed=feed, key=entry.key, defaults={"article": article})
        added += len(report.created)
        skipped += len(report.duplicates)
    outcome = FeedPoll.Outcome.FAILED if problems and not added else FeedPoll.Outcome.OK
    return _record_poll(feed, outcome, added=added, skipped=skipped, message="\n".join(problems))


def _record_poll(feed: Feed, outcome: str, *, added=0, skipped=0, message="") -> FeedPoll:
    feed.last_polled_at = timezone.now()
    feed.save(update_fields=["last_polled_at"])
    return FeedPoll.objects.create(
        feed=feed, outcome=outcome, added=added, skipped=skipped, message=message
    )


@dataclass(frozen=True)
class StorySuggestion:
    story: Story
    score: float  # 0-100


# Below this, a story is not offered: the texts share little more than common words.
SUGGESTION_THRESHOLD = 40.0
SUGGESTION_SAMPLE = 3_000


def suggest_for_upload(files: Iterable[File]) -> list[StorySuggestion]:
    """The stories the readable ones of these files look like; the others are passed over."""
    texts, _ = read_uploads(files)
    return suggest_stories(" ".join(text.body for text in texts))


def suggest_for_page(url: str) -> list[StorySuggestion]:
    """The stories the article at ``url`` looks like; UnreadableArticle if it cannot be had."""
    return suggest_stories(_fetched_article(url).body)


def suggest_stories(text: str, limit: int = 3) -> list[StorySuggestion]:
    """Existing stories that this text most resembles, best first."""
    sample = " ".join(text.lower().split())[:SUGGESTION_SAMPLE]
    if not sample:
        return []
    best: dict[int, float] = {}
    stories: dict[int, Story] = {}
    # Recent stories are the ones a newsroom is adding to.
    recent = Story.objects.order_by("-created_at")[:200]
    for story in recent:
        stories[story.pk] = story
    articles = Article.objects.filter(story__in=recent).only("story_id", "headline", "body")
    for article in articles.iterator():
        other = " ".join(f"{article.headline} {article.body}".lower().split())[:SUGGESTION_SAMPLE]
        score = fuzz.token_set_ratio(sample, other)
        best[article.story_id] = max(best.get(article.story_id, 0.0), score)
    ranked = sorted(
        (StorySuggestion(stories[pk], score) for pk, score in best.items()),
        key=lambda s: -s.score,
    )
    return [s for s in ranked if s.score >= SUGGESTION_THRESHOLD][:limit]
