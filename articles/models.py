from django.db import models
from django.urls import reverse


class Story(models.Model):
    """A news event that several outlets cover; its articles are checked together."""

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("story-detail", args=[self.slug])


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", "Pending"
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
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["story", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["story", "content_hash"], name="article_unique_text_per_story"
            ),
            models.CheckConstraint(condition=~models.Q(body=""), name="article_body_not_empty"),
        ]
        indexes = [models.Index(fields=["extraction_status"])]

    def __str__(self) -> str:
        return f"{self.outlet or 'Unknown outlet'}: {self.headline}"

    def get_absolute_url(self) -> str:
        return reverse("article-detail", args=[self.pk])

    @property
    def extraction_in_progress(self) -> bool:
        return self.extraction_status in {ExtractionStatus.PENDING, ExtractionStatus.RUNNING}
