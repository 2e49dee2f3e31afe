"""Which delivery of an extraction task holds an article, and until when it is presumed alive.

A delivery claims the article in one conditional UPDATE that draws a new run id and sets a
lease (`EXTRACTION_LEASE_SECONDS`); while it extracts, a thread renews the lease. A worker
that dies stops renewing, and once the lease has run out the sweep (`resume_delayed_work`)
sends the article again, even when the task queue lost the task. Only the run that holds the
article may store its result (the store checks the run id under the article's row lock), so a
run that was taken over (by the sweep, or by a re-extraction an editor asked for) writes
nothing: its result could be stale (an older extractor on a worker not yet upgraded), and
comparing results would cost more than discarding one.
"""

import logging
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connections
from django.utils import timezone

from articles.models import Article, ExtractionStatus
from claims.extraction import EXTRACTOR_VERSION

logger = logging.getLogger(__name__)


def lease_length() -> timedelta:
    return timedelta(seconds=settings.EXTRACTION_LEASE_SECONDS)


def claim_article(article_id: int, *, force: bool = False) -> uuid.UUID | None:
    """Take the article for a new run; returns the run's id, or None when there is nothing to
    do: the article is gone, this extractor version finished it (unless `force`), or another
    run holds a lease on it that has not run out."""
    now = timezone.now()
    # A corrected article's old revision is never extracted again: it would get open claims
    # duplicating the current revision's (a task queued before the correction).
    claimable = Article.objects.filter(pk=article_id, superseded_by__isnull=True).exclude(
        extraction_status=ExtractionStatus.RUNNING, extraction_lease_until__gt=now
    )
    if not force:
        claimable = claimable.exclude(
            extraction_status=ExtractionStatus.DONE, extracted_with=EXTRACTOR_VERSION
        )
    run = uuid.uuid4()
    # On PostgreSQL this UPDATE waits for a run that is storing its result (it holds the row)
    # and then re-reads the row, so the second of two deliveries sees "done" and stops here.
    claimed = claimable.update(
        extraction_status=ExtractionStatus.RUNNING,
        extraction_error="",
        extraction_run=run,
        extraction_lease_until=now + lease_length(),
    )
    return run if claimed else None


@contextmanager
def lease_kept(article_id: int, run: uuid.UUID) -> Iterator[None]:
    """Renew the run's lease every third of its length until the block ends.

    A thread does it, as the extraction is one long call. It stops by itself once the run no
    longer holds the article (finished, or taken over). It uses a connection of its own, and
    none at all when the block ends before the first renewal.
    """
    every = max(settings.EXTRACTION_LEASE_SECONDS / 3, 0.1)
    finished = threading.Event()

    def renew() -> None:
        try:
            while not finished.wait(every):
                try:
                    held = Article.objects.filter(
                        pk=article_id,
                        extraction_run=run,
                        extraction_status=ExtractionStatus.RUNNING,
                    ).update(extraction_lease_until=timezone.now() + lease_length())
                except DatabaseError as exc:
                    logger.warning("Could not renew the lease on article %s: %s", article_id, exc)
                    connections["default"].close()  # the next renewal reconnects
                    continue
                if not held:
                    return
        finally:
            connections.close_all()  # this thread's connections only

    renewer = threading.Thread(target=renew, name=f"lease-article-{article_id}", daemon=True)
    renewer.start()
    try:
        yield
    finally:
        finished.set()
        # A renewal under way waits at most for the store's commit, which has happened here.
        renewer.join(every)
