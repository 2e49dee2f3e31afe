from django.contrib import admin

from articles.models import Article, Feed, FeedPoll, Story
from claims.cluster_services import schedule_matching
from factdesk.admin_site import CheckedAutocompleteMixin

# The article admin is in claims/article_admin.py: it shows and acts on claims.


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
