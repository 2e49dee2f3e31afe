"""The JSON export (contract in docs/export.md), streamed piece by piece."""

import json
from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch

from claims.models import ClaimCluster, ClaimEvent, Verdict
from reports.selectors import ExportScope, claims_in_scope
from reports.tabular import CHUNK

EXPORT_VERSION = 2


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def article_row(article) -> dict[str, Any]:
    return {
        "id": article.pk,
        "headline": article.headline,
        "outlet": article.outlet,
        "byline": article.byline,
        "published_on": _iso(article.published_on),
        "origin": article.origin,
        "is_primary_source": article.is_primary_source,
        "extraction_status": article.extraction_status,
        "body": article.body,
        # Corrections: each revision is an article of its own; the claims checked on an
        # old one stay there (docs/admin.md).
        "revision": article.revision,
        "corrects": article.corrects_id,
        "superseded_by": article.superseded_by_id,
        "correction_note": article.correction_note or None,
    }


def claim_row(claim) -> dict[str, Any]:
    verdict = claim.latest_verdict
    return {
        "id": claim.pk,
        "article": claim.article_id,
        "article_revision": claim.article.revision,
        # The article's current revision: another id once it was corrected since.
        "current_article": claim.article.superseded_by_id or claim.article_id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "kind": claim.kind,
        "speaker": claim.speaker or None,
        "speaker_title": claim.speaker_title or None,
        "quoted_text": claim.quoted_text or None,
        "figures": claim.figures,
        "checkworthiness": claim.checkworthiness,
        "checkworthiness_reasons": claim.reasons,
        "cluster": claim.cluster_id,
        "suggested_verdict": claim.suggested_verdict or None,
        "suggestion_reasons": claim.suggestion_reasons,
        "suggestion_basis": (claim.comparison or {}).get("basis") or None,
        "findings": (claim.comparison or {}).get("findings", []),
        "primary_check": claim.primary_check["status"] if claim.primary_check else None,
        "review_state": claim.review_state,
        "verdict": verdict.label if verdict else None,
        "rationale": verdict.rationale if verdict else None,
        "evidence": verdict.evidence if verdict else [],
        "checked_by": verdict.checked_by.get_username() if verdict else None,
        "checked_at": _iso(verdict.created_at) if verdict else None,
        "signed_off_by": claim.signed_off_by.get_username() if claim.signed_off_by_id else None,
        "verdicts": [
            {
                "label": v.label,
                "rationale": v.rationale,
                "evidence": v.evidence,
                "checked_by": v.checked_by.get_username(),
                "checked_at": _iso(v.created_at),
            }
            for v in claim.verdicts.all()
        ],
        "history": [
            {
                "action": e.action,
                "actor": e.actor.get_username() if e.actor_id else None,
                "at": _iso(e.created_at),
                "before": e.before,
                "after": e.after,
            }
            for e in claim.events.all()
        ],
    }


def json_chunks(scope: ExportScope) -> Iterator[str]:
    """The export as text pieces; claims come from a server-side cursor in chunks."""
    story = scope.story or (scope.article.story if scope.article else None)
    claims = claims_in_scope(scope).prefetch_related(
        Prefetch("verdicts", queryset=Verdict.objects.select_related("checked_by").order_by("id")),
        Prefetch("events", queryset=ClaimEvent.objects.select_related("actor").order_by("id")),
    )
    head = {
        "version": EXPORT_VERSION,
        "scope": scope.describe(),
        "story": {
            "slug": story.slug,
            "title": story.title,
            "description": story.description,
            "created_at": _iso(story.created_at),
        }
        if story
        else None,
    }
    yield _dump(head)[:-1] + ', "articles": ['
    if story:
        articles = story.articles.order_by("created_at", "id")
        if scope.article:
            articles = articles.filter(pk=scope.article.pk)
        for n, article in enumerate(articles.iterator(chunk_size=200)):
            yield ("," if n else "") + _dump(article_row(article))
    yield '], "clusters": ['
    if story:
        clusters = ClaimCluster.objects.filter(story=story).select_related("reference_marked_by")
        clusters = clusters.order_by("id")
        for n, cluster in enumerate(clusters.iterator(chunk_size=CHUNK)):
            row = {
                "id": cluster.pk,
                "label": cluster.label,
                "outlet_count": cluster.outlet_count,
                "curated": cluster.curated,
                "reference": cluster.reference_id,
                "reference_marked_by": cluster.reference_marked_by.get_username()
                if cluster.reference_marked_by_id
                else None,
            }
            yield ("," if n else "") + _dump(row)
    yield '], "claims": ['
    for n, claim in enumerate(claims.iterator(chunk_size=CHUNK)):
        yield ("," if n else "") + _dump(claim_row(claim))
    yield "]}\n"


def story_export(story) -> dict[str, Any]:
    """The whole export as a dict (for tests and small callers)."""
    return json.loads("".join(json_chunks(ExportScope(story=story))))
