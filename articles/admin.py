from django.contrib import admin, messages

from articles.models import Article, Feed, FeedPoll, Story
from articles.services import mark_primary_source
from claims.cluster_services import schedule_matching
from claims.services import reextract_articles
from factdesk.admin_site import CheckedAutocompleteMixin


class ArticleInline(admin.TabularInline):
    model = Article
    fields = ("headline", "outlet", "origin", "extraction_status")
    readonly_fields = fields
    show_change_link = True
    extra = 0
    can_delete = False


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
    from claims.models import Claim as model

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


@admin.register(Article)
class ArticleAdmin(CheckedAutocompleteMixin, admin.ModelAdmin):
    list_display = (
        "headline",
        "outlet",
        "story",
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
    readonly_fields = (
        "extracted_with",
        "content_hash",
        "extraction_status",
        "extraction_error",
        "extracted_at",
        "created_at",
    )
    date_hierarchy = "created_at"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_primary_source" in form.changed_data:
            # Quotes of the whole story are re-checked against the new set of documents.
            mark_primary_source(obj, obj.is_primary_source)

    # As on the desk, re-extracting needs the change permission, not just the view one.
    @admin.action(
        description="Re-extract claims (keeps claims that have a verdict)", permissions=["change"]
    )
    def reextract(self, request, queryset):
        queued = reextract_articles(queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            f"Queued re-extraction for {queued} article{'s' if queued != 1 else ''}; "
            "claims that already have a verdict are kept.",
            messages.SUCCESS,
        )


class FeedPollInline(admin.TabularInline):
    model = FeedPoll
    fields = ("polled_at", "outcome", "added", "skipped", "message")
    readonly_fields = fields
    extra = 0
    can_delete = False
    max_num = 0


@admin.register(Feed)
class FeedAdmin(CheckedAutocompleteMixin, admin.ModelAdmin):
    list_display = ("url", "story", "active", "last_polled_at")
    list_filter = ("active", "story")
    list_select_related = ("story",)
    search_fields = ("url", "story__title")
    autocomplete_fields = ("story",)
    readonly_fields = ("last_polled_at",)
    inlines = [FeedPollInline]


@admin.register(FeedPoll)
class FeedPollAdmin(admin.ModelAdmin):
    list_display = ("polled_at", "feed", "outcome", "added", "skipped")
    list_filter = ("outcome",)
    list_select_related = ("feed",)
    readonly_fields = ("feed", "outcome", "added", "skipped", "message", "polled_at")

    def has_add_permission(self, request) -> bool:
        # A poll is what the poller found; one made up by hand has no feed.
        return False
