"""Writes for claims and verdicts: extraction results and fact-checkers' judgements."""

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from articles.models import Article, ExtractionStatus, Story
from claims.extraction import EXTRACTOR_VERSION, CandidateClaim, extract_candidates
from claims.models import Claim, ClaimCluster
from claims.services.clusters import refresh_clusters, schedule_matching
from claims.services.leases import claim_article, lease_kept
from claims.services.locking import lock_claims, lock_stories
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


# An article queued this long ago without its task starting lost its task (say, the web
# process died between the commit and the send, or Redis restarted without persistence); the
# sweep sends it again. Extraction is idempotent, so a task that was only slow to start does no
# harm when it arrives twice.
STALE_PENDING = timedelta(minutes=15)


def resume_delayed_work(now: datetime | None = None) -> tuple[int, int]:
    """Send again the extractions and matchings that could not be queued or were lost;
    returns how many of each.

    Run by Celery beat and whenever a worker starts, so delayed work resumes by itself
    once the task queue is reachable again. An article is sent again when it was delayed,
    queued too long ago, or running on a lease that ran out (its worker died and the queue
    lost the task), never while its run renews its lease. Sweeps running at the same time
    (two beats, beat and a worker starting) send each article and story once between them.
    """
    now = now or timezone.now()
    lapsed = Q(extraction_lease_until__lt=now)
    lost = (
        Q(extraction_status=ExtractionStatus.DELAYED)
        | Q(lapsed, extraction_status__in=[ExtractionStatus.PENDING, ExtractionStatus.RUNNING])
        # Queued when the article was saved (no lease yet), or running from before leases.
        | Q(
            extraction_status=ExtractionStatus.PENDING,
            extraction_lease_until__isnull=True,
            created_at__lt=now - STALE_PENDING,
        )
        | Q(extraction_status=ExtractionStatus.RUNNING, extraction_lease_until__isnull=True)
    )
    with transaction.atomic():
        # SKIP LOCKED: a row another sweep is resending, or a run or a matching is writing,
        # is not ours to send. The other sweep commits an article as pending with a fresh
        # lease, which no sweep picks up again before that lease runs out; and this
        # transaction never waits for a lock. Stories before articles (claims/services/locking.py).
        stories = dict(
            Story.objects.filter(matching_delayed=True)
            .order_by("pk")
            .select_for_update(skip_locked=True, no_key=True)
            .values_list("pk", "matching_rebuild_delayed")
        )
        Story.objects.filter(pk__in=stories).update(
            matching_delayed=False, matching_rebuild_delayed=False
        )
        article_ids = list(
            Article.objects.filter(lost, superseded_by__isnull=True)  # corrected: none to do
            .order_by("pk")
            .select_for_update(skip_locked=True, no_key=True)
            .values_list("pk", flat=True)
        )
        _mark_queued(article_ids, now)
        # Sent after the commit, extractions first: their matching follows them.
        for article_id in article_ids:
            schedule_extraction(article_id)
        for story_id, rebuild in stories.items():
            schedule_matching(story_id, rebuild=rebuild, recheck_primary=True)
    if article_ids:
        logger.info("Sent again the extraction of articles %s", article_ids)
    return len(article_ids), len(stories)


def _mark_queued(article_ids: list[int], now: datetime) -> None:
    """Pending again, with STALE_PENDING for a task to start; a run holding one is taken over."""
    Article.objects.filter(pk__in=article_ids).update(
        extraction_status=ExtractionStatus.PENDING,
        extraction_error="",
        extraction_run=None,
        extraction_lease_until=now + STALE_PENDING,
    )


def reextract_articles(article_ids: Iterable[int]) -> int:
    """Queue a fresh extraction of these articles; returns how many were queued.

    Machine claims are replaced; a claim that already has a verdict is kept as it is. An
    article stuck running (its worker died) is taken from that run. Superseded revisions are
    left out (see `claims.services.corrections`): they keep only the claims checked on them.
    """
    with transaction.atomic():
        ids = list(
            Article.objects.filter(pk__in=list(article_ids), superseded_by__isnull=True)
            .order_by("pk")
            .select_for_update(no_key=True)
            .values_list("pk", flat=True)
        )
        _mark_queued(ids, timezone.now())
        for pk in ids:
            schedule_extraction(pk, force=True)
    return len(ids)


