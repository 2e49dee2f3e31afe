"""Which claims an export covers: its scope, read from a request or from an export job's
stored values, and the claims in it, read in one streaming query."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from articles.models import Article, Story
from claims.models import Claim, ReviewState, VerdictLabel
from reports.models import ExportJob


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


def export_scope(
    *,
    story: str = "",
    article: int | None = None,
    label: str = "",
    checker: str = "",
    checked_from: date | None = None,
    checked_to: date | None = None,
    signed_off_only: bool = False,
) -> ExportScope:
    """The scope of a story (by slug) or an article (by id), narrowed by the verdict
    filters; ValueError saying what is missing or contradictory, to show as is."""
    story_obj = article_obj = None
    if story:
        story_obj = Story.objects.filter(slug=story).first()
        if story_obj is None:
            raise ValueError(f"No story '{story}'.")
    if article:
        article_obj = Article.objects.select_related("story").filter(pk=article).first()
        if article_obj is None:
            raise ValueError(f"No article #{article}.")
    if not (story_obj or article_obj):
        raise ValueError("Say which story or article to export.")
    if checked_from and checked_to and checked_from > checked_to:
        raise ValueError("The start date is after the end date.")
    return ExportScope(
        story=story_obj,
        article=article_obj,
        label=label,
        checker=checker,
        checked_from=checked_from,
        checked_to=checked_to,
        signed_off_only=signed_off_only,
    )


def stored_scope(scope: ExportScope, export_format: str) -> dict:
    """A story's or an article's scope as plain JSON values, for an export job's row.

    The keys are the export form's fields, as the rows of earlier releases have them (the
    request's own values then); ``format`` is kept for those releases' readers.
    """
    return {
        "format": export_format,
        "story": scope.story.slug if scope.story else "",
        "article": scope.article.pk if scope.article else None,
        "label": scope.label,
        "checker": scope.checker,
        "checked_from": scope.checked_from.isoformat() if scope.checked_from else "",
        "checked_to": scope.checked_to.isoformat() if scope.checked_to else "",
        "signed_off_only": scope.signed_off_only,
    }


def scope_from_stored(values: Mapping) -> ExportScope:
    """The scope an export job stored, read back by the worker (no web form involved):
    this release's rows (`stored_scope`) and earlier ones, whose values are the request's
    text. ValueError if a value is not what it should be, or names nothing any more."""
    if not isinstance(values, Mapping):
        raise ValueError("The export's scope is not a set of values.")
    label = _text(values, "label")
    if label and label not in VerdictLabel.values:
        raise ValueError(f"'{label}' is not a verdict.")
    return export_scope(
        story=_text(values, "story"),
        article=_article_id(values),
        label=label,
        checker=_text(values, "checker"),
        checked_from=_day(values, "checked_from"),
        checked_to=_day(values, "checked_to"),
        signed_off_only=_flag(values.get("signed_off_only")),
    )


def _text(values: Mapping, key: str) -> str:
    value = values.get(key) or ""
    # A NUL would reach the database, which refuses it in a query.
    if not isinstance(value, str) or "\x00" in value:
        raise ValueError(f"The export's {key} is not text.")
    return value.strip()


def _article_id(values: Mapping) -> int | None:
    value = values.get("article")
    if value in (None, ""):
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str) and value.strip().isdecimal() and int(value) > 0:
        return int(value)
    raise ValueError(f"'{value}' is not an article number.")


def _day(values: Mapping, key: str) -> date | None:
    value = _text(values, key)
    try:
        return date.fromisoformat(value) if value else None
    except ValueError as exc:
        raise ValueError(f"The export's {key} '{value}' is not a date (YYYY-MM-DD).") from exc


def _flag(value) -> bool:
    # As a checkbox reads: rows of earlier releases may hold its text.
    if isinstance(value, str):
        return value.strip().lower() not in {"", "false", "0"}
    return bool(value)


def export_jobs_of(owner) -> QuerySet[ExportJob]:
    """Someone's own export jobs: another's job is not theirs to see, or to know of."""
    return ExportJob.objects.filter(owner=owner)


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
