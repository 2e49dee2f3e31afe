from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import models
from django.db.models import F, Q
from django.urls import reverse


class ClaimKind(models.TextChoices):
    QUOTE = "quote", "Quote"
    STATISTIC = "statistic", "Statistic"
    ATTRIBUTION = "attribution", "Attribution"
    EVENT = "event", "Event"
    PREDICTION = "prediction", "Prediction"
    OTHER = "other", "Other"


class VerdictLabel(models.TextChoices):
    SUPPORTED = "supported", "Supported"
    VARIED = "varied", "Varied"
    ERRONEOUS = "erroneous", "Erroneous"


# Full-text search over claim text; the admin searches with exactly this expression, and
# migration 0009 indexes it (GIN) on PostgreSQL.
CLAIM_TEXT_VECTOR = SearchVector("text", config="english")


class ReviewState(models.TextChoices):
    TO_CHECK = "to_check", "To check"
    IN_REVIEW = "in_review", "In review"
    SIGNED_OFF = "signed_off", "Signed off"
    REOPENED = "reopened", "Reopened"


OPEN_STATES = (ReviewState.TO_CHECK, ReviewState.IN_REVIEW, ReviewState.REOPENED)


class ClaimCluster(models.Model):
    """The same fact as stated by several articles of one story."""

    story = models.ForeignKey("articles.Story", on_delete=models.CASCADE, related_name="clusters")
    label = models.TextField(blank=True, help_text="The reference version's text.")
    outlet_count = models.PositiveSmallIntegerField(default=1)
    # Set when a checker splits, moves or merges by hand: a rebuild keeps this cluster's
    # members together (new articles' claims may still join it).
    curated = models.BooleanField(default=False)
    # The version the others are compared with and the label is taken from: the primary
    # source's, else one a checker marked (`reference_marked_by`), else the most
    # representative (claims/matching/compare.py).
    reference = models.ForeignKey(
        "claims.Claim", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reference_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["story", "-outlet_count", "id"]
        indexes = [models.Index(fields=["story", "-outlet_count"], name="cluster_story_size_idx")]

    def __str__(self) -> str:
        label = self.label if len(self.label) <= 70 else self.label[:67] + "..."
        return f"{label} ({self.outlet_count} outlets)"


class Claim(models.Model):
    """A check-worthy statement in an article; `article.body[start:end]` is its source text."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="claims")
    text = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    kind = models.CharField(max_length=12, choices=ClaimKind, default=ClaimKind.OTHER)
    speaker = models.CharField(max_length=200, blank=True)
    # The speaker's title as the article gives it ("co-CEO"), kept apart from the name.
    speaker_title = models.CharField(max_length=200, blank=True)
    quoted_text = models.TextField(blank=True, help_text="For quotes: the words inside the marks.")
    figures = models.JSONField(
        default=list, blank=True, help_text="Figures in the claim, parsed: value, unit, measure."
    )
    checkworthiness = models.FloatField(default=0.0)
    reasons = models.JSONField(default=list, blank=True)
    cluster = models.ForeignKey(
        ClaimCluster, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )
    suggested_verdict = models.CharField(max_length=10, choices=VerdictLabel, blank=True)
    suggestion_reasons = models.JSONField(default=list, blank=True)
    # How this version differs from the cluster's reference: word diff, figures, roles.
    comparison = models.JSONField(default=dict, blank=True)
    # For quotes, when the story has primary documents: verbatim / changed / not_found.
    primary_check = models.JSONField(null=True, blank=True)
    review_state = models.CharField(
        max_length=10, choices=ReviewState, default=ReviewState.TO_CHECK
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_claims",
    )
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Bumped by every verdict and review step: a form carries the version it was
    # rendered with, so a stale save is refused instead of overwriting someone.
    version = models.PositiveIntegerField(default=0)
    # Denormalised pointer to the newest verdict so lists need no subquery; the
    # Verdict rows themselves are the history and are never updated.
    latest_verdict = models.ForeignKey(
        "Verdict", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "start", "end"], name="claim_unique_span_per_article"
            ),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="claim_span_not_empty"),
            models.CheckConstraint(
                condition=Q(checkworthiness__gte=0) & Q(checkworthiness__lte=1),
                name="claim_checkworthiness_in_unit_range",
            ),
        ]
        indexes = [
            models.Index(fields=["-checkworthiness"], name="claim_checkworthiness_idx"),
            # The queue's keyset order, filtered by assignee and state.
            models.Index(
                fields=["assignee", "review_state", "-checkworthiness", "id"],
                name="claim_queue_idx",
            ),
            models.Index(fields=["-checkworthiness", "id"], name="claim_keyset_idx"),
        ]
        permissions = [
            ("record_verdict", "Can record verdicts on claims"),
            ("comment_on_claim", "Can comment on claims"),
            ("edit_clusters", "Can split, move and merge claim clusters"),
            ("assign_claims", "Can assign claims and stories to fact-checkers"),
            ("sign_off_claims", "Can sign off, send back and reopen verdicts"),
            ("export_claims", "Can export verdict reports"),
        ]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:77] + "..."

    def get_absolute_url(self) -> str:
        return reverse("claim-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.review_state in OPEN_STATES

    @property
    def verdict_label(self) -> str:
        return self.latest_verdict.label if self.latest_verdict_id else ""


class Verdict(models.Model):
    """A fact-checker's judgement on a claim. Append-only: a new verdict is a new row."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="verdicts")
    label = models.CharField(max_length=10, choices=VerdictLabel)
    rationale = models.TextField()
    evidence = models.JSONField(default=list, blank=True, help_text="Evidence links (URLs).")
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verdicts"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"
        constraints = [
            models.CheckConstraint(
                condition=Q(label__in=VerdictLabel.values), name="verdict_label_valid"
            ),
            models.CheckConstraint(condition=~Q(rationale=""), name="verdict_rationale_required"),
        ]
        indexes = [models.Index(fields=["claim", "-created_at"], name="verdict_claim_recent_idx")]

    def __str__(self) -> str:
        return f"{self.get_label_display()} by {self.checked_by} on claim {self.claim_id}"


class ClaimComment(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="comment_not_empty")]

    def __str__(self) -> str:
        return f"{self.author} on claim {self.claim_id}: {self.text[:60]}"


class ClaimEvent(models.Model):
    """One change to a claim, by whom, from what to what. Written only by services."""

    class Action(models.TextChoices):
        VERDICT = "verdict", "Verdict recorded"
        ASSIGN = "assign", "Assigned"
        TAKE = "take", "Taken"
        SIGN_OFF = "sign_off", "Signed off"
        SEND_BACK = "send_back", "Sent back"
        REOPEN = "reopen", "Reopened"
        COMMENT = "comment", "Commented"
        CLUSTER = "cluster", "Cluster edited"
        RESTORE = "restore", "Verdict restored"
        MERGE = "merge", "Duplicates merged"
        REFERENCE = "reference", "Marked as the reference version"
        # Changes made in the Django admin (claims/services/admin_edits.py), and corrections.
        ADMIN_EDIT = "admin_edit", "Edited in the admin"
        ARTICLE_EDIT = "article_edit", "Article edited in the admin"
        COMMENT_EDIT = "comment_edit", "Comment edited in the admin"
        ARTICLE_CORRECTED = "article_corrected", "Article corrected"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["claim", "-created_at"], name="event_claim_recent_idx")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} on claim {self.claim_id} by {self.actor}"
