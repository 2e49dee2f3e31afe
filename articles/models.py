from django.db import models
from django.urls import reverse


class Story(models.Model):
    """A news event that several outlets cover; its articles are checked together."""

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when matching could not be queued (task queue down); the sweep clears it.
    matching_delayed = models.BooleanField(default=False, editable=False)
    # ...and when what could not be queued was a full rebuild (a re-extraction, an
    # editor's re-match), so the sweep rebuilds rather than matching only new claims.
    matching_rebuild_delayed = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("story-detail", args=[self.slug])


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    # Saved, but the task queue could not be reached; sent again once it is back.
    DELAYED = "delayed", "Delayed"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class Article(models.Model):
    """One outlet's version of a story, stored as plain text."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="articles")
    headline = models.CharField(max_length=500)
    outlet = models.CharField(max_length=200, blank=True)
    byline = models.CharField(max_length=300, blank=True)
    published_on = models.DateField(null=True, blank=True)
    origin = models.CharField(
        max_length=1000, blank=True, help_text="File name or URL the article came from."
    )
    url = models.URLField(max_length=1000, blank=True, help_text="Web address, when fetched.")
    body = models.TextField()
    is_primary_source = models.BooleanField(
        default=False,
        help_text="A primary document (shareholder letter, transcript, press release) "
        "that quotes are checked against.",
    )
    # sha256 of the body: the same text is never stored twice in one story.
    content_hash = models.CharField(max_length=64, editable=False)
    extraction_status = models.CharField(
        max_length=10, choices=ExtractionStatus, default=ExtractionStatus.PENDING
    )
    extraction_error = models.TextField(blank=True)
    extracted_at = models.DateTimeField(null=True, blank=True)
    # Which extractor produced the claims: a re-delivered task with the same
    # version has nothing to do, a newer version re-extracts.
    extracted_with = models.CharField(max_length=40, blank=True)
    # A correction is a new row, the next revision; the old one keeps its body, so the
    # claims checked on it still point at the words they were checked on (docs/admin.md).
    revision = models.PositiveIntegerField(default=1, editable=False)
    corrects = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.RESTRICT,
        related_name="correction",
        help_text="The revision this one corrects.",
    )
    # Every earlier revision points at the current one, so no list walks the chain.
    superseded_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.RESTRICT,
        related_name="earlier_revisions",
        help_text="The current revision, once this one has been corrected.",
    )
    correction_note = models.TextField(
        blank=True, editable=False, help_text="What this revision corrected."
    )
    # The run that holds a running extraction (each delivery that claims the article draws a
    # new one); only that run may store its result, so a run that was taken over writes nothing.
    extraction_run = models.UUIDField(null=True, blank=True, editable=False)
    # Until when the article's task is presumed alive: a running extraction renews it, a queued
    # one has until then to start. Past it the task was lost, and the sweep sends it again.
    extraction_lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["story", "created_at", "id"]
        constraints = [
            # Every revision too: a correction back to an earlier text is refused.
            models.UniqueConstraint(
                fields=["story", "content_hash"], name="article_unique_text_per_story"
            ),
            models.CheckConstraint(condition=~models.Q(body=""), name="article_body_not_empty"),
            # One article per address; its later revisions share the first one's.
            models.UniqueConstraint(
                fields=["story", "url"],
                condition=~models.Q(url="") & models.Q(corrects__isnull=True),
                name="article_unique_url_per_story",
            ),
            models.CheckConstraint(
                condition=models.Q(revision=1, corrects__isnull=True)
                | models.Q(revision__gt=1, corrects__isnull=False),
                name="article_revision_follows_what_it_corrects",
            ),
            models.CheckConstraint(
                condition=~models.Q(superseded_by=models.F("id")),
                name="article_not_superseded_by_itself",
            ),
        ]
        indexes = [models.Index(fields=["extraction_status"])]

    def __str__(self) -> str:
        return f"{self.outlet or 'Unknown outlet'}: {self.headline}"

    def get_absolute_url(self) -> str:
        return reverse("article-detail", args=[self.pk])

    @property
    def is_superseded(self) -> bool:
        """Corrected since: a later revision holds the outlet's current text."""
        return self.superseded_by_id is not None

    @property
    def extraction_in_progress(self) -> bool:
        return self.extraction_status in {
            ExtractionStatus.PENDING,
            ExtractionStatus.DELAYED,
            ExtractionStatus.RUNNING,
        }


class Feed(models.Model):
    """An RSS or Atom feed a story follows; new items become articles of the story."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="feeds")
    url = models.URLField(max_length=1000)
    active = models.BooleanField(default=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "url"], name="feed_unique_per_story")
        ]

    def __str__(self) -> str:
        return self.url


class FeedPoll(models.Model):
    """One visit to a feed and what came of it."""

    class Outcome(models.TextChoices):
        OK = "ok", "OK"
        FAILED = "failed", "Failed"

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="polls")
    outcome = models.CharField(max_length=6, choices=Outcome)
    added = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    polled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-polled_at"]

    def __str__(self) -> str:
        return f"{self.feed}: {self.outcome} at {self.polled_at:%Y-%m-%d %H:%M}"


class FeedItem(models.Model):
    """A feed entry already handled, so the next poll adds it only once."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="items")
    key = models.CharField(max_length=1000)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL)
    seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["feed", "key"], name="feed_item_once")]

    def __str__(self) -> str:
        return self.key
