"""The ways articles come in from the desk: pasted text, uploads, web pages, feeds.

Each reads and checks everything first, then saves in one transaction through
`articles.services.add_article`, so bad input leaves nothing behind.
"""

import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
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
from articles.services import IngestReport, add_article
from factdesk.queueing import send_after_commit


def paste_article(story: Story, *, headline: str, outlet: str, text: str) -> IngestReport:
    """An article typed or pasted into the desk; the headline may be its first line."""
    body = text.replace("\r\n", "\n").strip()
    if not body:
        raise UnreadableArticle("The article text is empty.")
    if headline.strip():
        article_text = ArticleText(headline=headline.strip(), body=body, origin="pasted text")
    else:
        article_text = split_headline(body, origin="pasted text")
    return _save(story, [article_text], outlet=outlet)


def upload_articles(
    story: Story,
    files: Iterable[tuple[str, bytes]],
    *,
    outlet: str = "",
    refused: Iterable[str] = (),
) -> IngestReport:
    """Uploaded files: each readable one is saved, each unreadable one refused by name.

    ``refused`` are refusals made earlier (by the upload handler), reported first.
    """
    texts, refusals = read_uploads(files)
    report = _save(story, texts, outlet=outlet)
    report.refused[:0] = [*refused, *refusals]
    return report


def read_uploads(files: Iterable[tuple[str, bytes]]) -> tuple[list[ArticleText], list[str]]:
    """Each uploaded file's text, or its refusal; nothing is saved.

    ``files`` may be a generator: each file is read and let go before the next one. All
    the files together get UPLOAD_READ_SECONDS; a file left when that is spent is refused.
    """
    texts, refusals = [], []
    budget = float(getattr(settings, "UPLOAD_READ_SECONDS", 40))
    deadline = time.monotonic() + budget
    for name, data in files:
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


def fetch_article(story: Story, url: str, *, outlet: str = "") -> IngestReport:
    """A web page, fetched and reduced to the article with its metadata."""
    from articles.web_client import FetchRefused, fetch_url
    from articles.web_pages import extract_article

    url = url.strip()
    report = IngestReport(story=story)
    existing = story.articles.filter(url=url).order_by("-revision").first() if url else None
    if existing:
        report.duplicates.append((url, existing))
        report.duplicate_reasons.append("the same web address")
        return report
    try:
        page = extract_article(fetch_url(url))
        text = ArticleText(
            headline=page.headline,
            body=page.body,
            origin=page.url,
            outlet=page.outlet,
            byline=page.byline,
            published_on=page.published_on,
            url=page.url,
        )
    except FetchRefused as exc:
        report.refused.append(f"{url}: {exc}")
        return report
    except UnreadableArticle as exc:  # the page's text is over the article limit
        report.refused.append(str(exc))
        return report
    return _save(story, [text], outlet=outlet)


def _save(story: Story, texts: list[ArticleText], *, outlet: str = "") -> IngestReport:
    report = IngestReport(story=story)
    with transaction.atomic():
        for text in texts:
            article = add_article(story, text, outlet=outlet, report=report)
            if article:
                report.created.append(article)
    report.read_back_extraction_status()
    return report


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
