"""Writes for stories and articles: the one place articles enter the database
(`save_articles`), are corrected (`add_revision`) or edited (`save_edited_article`)."""

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.text import slugify
from rapidfuzz import fuzz

from articles.models import Article, ExtractionStatus, Story
from articles.reading import (
    ArticleText,
    UnreadableArticle,
    content_hash,
    read_article_file,
    without_nul,
)


@dataclass
class IngestReport:
    story: Story | None = None
    created: list[Article] = field(default_factory=list)
    duplicates: list[tuple[str, Article]] = field(default_factory=list)
    duplicate_reasons: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def add_duplicate(self, origin: str, article: Article, reason: str) -> None:
        self.duplicates.append((origin, article))
        self.duplicate_reasons.append(reason)

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


@dataclass(frozen=True)
class NewStory:
    """A story named by its slug: found, or started in the transaction that saves its
    articles (so a batch that fails leaves no story behind)."""

    slug: str
    title: str = ""


def save_articles(
    story: Story | NewStory,
    texts: Iterable[ArticleText],
    *,
    outlet: str = "",
    outlets: Mapping[str, str] | None = None,
    primary: bool = False,
    refused: Iterable[str] = (),
) -> IngestReport:
    """Save every text the story does not hold yet, in one transaction: the one way articles
    enter the database, whether pasted, uploaded, fetched, polled from a feed or ingested
    from files (`articles.intake`, `ingest_files`).

    A text the story already has (same address, same text, nearly the same text) is reported
    as a duplicate of that article, not saved. Extraction of each saved article is queued
    for after the commit. ``outlets`` names the outlet by a text's origin, over ``outlet``;
    ``refused`` are the caller's refusals (inputs it could not read), reported first.
    """
    report = IngestReport(refused=list(refused))
    outlets = outlets or {}
    with transaction.atomic():
        if isinstance(story, NewStory):
            story = get_or_create_story(story.slug, story.title)
        report.story = story
        for text in texts:
            article = _add_article(
                story,
                text,
                outlet=outlets.get(text.origin, outlet),
                is_primary_source=primary,
                report=report,
            )
            if article:
                report.created.append(article)
    report.read_back_extraction_status()
    return report


def ingest_files(
    paths: list[Path],
    story_slug: str,
    *,
    outlet: str = "",
    outlets: dict[str, str] | None = None,
    story_title: str = "",
    primary: bool = False,
) -> IngestReport:
    """Read files, then save every readable one in a single transaction (`save_articles`).

    Unreadable files are refused with a message and nothing is written for them. Every
    file is read before the transaction opens.
    """
    texts: list[ArticleText] = []
    refused: list[str] = []
    for path in paths:
        try:
            texts.append(read_article_file(Path(path)))
        except UnreadableArticle as exc:
            refused.append(str(exc))
    return save_articles(
        NewStory(story_slug, story_title),
        texts,
        outlet=outlet,
        outlets=outlets,
        primary=primary,
        refused=refused,
    )


# Two texts this alike (rapidfuzz ratio, 0-100) are the same article re-sent.
NEAR_DUPLICATE_RATIO = 95
DUPLICATE_SAMPLE_CHARS = 5_000


def find_duplicate(
    story: Story, text: ArticleText, *, besides: Article | None = None
) -> tuple[Article, str] | None:
    """The article of the story this text repeats, and how: same URL, text, or near text.

    Earlier revisions of corrected articles count: their text is in the story too. With
    `besides` (an article being edited) that article is no duplicate of itself, nor are
    its own revisions by address or by nearly the same text; by the very same text they
    are, as the story's texts are unique.
    """
    articles = story.articles.all()
    others = articles
    if besides is not None and besides.pk:
        articles = articles.exclude(pk=besides.pk)
        others = articles.exclude(revisions_of(besides))
    if text.url and (same_url := _current_at(others, text.url)):
        return same_url, SAME_ADDRESS
    same_text = articles.filter(content_hash=text.content_hash).first()
    if same_text:
        return same_text, "the same text"
    sample = _normalised(text.body)
    fields = ("pk", "headline", "origin", "body", "revision", "superseded_by")
    for article in others.only(*fields).iterator():
        if fuzz.ratio(sample, _normalised(article.body)) >= NEAR_DUPLICATE_RATIO:
            return article, "nearly the same text"
    return None


SAME_ADDRESS = "the same web address"


def article_at_address(story: Story, url: str) -> Article | None:
    """The story's article fetched from this address (its current revision), if any: a
    page already in the story need not be fetched again."""
    return _current_at(story.articles.all(), url) if url else None


def _current_at(articles, url: str) -> Article | None:
    return articles.filter(url=url).order_by("-revision").first()


def revisions_of(article: Article) -> Q:
    """Every revision of `article`'s line (itself included), as a filter."""
    current = article.superseded_by_id or article.pk
    return Q(pk=current) | Q(superseded_by=current)


def describe_duplicate(article: Article, reason: str) -> str:
    """'has the same text as “Headline”, already in this story (…)', for messages."""
    where = (
        f", already in this story as an earlier revision (revision {article.revision}; "
        "the article has since been corrected)"
        if article.is_superseded
        else ", already in this story"
    )
    return f"{reason} as “{article.headline}”{where}"


