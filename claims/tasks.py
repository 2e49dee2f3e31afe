"""Celery tasks: thin shells around services, safe to run twice."""

from celery import shared_task
from celery.signals import worker_ready

from claims.services.clusters import match_story
from claims.services.extraction import extract_claims
from claims.services.extraction import resume_delayed_work as resend_delayed_work
from factdesk.queueing import ROBUST


@shared_task(**ROBUST)
def extract_article_claims(article_id: int, force: bool = False) -> int:
    return extract_claims(article_id, force=force)


@shared_task(**ROBUST)
def match_story_claims(story_id: int, rebuild: bool = False, recheck_primary: bool = False) -> int:
    return match_story(story_id, rebuild=rebuild, recheck_primary=recheck_primary)


@shared_task
def resume_delayed_work() -> tuple[int, int]:
    """Run by Celery beat: send again what could not be queued while the broker was down."""
    return resend_delayed_work()


@worker_ready.connect
def resume_when_a_worker_starts(sender, **kwargs) -> None:
    # A worker coming up is the first sign that the queue works again.
    resume_delayed_work.delay()
