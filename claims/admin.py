from django.contrib import admin

from claims.models import Claim, ClaimCluster, ClaimComment, ClaimEvent, Verdict


class VerdictInline(admin.TabularInline):
    model = Verdict
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
    fields = ("created_at", "action", "actor", "before", "after")
    readonly_fields = fields
    ordering = ("-created_at", "-id")


class CommentInline(ReadOnlyInline):
    model = ClaimComment
    fields = ("created_at", "author", "text")
    readonly_fields = fields


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = (
        "__str__", "kind", "checkworthiness", "suggested_verdict", "verdict", "review_state",
        "assignee", "article",
    )  # fmt: skip
    list_filter = (
        "kind", "review_state", "latest_verdict__label", "suggested_verdict", "article__story",
    )  # fmt: skip
    list_select_related = ("article", "latest_verdict", "assignee")
    search_fields = ("text", "speaker", "article__headline", "article__outlet")
    readonly_fields = (
        "article", "start", "end", "latest_verdict", "created_at", "reasons", "quoted_text",
        "figures", "suggested_verdict", "suggestion_reasons", "comparison", "primary_check",
        # Workflow fields change only through the desk, so every change is audited.
        "review_state", "assignee", "signed_off_by", "version", "cluster",
    )  # fmt: skip
    inlines = [VerdictInline, CommentInline, EventInline]
    actions = ["export_csv", "export_json"]

    def _export(self, request, queryset, export_format: str):
        from django.core.exceptions import PermissionDenied
        from django.http import StreamingHttpResponse

        from reports.formats import FORMATS
        from reports.json_export import json_chunks
        from reports.selectors import ExportScope, claims_in_scope
        from reports.tabular import csv_lines

        if not request.user.has_perm("claims.export_claims"):
            raise PermissionDenied
        scope = ExportScope(claim_ids=tuple(queryset.values_list("pk", flat=True)))
        chunks = csv_lines(claims_in_scope(scope)) if export_format == "csv" else json_chunks(scope)
        response = StreamingHttpResponse(chunks, content_type=FORMATS[export_format].content_type)
        name = f"factdesk-selected-claims.{FORMATS[export_format].extension}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    @admin.action(description="Export selected claims as CSV")
    def export_csv(self, request, queryset):
        return self._export(request, queryset, "csv")

    @admin.action(description="Export selected claims as JSON")
    def export_json(self, request, queryset):
        return self._export(request, queryset, "json")

    @admin.display(description="Verdict", ordering="latest_verdict__label")
    def verdict(self, claim: Claim) -> str:
        return claim.latest_verdict.get_label_display() if claim.latest_verdict_id else "—"


@admin.register(Verdict)
class VerdictAdmin(admin.ModelAdmin):
    list_display = ("claim", "label", "checked_by", "created_at")
    list_filter = ("label", "checked_by", "claim__article__story")
    list_select_related = ("claim", "checked_by")
    search_fields = ("rationale", "claim__text")
    date_hierarchy = "created_at"

    def has_change_permission(self, request, obj=None) -> bool:
        # A verdict is history: correct it by recording a new one.
        return False


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


@admin.register(ClaimEvent)
class ClaimEventAdmin(admin.ModelAdmin):
    """The audit trail: readable and searchable, never edited or deleted here."""

    list_display = ("created_at", "action", "actor", "claim")
    list_filter = ("action", "actor")
    list_select_related = ("actor", "claim")
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
