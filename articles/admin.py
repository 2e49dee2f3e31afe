from django.contrib import admin

from articles.models import Feed, FeedPoll
from factdesk.admin_site import CheckedAutocompleteMixin

# The story and article admins are in claims/admin/article_admin.py: they show and act on
# claims.


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
