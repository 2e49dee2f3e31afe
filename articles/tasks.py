"""Celery tasks for ingestion: thin shells around services."""

from celery import shared_task

from articles.intake import poll_feed
from articles.models import Feed
from factdesk.queueing import ROBUST


@shared_task(**ROBUST)
def poll_feed_task(feed_id: int) -> str:
    return poll_feed(feed_id).outcome


@shared_task
def poll_all_feeds() -> int:
    """Run by Celery beat: one task per active feed, so a slow feed delays no other."""
    feed_ids = list(Feed.objects.filter(active=True).values_list("pk", flat=True))
    for feed_id in feed_ids:
        poll_feed_task.delay(feed_id)
    return len(feed_ids)
