"""Reads of stories and articles alone (the screens that count claims read from
`claims.selectors`)."""

from dataclasses import dataclass

from django.core.validators import slug_re
from django.db.models import QuerySet

from articles.models import Article, ExtractionStatus, Story


def article_statuses() -> QuerySet[Article]:
    """Just what the polled extraction badge shows."""
    return Article.objects.only("extraction_status", "extraction_error")


def story_by_slug(slug: str) -> Story | None:
    """The story a request names, or None; text that is no slug (a NUL, which PostgreSQL
    cannot even compare, say) names no story rather than raising."""
    return Story.objects.filter(slug=slug).first() if slug_re.fullmatch(slug) else None


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
