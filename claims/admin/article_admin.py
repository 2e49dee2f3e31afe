"""The article admin: metadata editable, the text read-only once it has claims, corrections.

It lives with claims, not articles: it lists an article's claims, re-extracts them, records
every change on each claim's audit trail and corrects an article by making a new revision
whose consequences for claims are claims' business (`claims.services.corrections`). Claims
sit above articles, so this keeps the articles app free of imports from claims.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from articles.models import Article, Story
from articles.reading import ArticleText, UnreadableArticle
from articles.services import (
    CorrectionRefused,
    describe_duplicate,
    find_duplicate,
    normalised_text,
)
from claims.models import Claim
from claims.services.admin_edits import edit_article
from claims.services.clusters import schedule_matching
from claims.services.corrections import correct_article
from claims.services.extraction import reextract_articles
from factdesk.admin_site import CheckedAutocompleteMixin

EDITABLE = (
    "story", "headline", "outlet", "byline", "published_on", "origin", "url", "body",
    "is_primary_source",
)  # fmt: skip
# What extraction read and what places an article among its story's: once the article has
# claims these stay as they are (a correction makes a new revision instead).
FIXED_ONCE_CLAIMED = ("story", "body", "url")
# A later revision belongs to its first revision's story and address.
FIXED_FOR_REVISIONS = ("story", "url")
ALWAYS_READ_ONLY = (
    "revision", "corrects", "superseded_by", "correction_note", "content_hash",
    "extraction_status", "extraction_error", "extracted_with", "extracted_at", "created_at",
)  # fmt: skip


def has_claims(article: Article) -> bool:
    """Whether the article has claims: read with the article (`ArticleAdmin.get_queryset`),
    or once per request otherwise (the admin asks many times)."""
    if not hasattr(article, "has_claims"):
        article.has_claims = Claim.objects.filter(article_id=article.pk).exists()
    return article.has_claims


def fixed_fields(article: Article) -> tuple[str, ...]:
    fixed = FIXED_ONCE_CLAIMED if has_claims(article) else ()
    if article.revision > 1:
        fixed = tuple(dict.fromkeys((*fixed, *FIXED_FOR_REVISIONS)))
    return fixed


class ArticleInline(admin.TabularInline):
    model = Article
    fields = ("headline", "outlet", "origin", "extraction_status")
    readonly_fields = fields
    show_change_link = True
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # articles come in through the desk's "Add articles"


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "created_at")
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    date_hierarchy = "created_at"
    inlines = [ArticleInline]
    actions = ["rematch"]

    # Only those who may change a story: the view permission alone opens this list.
    @admin.action(
        description="Re-run cross-source matching (hand edits are kept)", permissions=["change"]
    )
    def rematch(self, request, queryset):
        story_ids = list(queryset.values_list("pk", flat=True))
        for story_id in story_ids:
            schedule_matching(story_id, rebuild=True)
        self.message_user(
            request,
            f"Queued matching for {len(story_ids)} stor{'ies' if len(story_ids) != 1 else 'y'}.",
        )


class ClaimInline(admin.TabularInline):
    model = Claim
    fields = ("text", "kind", "checkworthiness", "latest_verdict", "review_state")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ("start",)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("latest_verdict")


class ArticleForm(forms.ModelForm):
    """The change form, checked again under the article's row lock when it is saved."""

    class Meta:
        model = Article
        fields = EDITABLE

    def clean_body(self) -> str:
        return normalised_text(self.cleaned_data["body"])

    def changes(self) -> dict[str, tuple]:
        """Each field the editor really changed, as (before, after): a browser sends a
        textarea's line ends as CRLF, which alone is no change."""
        changes = {}
        for name in self.changed_data:
            before, after = self.initial.get(name), self.cleaned_data.get(name)
            if isinstance(after, models.Model):
                if after.pk == before:
                    continue
                before = type(after).objects.filter(pk=before).first()
            elif before == after:
                continue
            changes[name] = (before, after)
        return changes

    def clean(self):
        cleaned = super().clean()
        article = self.instance
        if self.errors or not set(self.changes()) & set(FIXED_ONCE_CLAIMED):
            return cleaned
        # Extraction takes the same lock: no claim can appear between this check and the
        # save, which the admin makes in this same transaction.
        list(Article.objects.select_for_update().filter(pk=article.pk).values_list("pk"))
        if Claim.objects.filter(article_id=article.pk).exists():
            raise ValidationError(
                "This article has claims now, so its text, story and address stay as they "
                "are. Use “Correct the text” to save a corrected text as a new revision."
            )
        try:
            text = ArticleText(
                headline=cleaned.get("headline", article.headline),
                body=cleaned.get("body", article.body),
                origin=cleaned.get("origin", article.origin),
                url=cleaned.get("url", article.url),
            )
        except UnreadableArticle as exc:
            raise ValidationError(str(exc)) from exc
        duplicate = find_duplicate(cleaned.get("story", article.story), text, besides=article)
        if duplicate:
            raise ValidationError(
                "Not saved: the article would have " + describe_duplicate(*duplicate) + "."
            )
        return cleaned


