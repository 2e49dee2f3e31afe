"""Celery tasks: thin shells around services, safe to run twice."""

from celery import shared_task
from django.db import DatabaseError

from claims.services import extract_claims


@shared_task(
    acks_late=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    retry_backoff_max=60,
    max_retries=5,
)
def extract_article_claims(article_id: int) -> int:
    return extract_claims(article_id)
