"""Writes for claims and verdicts: extraction results and fact-checkers' judgements."""

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from articles.models import Article, ExtractionStatus, Story
from claims.cluster_services import refresh_clusters, schedule_matching
from claims.extraction import EXTRACTOR_VERSION, CandidateClaim, extract_candidates
from claims.models import Claim
from factdesk.queueing import send_after_commit

logger = logging.getLogger(__name__)


def schedule_extraction(article_id: int, *, force: bool = False) -> None:
    """Enqueue extraction once the current transaction commits, so the worker sees the row.

    With the task queue down the article stays saved and is marked delayed; the sweep in
    `resume_delayed_work` sends it again once the queue is back.
    """
    from claims.tasks import extract_article_claims

    def mark_delayed() -> None:
        Article.objects.filter(pk=article_id, extraction_status=ExtractionStatus.PENDING).update(
            extraction_status=ExtractionStatus.DELAYED
        )

    send_after_commit(extract_article_claims, article_id, force=force, on_unreachable=mark_delayed)


# An article still pending after this long lost its task (say, the web process died
# between the commit and the send); the sweep sends it again. Extraction is idempotent,
# so a task that was only slow to start does no harm when it arrives twice.
STALE_PENDING = timedelta(minutes=15)


def resume_delayed_work(now: datetime | None = None) -> tuple[int, int]:
    """Send again the extractions and matchings that could not be queued; returns counts.

    Run by Celery beat and whenever a worker starts, so delayed work resumes by itself
    once the task queue is reachable again.
    """
    now = now or timezone.now()
    waiting = Article.objects.filter(
        Q(extraction_status=ExtractionStatus.DELAYED)
        | Q(extraction_status=ExtractionStatus.PENDING, created_at__lt=now - STALE_PENDING)
    )
    article_ids = list(waiting.values_list("pk", flat=True))
    Article.objects.filter(pk__in=article_ids).update(extraction_status=ExtractionStatus.PENDING)
    for article_id in article_ids:
        schedule_extraction(article_id)
    stories = dict(
        Story.objects.filter(matching_delayed=True).values_list("pk", "matching_rebuild_delayed")
    )
    Story.objects.filter(pk__in=stories).update(
        matching_delayed=False, matching_rebuild_delayed=False
    )
    for story_id, rebuild in stories.items():
        schedule_matching(story_id, rebuild=rebuild, recheck_primary=True)
    return len(article_ids), len(stories)


def reextract_articles(article_ids: Iterable[int]) -> int:
    """Queue a fresh extraction of these articles; returns how many were queued.

    Machine claims are replaced; a claim that already has a verdict is kept as it is.
    Superseded revisions are left out (see `claims.corrections`).
    """
    with transaction.atomic():
        # A superseded revision keeps only the claims checked on it: nothing to extract.
        current = Article.objects.filter(pk__in=list(article_ids), superseded_by__isnull=True)
        ids = list(current.values_list("pk", flat=True))
        Article.objects.filter(pk__in=ids).update(
            extraction_status=ExtractionStatus.PENDING, extraction_error=""
        )
        for pk in ids:
            schedule_extraction(pk, force=True)
    return len(ids)


def extract_claims(article_id: int, *, force: bool = False) -> int:
    """Extract an article's claims and store them; returns how many the article now has.

    Safe to run twice or on two workers at once: a run finds nothing to do when this
    extractor version already finished the article (unless forced), the row lock makes
    concurrent runs take turns, and claims are keyed by their span.
    """
    # A corrected article's old revision is never extracted again: it would get open
    # claims duplicating the current revision's (a task queued before the correction).
    claimable = Article.objects.filter(pk=article_id, superseded_by__isnull=True)
    if not force:
        claimable = claimable.exclude(
            extraction_status=ExtractionStatus.DONE, extracted_with=EXTRACTOR_VERSION
        )
    # On PostgreSQL this UPDATE waits for a concurrent run's lock and then re-reads
    # the row, so the second of two deliveries sees "done" and stops here.
    if not claimable.update(extraction_status=ExtractionStatus.RUNNING, extraction_error=""):
        logger.info("Article %s is already extracted: nothing to do", article_id)
        return Claim.objects.filter(article_id=article_id).count()
    try:
        with transaction.atomic():
            article = Article.objects.select_for_update().get(pk=article_id)
            if article.is_superseded:
                # Corrected while this run waited for the lock: the correction settled its
                # claims and marked it done.
                logger.info("Article %s was corrected meanwhile: nothing to do", article_id)
                return article.claims.count()
            store_candidates(article, extract_candidates(article.body, article.headline))
            article.extraction_status = ExtractionStatus.DONE
            article.extracted_with = EXTRACTOR_VERSION
            article.extracted_at = timezone.now()
            article.save(update_fields=["extraction_status", "extracted_with", "extracted_at"])
            schedule_matching(article.story_id, recheck_primary=article.is_primary_source)
            count = article.claims.count()
        # After the commit: a run killed before it never says it extracted anything.
        logger.info(
            "Extracted article %s: %s claims (extractor %s)", article_id, count, EXTRACTOR_VERSION
        )
        return count
    except Exception as exc:
        Article.objects.filter(pk=article_id).update(
            extraction_status=ExtractionStatus.FAILED,
            extraction_error=f"{type(exc).__name__}: {exc}",
        )
        raise


def store_candidates(article: Article, candidates: list[CandidateClaim]) -> None:
    """Upsert machine claims by span; never touch or overlap a claim that has a verdict."""
    checked = list(article.claims.filter(latest_verdict__isnull=False).values_list("start", "end"))

    def overlaps_checked(c: CandidateClaim) -> bool:
        return any(c.start < end and start < c.end for start, end in checked)

    fresh = [c for c in candidates if not overlaps_checked(c)]
    Claim.objects.bulk_create(
        [
            Claim(
                article=article,
                text=c.text,
                start=c.start,
                end=c.end,
                kind=c.kind,
                speaker=c.speaker,
                quoted_text=c.quoted_text,
                figures=[figure.as_dict() for figure in c.figures],
                checkworthiness=c.checkworthiness,
                reasons=list(c.reasons),
            )
            for c in fresh
        ],
        update_conflicts=True,
        unique_fields=["article", "start", "end"],
        update_fields=[
            "text", "kind", "speaker", "quoted_text", "figures", "checkworthiness", "reasons"
        ],
    )  # fmt: skip
    kept_spans = {(c.start, c.end) for c in fresh}
    stale = [
        claim.pk
        for claim in article.claims.filter(latest_verdict__isnull=True).only("start", "end")
        if (claim.start, claim.end) not in kept_spans
    ]
    # The article's claims may have changed, so they are matched again (those in
    # hand-curated clusters stay); the clusters they leave are recomputed without them.
    released = article.claims.filter(cluster__isnull=False, cluster__curated=False)
    left_clusters = set(released.values_list("cluster_id", flat=True))
    released.update(cluster=None)
    Claim.objects.filter(pk__in=stale).delete()
    refresh_clusters(left_clusters)