@admin.register(Article)
class ArticleAdmin(CheckedAutocompleteMixin, admin.ModelAdmin):
    form = ArticleForm
    fields = (*EDITABLE, *ALWAYS_READ_ONLY)  # the text first, its bookkeeping after
    change_form_template = "admin/articles/article/change_form.html"
    list_display = (
        "headline",
        "outlet",
        "story",
        "revision",
        "published_on",
        "extraction_status",
        "created_at",
    )
    list_filter = ("extraction_status", "is_primary_source", "outlet", "created_at")
    list_select_related = ("story",)
    show_full_result_count = False
    list_per_page = 50
    ordering = ("-id",)
    inlines = [ClaimInline]
    search_fields = ("headline", "outlet", "byline", "origin")
    autocomplete_fields = ("story",)
    actions = ["reextract"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        # In the same query as the article: its change page decides what is read-only.
        claims = Claim.objects.filter(article=OuterRef("pk"))
        return super().get_queryset(request).annotate(has_claims=Exists(claims))

    def has_add_permission(self, request) -> bool:
        # Articles come in through the desk's "Add articles", which checks for duplicates
        # and queues extraction.
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        # A superseded revision is history: it stays as its claims were checked on it.
        if obj is not None and obj.is_superseded:
            return False
        return super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return (*ALWAYS_READ_ONLY, *(fixed_fields(obj) if obj else ()))

    def save_model(self, request, obj, form, change):
        edit_article(obj, form.changes(), actor=request.user)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_correct"] = bool(
            obj and not obj.is_superseded and self.has_change_permission(request, obj)
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # As on the desk, re-extracting needs the change permission, not just the view one.
    @admin.action(
        description="Re-extract claims (keeps claims that have a verdict)", permissions=["change"]
    )
    def reextract(self, request, queryset):
        queued = reextract_articles(queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            f"Queued re-extraction for {queued} article{'s' if queued != 1 else ''}; "
            "claims that already have a verdict are kept (earlier revisions are left as "
            "they are).",
            messages.SUCCESS,
        )

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        correct = path(
            "<path:object_id>/correct/",
            self.admin_site.admin_view(self.correct_view),
            name="{}_{}_correct".format(*info),
        )
        return [correct, *super().get_urls()]

    def correct_view(self, request, object_id: str):
        """The editor types the corrected text; it is saved as the next revision."""
        article = self.get_object(request, unquote(object_id))
        if not self.has_change_permission(request):
            raise PermissionDenied
        if article is None:
            raise Http404("No such article.")
        if article.is_superseded:
            self.message_user(
                request,
                f"Revision {article.revision} has been corrected already; this is the current "
                "revision.",
                messages.WARNING,
            )
            return HttpResponseRedirect(self._correct_url(article.superseded_by_id))
        form = CorrectionForm(request.POST or None, initial={"body": article.body})
        if form.is_valid():
            try:
                new = correct_article(
                    article,
                    body=form.cleaned_data["body"],
                    note=form.cleaned_data["note"],
                    actor=request.user,
                )
            except CorrectionRefused as exc:
                form.add_error(None, str(exc))
            else:
                return self._corrected(request, article, new)
        return TemplateResponse(
            request,
            "admin/articles/article/correct.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Correct “{article.headline}”",
                "opts": self.opts,
                "original": article,
                "form": form,
                **correction_outcome(article),
            },
        )

    def _corrected(self, request, old: Article, new: Article):
        self.log_change(request, old, f"Corrected: the current text is revision {new.revision}.")
        self.log_addition(request, new, f"Revision {new.revision}: {new.correction_note}")
        self.message_user(
            request,
            f"Saved revision {new.revision} of “{new.headline}”; its claims are being "
            f"extracted. Claims with a verdict stay on revision {old.revision}.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[new.pk]))

    def _correct_url(self, article_id: int) -> str:
        return reverse("admin:articles_article_correct", args=[article_id])


class CorrectionForm(forms.Form):
    body = forms.CharField(
        label="Corrected text",
        widget=forms.Textarea(attrs={"rows": 24, "cols": 100}),
        strip=False,
    )
    note = forms.CharField(
        label="What was corrected",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 100}),
        help_text="Shown on both revisions and recorded on each checked claim.",
    )


def correction_outcome(article: Article) -> dict[str, int]:
    """What a correction does to the article's claims, for the form to say beforehand."""
    claims = Claim.objects.filter(article=article)
    return {
        "kept": claims.filter(latest_verdict__isnull=False).count(),
        "removed": claims.filter(latest_verdict__isnull=True).count(),
        "removed_with_comments": claims.filter(latest_verdict__isnull=True, comments__isnull=False)
        .distinct()
        .count(),
    }
