"""Which claims an export covers, read in one streaming query."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from articles.models import Article, Story
from claims.models import Claim, ReviewState


@dataclass(frozen=True)
class ExportScope:
    """A story, an article, or a hand-picked set of claims, narrowed by verdict filters."""

    story: Story | None = None
    article: Article | None = None
    claim_ids: tuple[int, ...] | None = None
    checked_from: date | None = None
    checked_to: date | None = None
    checker: str = ""
    label: str = ""
    signed_off_only: bool = False

    def describe(self) -> str:
        parts = [
            f"story {self.story.slug}" if self.story else "",
            f"article {self.article.pk}" if self.article else "",
            f"{len(self.claim_ids)} selected claims" if self.claim_ids is not None else "",
            f"verdict {self.label}" if self.label else "",
            f"checked by {self.checker}" if self.checker else "",
            f"checked from {self.checked_from}" if self.checked_from else "",
            f"checked to {self.checked_to}" if self.checked_to else "",
            "signed off only" if self.signed_off_only else "",
        ]
        return ", ".join(p for p in parts if p) or "all claims"


def claims_in_scope(scope: ExportScope) -> QuerySet[Claim]:
    claims = Claim.objects.select_related(
        "article__story", "latest_verdict__checked_by", "signed_off_by"
    )
    if scope.story:
        claims = claims.filter(article__story=scope.story)
    if scope.article:
        claims = claims.filter(article=scope.article)
    if scope.claim_ids is not None:
        claims = claims.filter(pk__in=scope.claim_ids)
    if scope.label:
        claims = claims.filter(latest_verdict__label=scope.label)
    if scope.checker:
        claims = claims.filter(latest_verdict__checked_by__username=scope.checker)
    if scope.checked_from:
        claims = claims.filter(latest_verdict__created_at__date__gte=scope.checked_from)
    if scope.checked_to:
        claims = claims.filter(latest_verdict__created_at__date__lte=scope.checked_to)
    if scope.signed_off_only:
        # For reports that leave the newsroom: only what an editor has accepted.
        claims = claims.filter(review_state=ReviewState.SIGNED_OFF)
    return claims.order_by("article__story_id", "article_id", "start", "id")