def _normalised(body: str) -> str:
    return " ".join(body.lower().split())[:DUPLICATE_SAMPLE_CHARS]


def _fitted(name: str, value: str) -> str:
    """``value`` cut to the length of the article column ``name``."""
    return value[: Article._meta.get_field(name).max_length]


def _add_article(
    story: Story,
    text: ArticleText,
    *,
    outlet: str,
    is_primary_source: bool,
    report: IngestReport,
) -> Article | None:
    """One text of `save_articles`: saved unless the story already has it."""
    duplicate = find_duplicate(story, text)
    if duplicate is None:
        try:
            # A savepoint: the same text sent twice at once passes find_duplicate in both
            # requests, and the second insert then meets the unique constraint.
            with transaction.atomic():
                article = Article.objects.create(
                    story=story,
                    headline=_fitted("headline", text.headline),
                    outlet=_fitted("outlet", outlet or text.outlet),
                    byline=_fitted("byline", text.byline),
                    published_on=text.published_on,
                    origin=_fitted("origin", text.origin),
                    url=_fitted("url", text.url),
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
        report.add_duplicate(text.origin, *duplicate)
        return None
    _schedule_extraction(article.pk)
    return article


class CorrectionRefused(ValueError):
    """A correction that cannot be saved; the message is shown to the editor as is."""


def add_revision(article: Article, *, body: str, note: str) -> tuple[Article, Article]:
    """Save a corrected text of `article` as its next revision; returns (old, new).

    This is the article half of a correction: call it through
    `claims.services.corrections.correct_article`, which settles the old revision's claims in the
    same transaction. The old revision keeps its body, so what was checked on it stays
    true to it; the new one has the same story, outlet, byline, date and origin, and is
    extracted as any new article is. Only the current revision can be corrected, into a
    text the story does not hold yet.
    """
    note = without_nul(note).strip()
    if not note:
        raise CorrectionRefused("Say what was corrected.")
    with transaction.atomic():
        # The lock extraction takes as well: a running extraction finishes first.
        old = Article.objects.select_for_update().filter(pk=article.pk).first()
        if old is None:
            raise CorrectionRefused("This article no longer exists.")
        if old.is_superseded:
            raise CorrectionRefused(
                f"Revision {old.revision} has been corrected already: correct the current one."
            )
        try:
            text = ArticleText(
                headline=old.headline, body=normalised_text(body), origin=old.origin, url=old.url
            )
        except UnreadableArticle as exc:
            raise CorrectionRefused("The corrected text is empty.") from exc
        if text.content_hash == old.content_hash:
            raise CorrectionRefused(
                f"The corrected text is the same as revision {old.revision}: nothing to save."
            )
        same = Article.objects.filter(story_id=old.story_id, content_hash=text.content_hash)
        if same_text := same.first():
            raise CorrectionRefused(
                "The corrected text has " + describe_duplicate(same_text, "the same text") + "."
            )
        new = Article.objects.create(
            story_id=old.story_id,
            headline=old.headline,
            outlet=old.outlet,
            byline=old.byline,
            published_on=old.published_on,
            origin=old.origin,
            url=old.url,
            body=text.body,
            content_hash=text.content_hash,
            is_primary_source=old.is_primary_source,
            revision=old.revision + 1,
            corrects=old,
            correction_note=note,
        )
        Article.objects.filter(Q(pk=old.pk) | Q(superseded_by=old)).update(superseded_by=new)
        # Nothing is extracted from a superseded revision any more: a task still queued
        # for it finds it so and does nothing.
        if old.extraction_in_progress:
            # A run still extracting it then finds it no longer its own, and stores nothing.
            Article.objects.filter(pk=old.pk).update(
                extraction_status=ExtractionStatus.DONE,
                extraction_run=None,
                extraction_lease_until=None,
            )
            old.extraction_status = ExtractionStatus.DONE
        old.superseded_by = new
        _schedule_extraction(new.pk)
    return old, new


def normalised_text(body: str) -> str:
    """Text typed into a form: browsers send line ends as CRLF, articles keep LF."""
    return body.replace("\r\n", "\n").replace("\r", "\n").strip()


def save_edited_article(article: Article, changed: set[str]) -> None:
    """Save an editor's change to an article (the admin's change form) and keep in step
    what depends on it: a new text gets its hash and is extracted again.

    Only articles without claims may have their text, story or address changed: the
    admin shows those read-only once there are claims, and checks again under the lock
    extraction takes (`claims.admin.article_admin.ArticleForm`).
    """
    # Only what changed is written: the rest of `article` may be older than the row (an
    # extraction finishing meanwhile writes its status).
    fields = set(changed)
    with transaction.atomic():
        if "body" in changed:
            article.content_hash = content_hash(article.body)
            article.extraction_status = ExtractionStatus.PENDING
            article.extraction_error = ""
            fields |= {"content_hash", "extraction_status", "extraction_error"}
        article.save(update_fields=sorted(fields))
        if "body" in changed:
            _schedule_extraction(article.pk, force=True)


def _schedule_extraction(article_id: int, *, force: bool = False) -> None:
    # The one way down from articles to claims: a saved text is extracted.
    from claims.services.extraction import schedule_extraction

    schedule_extraction(article_id, force=force)
