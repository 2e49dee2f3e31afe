"""Admin filters whose choices come from small tables, never from scanning every claim."""

from django.contrib import admin

from articles.models import Article, Story

RECENT_STORIES = 30


class StoryFilter(admin.SimpleListFilter):
    title = "story (most recent)"
    parameter_name = "story"

    def lookups(self, request, model_admin):
        # The newest stories; older ones are found by searching their title.
        stories = Story.objects.order_by("-created_at").values_list("slug", "title")
        return list(stories[:RECENT_STORIES])

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(article__story__slug=self.value())
        return queryset


class OutletFilter(admin.SimpleListFilter):
    title = "outlet"
    parameter_name = "outlet"

    def lookups(self, request, model_admin):
        outlets = Article.objects.exclude(outlet="").order_by("outlet").values_list("outlet")
        return [(name, name) for (name,) in outlets.distinct()[:100]]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(article__outlet=self.value())
        return queryset