def extract_claims(article_id: int, *, force: bool = False) -> int:
    """Extract an article's claims and store them; returns how many the article now has.

    Safe to run twice or on two workers at once: a run finds nothing to do when this
    extractor version already finished the article (unless forced) or another run holds its
    lease (claims/services/leases.py); a run taken over meanwhile stores nothing; claims are
    keyed by their span. The extraction itself runs outside any transaction, so it holds no lock.
    """
    run = claim_article(article_id, force=force)
    if run is None:
        _log_nothing_to_do(article_id)
        return Claim.objects.filter(article_id=article_id).count()
    try:
        with lease_kept(article_id, run):
            article = Article.objects.filter(pk=article_id).only("story_id", "headline", "body")
            article = article.first()
            if article is None:  # deleted since the claim
                return 0
            candidates = extract_candidates(article.body, article.headline)
            count = _store_run(article, run, candidates)
    except Exception as exc:
        Article.objects.filter(pk=article_id, extraction_run=run).update(
            extraction_status=ExtractionStatus.FAILED,
            extraction_error=f"{type(exc).__name__}: {exc}",
            extraction_run=None,
            extraction_lease_until=None,
        )
        raise
    if count is None:
        logger.info(
            "Article %s was taken over by a newer run (or deleted): result discarded", article_id
        )
        return Claim.objects.filter(article_id=article_id).count()
    # After the commit: a run killed before it never says it extracted anything.
    logger.info(
        "Extracted article %s: %s claims (extractor %s)", article_id, count, EXTRACTOR_VERSION
    )
    return count


def _log_nothing_to_do(article_id: int) -> None:
    status = Article.objects.filter(pk=article_id).values_list("extraction_status", flat=True)
    if status.first() == ExtractionStatus.RUNNING:
        logger.info("Article %s is being extracted by another run: nothing to do", article_id)
    else:
        logger.info("Article %s is already extracted: nothing to do", article_id)


def _store_run(article: Article, run, candidates: list[CandidateClaim]) -> int | None:
    """Store the run's candidates and mark the article done; None if the run lost the article."""
    with transaction.atomic():
        # Lock order (claims/services/locking.py): the story, then the article, then its claims.
        lock_stories([article.story_id])
        held = (
            Article.objects.select_for_update(no_key=True)
            .filter(pk=article.pk, extraction_run=run, extraction_status=ExtractionStatus.RUNNING)
            # A correction marks a superseded revision done; checked here again regardless.
            .filter(superseded_by__isnull=True)
            .only("story_id", "is_primary_source")
            .first()
        )
        if held is None:
            return None
        store_candidates(held, candidates)
        held.extraction_status = ExtractionStatus.DONE
        held.extracted_with = EXTRACTOR_VERSION
        held.extracted_at = timezone.now()
        held.extraction_run = held.extraction_lease_until = None
        held.save(
            update_fields=[
                "extraction_status", "extracted_with", "extracted_at", "extraction_run",
                "extraction_lease_until",
            ]
        )  # fmt: skip
        schedule_matching(held.story_id, recheck_primary=held.is_primary_source)
        return held.claims.count()


def store_candidates(article: Article, candidates: list[CandidateClaim]) -> None:
    """Upsert machine claims by span; never touch or overlap a claim that has a verdict.

    The caller holds the story's and the article's locks. The article's claims are locked
    first, in id order, and read under the lock: a verdict being saved on one of them has
    either committed and is seen here, or waits for this commit; never is a claim deleted
    under a verdict saved meanwhile.
    """
    existing = lock_claims(article.claims.all(), "start", "end", "latest_verdict", "cluster")
    checked = [(claim.start, claim.end) for claim in existing if claim.latest_verdict_id]

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
                speaker_title=c.speaker_title,
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
            "text", "kind", "speaker", "speaker_title", "quoted_text", "figures",
            "checkworthiness", "reasons",
        ],
    )  # fmt: skip
    kept_spans = {(c.start, c.end) for c in fresh}
    stale = [
        claim.pk
        for claim in existing
        if not claim.latest_verdict_id and (claim.start, claim.end) not in kept_spans
    ]
    # The article's claims may have changed, so they are matched again (those in
    # hand-curated clusters stay); the clusters they leave are recomputed without them.
    in_clusters = {claim.cluster_id for claim in existing if claim.cluster_id}
    curated = ClaimCluster.objects.filter(pk__in=in_clusters, curated=True)
    curated = set(curated.values_list("pk", flat=True)) if in_clusters else set()
    released = [c for c in existing if c.cluster_id and c.cluster_id not in curated]
    Claim.objects.filter(pk__in=[claim.pk for claim in released]).update(cluster=None)
    Claim.objects.filter(pk__in=stale).delete()
    refresh_clusters({claim.cluster_id for claim in released})
