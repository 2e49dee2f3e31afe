"""Build verdict reports. The JSON shape is a contract: see docs/export.md."""

from typing import Any

from articles.models import Story
from claims.models import Claim

EXPORT_VERSION = 1


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def story_export(story: Story) -> dict[str, Any]:
    """The whole story as plain data: its articles, and every claim with its current verdict."""
    articles = story.articles.order_by("created_at", "id")
    claims = (
        Claim.objects.filter(article__story=story)
        .select_related("latest_verdict__checked_by")
        .order_by("article__created_at", "article_id", "start")
    )
    return {
        "version": EXPORT_VERSION,
        "story": {
            "slug": story.slug,
            "title": story.title,
            "description": story.description,
            "created_at": _iso(story.created_at),
        },
        "articles": [
            {
                "id": a.pk,
                "headline": a.headline,
                "outlet": a.outlet,
                "byline": a.byline,
                "published_on": _iso(a.published_on),
                "origin": a.origin,
                "extraction_status": a.extraction_status,
                "body": a.body,
            }
            for a in articles
        ],
        "claims": [_claim_row(c) for c in claims],
    }


def _claim_row(claim: Claim) -> dict[str, Any]:
    verdict = claim.latest_verdict
    return {
        "id": claim.pk,
        "article": claim.article_id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "kind": claim.kind,
        "speaker": claim.speaker or None,
        "quoted_text": claim.quoted_text or None,
        "figures": claim.figures,
        "checkworthiness": claim.checkworthiness,
        "checkworthiness_reasons": claim.reasons,
        "cluster": claim.cluster_id,
        "suggested_verdict": claim.suggested_verdict or None,
        "suggestion_reasons": claim.suggestion_reasons,
        "primary_check": claim.primary_check["status"] if claim.primary_check else None,
        "verdict": verdict.label if verdict else None,
        "rationale": verdict.rationale if verdict else None,
        "evidence": verdict.evidence if verdict else [],
        "checked_by": verdict.checked_by.get_username() if verdict else None,
        "checked_at": _iso(verdict.created_at) if verdict else None,
    }
