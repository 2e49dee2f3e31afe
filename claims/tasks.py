"""Celery tasks: thin shells around services, safe to run twice."""

from celery import shared_task
from django.db import DatabaseError
from kombu.exceptions import OperationalError as BrokerError

from claims.services import extract_claims


@shared_task(
    acks_late=True,
    autoretry_for=(DatabaseError, BrokerError),
    retry_backoff=True,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=5,
)
def extract_article_claims(article_id: int, force: bool = False) -> int:
    return extract_claims(article_id, force=force)
