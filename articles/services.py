"""Writes for stories and articles: the one place articles enter the database."""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from rapidfuzz import fuzz

from articles.models import Article, ExtractionStatus, Story
from articles.reading import ArticleText, UnreadableArticle, read_article_file


@dataclass
class IngestReport:
    story: Story | None = None
    created: list[Article] = field(default_factory=list)
    duplicates: list[tuple[str, Article]] = field(default_factory=list)
    duplicate_reasons: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    @property
    def extraction_delayed(self) -> bool:
        return any(a.extraction_status == ExtractionStatus.DELAYED for a in self.created)

    def read_back_extraction_status(self) -> None:
        """After the commit: the queue may have refused the extraction, or (with tasks run
        in-process) already done it; show the saved articles as they now are."""
        statuses = dict(
            Article.objects.filter(pk__in=[a.pk for a in self.created]).values_list(
                "pk", "extraction_status"
            )
        )
        for article in self.created:
            article.extraction_status = statuses.get(article.pk, article.extraction_status)


SLUG_MAX_CHARS = Story._meta.get_field("slug").max_length
TITLE_MAX_CHARS = Story._meta.get_field("title").max_length


def story_slug(text: str) -> str:
    """The slug for a story title or slug, short enough for the slug column.

    A long one is cut at a word and given a short digest of the whole, so the same title
    always gives the same slug and two titles that start alike give two.
    """
    slug = slugify(text)
    if len(slug) <= SLUG_MAX_CHARS:
        return slug
    digest = hashlib.sha256(slug.encode()).hexdigest()[:8]
    head = slug[: SLUG_MAX_CHARS - len(digest) - 1]
    head = head.rsplit("-", 1)[0] if "-" in head else head
    return f"{head}-{digest}"


def get_or_create_story(slug: str, title: str = "") -> Story:
    clean = story_slug(slug)
    if not clean:
        raise ValueError(f"'{slug}' is not a usable story slug; use letters, digits and dashes.")
    title = title.strip()
    if len(title) > TITLE_MAX_CHARS:
        raise ValueError(
            f"The story title is {len(title):,} characters long; the limit is "
            f"{TITLE_MAX_CHARS} characters."
        )
    default_title = slugify(slug).replace("-", " ").capitalize()[:TITLE_MAX_CHARS]
    story, _ = Story.objects.get_or_create(slug=clean, defaults={"title": title or default_title})
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
    report.read_back_extraction_status()
    return report


# Two texts this alike (rapidfuzz ratio, 0-100) are the same article re-sent.
NEAR_DUPLICATE_RATIO = 95
DUPLICATE_SAMPLE_CHARS = 5_000


def find_duplicate(story: Story, text: ArticleText) -> tuple[Article, str] | None:
    """The article of the story this text repeats, and how: same URL, text, or near text."""
    if text.url:
        same_url = story.articles.filter(url=text.url).first()
        if same_url:
            return same_url, "the same web address"
    same_text = story.articles.filter(content_hash=text.content_hash).first()
    if same_text:
        return same_text, "the same text"
    sample = _normalised(text.body)
    for article in story.articles.only("pk", "headline", "origin", "body").iterator():
        if fuzz.ratio(sample, _normalised(article.body)) >= NEAR_DUPLICATE_RATIO:
            return article, "nearly the same text"
    return None


def _normalised(body: str) -> str:
    return " ".join(body.lower().split())[:DUPLICATE_SAMPLE_CHARS]


def add_article(
    story: Story,
    text: ArticleText,
    *,
    outlet: str = "",
    is_primary_source: bool = False,
    report: IngestReport | None = None,
) -> Article | None:
    """Save one article unless the story already has it; schedule its extraction."""
    from claims.services import schedule_extraction

    duplicate = find_duplicate(story, text)
    if duplicate is None:
        try:
            # A savepoint: the same text sent twice at once passes find_duplicate in both
            # requests, and the second insert then meets the unique constraint.
            with transaction.atomic():
                article = Article.objects.create(
                    story=story,
                    headline=text.headline[:500],
                    outlet=(outlet or text.outlet)[:200],
                    byline=text.byline[:300],
                    published_on=text.published_on,
                    origin=text.origin[:1000],
                    url=text.url[:1000],
                    body=text.body,
                    content_hash=text.content_hash,
                    is_primary_source=is_primary_source,
                )
        except IntegrityError:
            # The other request has committed its article by now (PostgreSQL makes this
            # insert wait for it); read it back and report this text as its duplicate.
            duplicate = find_duplicate(story, text)
            if duplicate is None:
                raise
    if duplicate:
        if report is not None:
            report.duplicates.append((text.origin, duplicate[0]))
            report.duplicate_reasons.append(duplicate[1])
        return None
    schedule_extraction(article.pk)
    return article


def mark_primary_source(article: Article, is_primary_source: bool) -> None:
    """Mark an article as a primary document (or not) and re-check the story's quotes."""
    from claims.cluster_services import schedule_matching

    with transaction.atomic():
        Article.objects.filter(pk=article.pk).update(is_primary_source=is_primary_source)
        article.is_primary_source = is_primary_source
        schedule_matching(article.story_id, rebuild=True)
