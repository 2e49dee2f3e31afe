"""Reads for the story and article screens, each in a fixed number of queries."""

from django.db.models import Count, Q, QuerySet

from articles.models import Article, Story


def stories_for_desk() -> QuerySet[Story]:
    return Story.objects.annotate(
        article_count=Count("articles", distinct=True),
        claim_count=Count("articles__claims", distinct=True),
        checked_count=Count(
            "articles__claims",
            filter=Q(articles__claims__latest_verdict__isnull=False),
            distinct=True,
        ),
    ).order_by("-created_at")


def articles_in_story(story: Story) -> QuerySet[Article]:
    return (
        story.articles.annotate(
            claim_count=Count("claims"),
            checked_count=Count("claims", filter=Q(claims__latest_verdict__isnull=False)),
        )
        .defer("body")
        .order_by("created_at", "id")
    )
