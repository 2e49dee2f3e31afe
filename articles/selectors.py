"""Reads for the story and article screens, each in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass

from django.core.validators import slug_re
from django.db.models import Count, Q, QuerySet

from articles.models import Article, ExtractionStatus, Story


def story_by_slug(slug: str) -> Story | None:
    """The story a request names, or None; text that is no slug (a NUL, which PostgreSQL
    cannot even compare, say) names no story rather than raising."""
    return Story.objects.filter(slug=slug).first() if slug_re.fullmatch(slug) else None


def stories_for_desk() -> QuerySet[Story]:
    return Story.objects.annotate(
        # Articles, not revisions: a corrected article counts once.
        article_count=Count(
            "articles", filter=Q(articles__superseded_by__isnull=True), distinct=True
        ),
        claim_count=Count("articles__claims", distinct=True),
        checked_count=Count(
            "articles__claims",
            filter=Q(articles__claims__latest_verdict__isnull=False),
            distinct=True,
        ),
    ).order_by("-created_at")


def articles_in_story(story: Story) -> list[Article]:
    """The story's articles at their current revision, each with `earlier`: the revisions
    it corrected, oldest first (what was checked on them stays there). A corrected
    article keeps its place in the list. One query."""
    rows = list(
        story.articles.annotate(
            claim_count=Count("claims"),
            checked_count=Count("claims", filter=Q(claims__latest_verdict__isnull=False)),
        )
        .defer("body")
        .order_by("created_at", "id")
    )
    earlier: dict[int, list[Article]] = defaultdict(list)
    for article in rows:
        if article.is_superseded:
            earlier[article.superseded_by_id].append(article)
    current = [article for article in rows if not article.is_superseded]
    for article in current:
        article.earlier = sorted(earlier[article.pk], key=lambda a: a.revision)
    return sorted(current, key=lambda a: (a.earlier or [a])[0].created_at)


@dataclass(frozen=True)
class ExtractionProgress:
    done: int
    failed: int
    total: int

    @property
    def in_progress(self) -> bool:
        return self.done + self.failed < self.total


def extraction_progress(articles: list[Article]) -> ExtractionProgress:
    statuses = [a.extraction_status for a in articles]
    return ExtractionProgress(
        done=statuses.count(ExtractionStatus.DONE),
        failed=statuses.count(ExtractionStatus.FAILED),
        total=len(statuses),
    )
