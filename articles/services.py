"""Writes for stories and articles: the one place articles enter the database."""

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from articles.models import Article, Story
from articles.reading import ArticleText, UnreadableArticle, read_article_file


@dataclass
class IngestReport:
    story: Story | None = None
    created: list[Article] = field(default_factory=list)
    duplicates: list[tuple[str, Article]] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def get_or_create_story(slug: str, title: str = "") -> Story:
    clean = slugify(slug)
    if not clean:
        raise ValueError(f"'{slug}' is not a usable story slug; use letters, digits and dashes.")
    story, _ = Story.objects.get_or_create(
        slug=clean, defaults={"title": title or clean.replace("-", " ").capitalize()}
    )
    return story


def ingest_files(
    paths: list[Path],
    story_slug: str,
    *,
    outlet: str = "",
    outlets: dict[str, str] | None = None,
    story_title: str = "",
    primary: bool = False,
) -> IngestReport:
    """Read files, then save every readable one in a single transaction.

    Unreadable files are refused with a message and nothing is written for them;
    a text the story already holds is reported as a duplicate, not saved twice.
    Extraction is enqueued only after the transaction commits.
    """
    report = IngestReport()
    texts: list[ArticleText] = []
    for path in paths:
        try:
            texts.append(read_article_file(Path(path)))
        except UnreadableArticle as exc:
            report.refused.append(str(exc))
    outlets = outlets or {}
    with transaction.atomic():
        report.story = get_or_create_story(story_slug, story_title)
        for text in texts:
            article = add_article(
                report.story,
                text,
                outlet=outlets.get(text.origin, outlet),
                is_primary_source=primary,
                report=report,
            )
            if article:
                report.created.append(article)
    return report


def add_article(
    story: Story,
    text: ArticleText,
    *,
    outlet: str = "",
    is_primary_source: bool = False,
    report: IngestReport | None = None,
) -> Article | None:
    """Save one article unless the story already has the same text; schedule extraction."""
    from claims.services import schedule_extraction

    existing = Article.objects.filter(story=story, content_hash=text.content_hash).first()
    if existing:
        if report is not None:
            report.duplicates.append((text.origin, existing))
        return None
    article = Article.objects.create(
        story=story,
        headline=text.headline[:500],
        outlet=outlet[:200],
        origin=text.origin[:1000],
        body=text.body,
        content_hash=text.content_hash,
        is_primary_source=is_primary_source,
    )
    schedule_extraction(article.pk)
    return article


def mark_primary_source(article: Article, is_primary_source: bool) -> None:
    """Mark an article as a primary document (or not) and re-check the story's quotes."""
    from claims.cluster_services import schedule_matching

    with transaction.atomic():
        Article.objects.filter(pk=article.pk).update(is_primary_source=is_primary_source)
        article.is_primary_source = is_primary_source
        schedule_matching(article.story_id, rebuild=True)
