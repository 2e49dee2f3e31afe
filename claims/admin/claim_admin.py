from django.contrib import admin, messages
from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils.html import format_html

from claims.admin.actions import merge_duplicates, move_to_cluster, reassign
from claims.admin.filters import OutletFilter, StoryFilter
from claims.models import CLAIM_TEXT_VECTOR, Claim, ClaimCluster, ClaimComment, ClaimEvent, Verdict
from claims.services.admin_edits import edit_claim, edit_comment
from claims.services.curation import restore_verdict


class VerdictInline(admin.TabularInline):
    model = Verdict

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("checked_by")

    fields = ("label", "rationale", "evidence", "checked_by", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        # Verdicts are recorded through the desk so history stays append-only.
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class EventInline(ReadOnlyInline):
    model = ClaimEvent

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")

    fields = ("created_at", "action", "actor", "before", "after")
    readonly_fields = fields
    ordering = ("-created_at", "-id")


class CommentInline(ReadOnlyInline):
    model = ClaimComment

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")

    fields = ("created_at", "author", "text")
    readonly_fields = fields


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = (
        "snippet", "story", "outlet", "kind", "checkworthiness", "verdict", "suggested_verdict",
        "review_state", "assignee",
    )  # fmt: skip
    # No story filter: thousands of stories would make a sidebar nobody can use; search
    # by story title instead.
    # Story and outlet choices come from their own small tables: Django's default would
    # scan every claim to build the sidebar.
    list_filter = (
        StoryFilter, OutletFilter, "kind", "review_state", "latest_verdict__label",
        "suggested_verdict", "assignee", "created_at",
    )  # fmt: skip
    list_select_related = ("article__story", "latest_verdict", "assignee")
    search_fields = ("text",)
    search_help_text = "Words in the claim (stemmed full-text search on PostgreSQL)."
    # Newest first by primary key: the index answers it at any size.
    ordering = ("-id",)
    # Counting 100,000 rows for "N total" costs more than the page itself.
    show_full_result_count = False
    list_per_page = 50
    readonly_fields = (
        # What was checked: the verdict is about these words at this place in the article.
        "text", "kind", "speaker", "speaker_title", "article", "start", "end",
        "latest_verdict", "created_at", "reasons", "quoted_text",
        "figures", "suggested_verdict", "suggestion_reasons", "comparison", "primary_check",
        # Workflow fields change only through the desk, so every change is audited.
        "review_state", "assignee", "signed_off_by", "version", "cluster",
    )  # fmt: skip
    inlines = [VerdictInline, CommentInline, EventInline]
    # The reports app adds its export actions (reports/admin.py): it sits above claims.
    actions = [reassign, merge_duplicates, move_to_cluster]

    def has_add_permission(self, request) -> bool:
        return False  # claims come from extraction

    def save_model(self, request, obj, form, change):
        # Only check-worthiness is left to change here; the change goes on the audit trail.
        changes = {
            name: (form.initial.get(name), form.cleaned_data[name])
            for name in form.changed_data
            if form.initial.get(name) != form.cleaned_data[name]
        }
        edit_claim(obj, changes, actor=request.user)

    def get_search_results(self, request, queryset, search_term):
        if connection.vendor != "postgresql" or not search_term.strip():
            return super().get_search_results(request, queryset, search_term)
        # The same expression as the GIN index claim_text_search_idx, so it is used.
        query = SearchQuery(search_term, config="english", search_type="websearch")
        return queryset.annotate(search=CLAIM_TEXT_VECTOR).filter(search=query), False

    @admin.display(description="Claim")
    def snippet(self, claim: Claim) -> str:
        return str(claim)

    @admin.display(description="Story", ordering="article__story__title")
    def story(self, claim: Claim) -> str:
        return claim.article.story.title

    @admin.display(description="Outlet", ordering="article__outlet")
    def outlet(self, claim: Claim) -> str:
        return claim.article.outlet

    @admin.display(description="Verdict", ordering="latest_verdict__label")
    def verdict(self, claim: Claim):
        if not claim.latest_verdict_id:
            return "—"
        label = claim.latest_verdict.label
        return format_html(
            '<span class="verdict-badge verdict-{}">{}</span>',
            label,
            claim.latest_verdict.get_label_display(),
        )


@admin.register(Verdict)
class VerdictAdmin(admin.ModelAdmin):
    list_display = ("claim", "label", "checked_by", "created_at")
    list_filter = ("label", "checked_by", "created_at")
    list_select_related = ("claim", "checked_by")
    show_full_result_count = False
    ordering = ("-id",)
    search_fields = ("rationale", "claim__text")
    date_hierarchy = "created_at"

    actions = ["restore"]

    def has_change_permission(self, request, obj=None) -> bool:
        # A verdict is history: correct it by recording a new one.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # Nor is it ever removed: a claim has verdicts exactly when it points at its latest.
        return False

    @admin.action(description="Restore as the claim's current verdict (a new entry)")
    def restore(self, request, queryset):
        if not request.user.has_perm("claims.sign_off_claims"):
            raise PermissionDenied
        restored = []
        for verdict in queryset.select_related("claim", "checked_by"):
            try:
                restored.append(restore_verdict(verdict, actor=request.user))
            except ValueError as exc:
                self.message_user(request, f"Claim #{verdict.claim_id}: {exc}", messages.ERROR)
        if restored:
            self.message_user(
                request,
                f"Restored {len(restored)} verdicts as new entries; the history keeps both.",
                messages.SUCCESS,
            )


class ClusterClaimInline(admin.TabularInline):
    model = Claim
    fields = ("text", "article", "suggested_verdict")
    readonly_fields = ("text", "article", "suggested_verdict")
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ClaimCluster)
class ClaimClusterAdmin(admin.ModelAdmin):
    list_display = ("__str__", "story", "outlet_count", "curated", "updated_at")
    list_filter = ("curated", "story")
    list_select_related = ("story",)
    search_fields = ("label",)
    readonly_fields = ("story", "label", "outlet_count", "created_at", "updated_at")
    inlines = [ClusterClaimInline]

    def has_add_permission(self, request) -> bool:
        return False  # clusters come from matching and the desk's cluster edits


@admin.register(ClaimEvent)
class ClaimEventAdmin(admin.ModelAdmin):
    """The audit trail: readable and searchable, never edited or deleted here."""

    list_display = ("created_at", "action", "actor", "claim")
    list_filter = ("action", "actor")
    list_select_related = ("actor", "claim")
    show_full_result_count = False
    search_fields = ("claim__text", "actor__username")
    date_hierarchy = "created_at"
    readonly_fields = ("claim", "actor", "action", "before", "after", "created_at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ClaimComment)
class ClaimCommentAdmin(admin.ModelAdmin):
    list_display = ("created_at", "author", "claim", "text")
    list_select_related = ("author", "claim")
    search_fields = ("text", "claim__text")
    readonly_fields = ("claim", "author", "created_at")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author", "claim")

    def has_add_permission(self, request) -> bool:
        return False  # comments are made on the desk, each with its event

    def has_delete_permission(self, request, obj=None) -> bool:
        # Part of the claim's history; an edit here is recorded with both texts.
        return False

    def save_model(self, request, obj, form, change):
        edit_comment(obj, form.initial.get("text", ""), actor=request.user)
