"""Writes for claims and verdicts: extraction results and fact-checkers' judgements."""

import logging

from django.db import transaction
from django.utils import timezone

from articles.models import Article, ExtractionStatus
from claims.extraction import extract_candidates
from claims.models import Claim, Verdict, VerdictLabel

logger = logging.getLogger(__name__)


def schedule_extraction(article_id: int) -> None:
    """Enqueue extraction once the current transaction commits, so the worker sees the row."""
    from claims.tasks import extract_article_claims

    def enqueue() -> None:
        extract_article_claims.delay(article_id)

    # robust: a broker outage must not undo an article that is already saved; the
    # article stays "pending" and can be re-extracted.
    transaction.on_commit(enqueue, robust=True)


def extract_claims(article_id: int) -> int:
    """Extract an article's claims and store them; returns how many the article now has.

    Idempotent: claims are keyed by their span, so a re-run updates the same rows.
    Machine claims that a new run no longer finds are dropped unless a fact-checker
    has already given them a verdict.
    """
    updated = Article.objects.filter(pk=article_id).update(
        extraction_status=ExtractionStatus.RUNNING, extraction_error=""
    )
    if not updated:
        logger.warning("Article %s no longer exists; nothing to extract.", article_id)
        return 0
    try:
        with transaction.atomic():
            # The row lock makes two workers on the same article take turns.
            article = Article.objects.select_for_update().get(pk=article_id)
            candidates = extract_candidates(article.body, article.headline)
            Claim.objects.bulk_create(
                [
                    Claim(
                        article=article,
                        text=c.text,
                        start=c.start,
                        end=c.end,
                        kind=c.kind,
                        speaker=c.speaker,
                        checkworthiness=c.checkworthiness,
                        reasons=list(c.reasons),
                    )
                    for c in candidates
                ],
                update_conflicts=True,
                unique_fields=["article", "start", "end"],
                update_fields=["text", "kind", "speaker", "checkworthiness", "reasons"],
            )
            kept_spans = {(c.start, c.end) for c in candidates}
            stale = [
                claim.pk
                for claim in article.claims.filter(verdicts__isnull=True).only("start", "end")
                if (claim.start, claim.end) not in kept_spans
            ]
            Claim.objects.filter(pk__in=stale).delete()
            article.extraction_status = ExtractionStatus.DONE
            article.extracted_at = timezone.now()
            article.save(update_fields=["extraction_status", "extracted_at"])
            return article.claims.count()
    except Exception as exc:
        Article.objects.filter(pk=article_id).update(
            extraction_status=ExtractionStatus.FAILED,
            extraction_error=f"{type(exc).__name__}: {exc}",
        )
        raise


def record_verdict(
    *,
    claim: Claim,
    checked_by,
    label: str,
    rationale: str,
    evidence: list[str] | None = None,
) -> Verdict:
    """Add a verdict to a claim's history and make it the claim's current verdict."""
    if label not in VerdictLabel.values:
        raise ValueError(
            f"'{label}' is not a verdict; use one of {', '.join(VerdictLabel.values)}."
        )
    rationale = rationale.strip()
    if not rationale:
        raise ValueError("A verdict needs a rationale.")
    with transaction.atomic():
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        verdict = Verdict.objects.create(
            claim=locked,
            label=label,
            rationale=rationale,
            evidence=list(evidence or []),
            checked_by=checked_by,
        )
        locked.latest_verdict = verdict
        locked.save(update_fields=["latest_verdict"])
    claim.latest_verdict = verdict
    return verdict
