from django.contrib import admin, messages

from articles.models import Article, Story
from claims.services import reextract_articles


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


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = (
        "headline",
        "outlet",
        "story",
        "published_on",
        "extraction_status",
        "created_at",
    )
    list_filter = ("extraction_status", "story", "outlet")
    list_select_related = ("story",)
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

    @admin.action(description="Re-extract claims (keeps claims that have a verdict)")
    def reextract(self, request, queryset):
        queued = reextract_articles(queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            f"Queued re-extraction for {queued} article{'s' if queued != 1 else ''}; "
            "claims that already have a verdict are kept.",
            messages.SUCCESS,
        )
