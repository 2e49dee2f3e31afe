"""The review queue's filters (django-filter); its pages are in `claims.paging`."""

import django_filters
from django.db.models import Q, QuerySet

from articles.models import Story
from claims.models import OPEN_STATES, Claim, ClaimKind, ReviewState

ASSIGNEE_CHOICES = [
    ("mine", "Mine and unassigned"),
    ("me", "Mine only"),
    ("unassigned", "Unassigned"),
    ("anyone", "Anyone"),
]
STATE_CHOICES = [("open", "Open (not signed off)"), *ReviewState.choices]


class QueueFilter(django_filters.FilterSet):
    story = django_filters.ModelChoiceFilter(
        field_name="article__story",
        queryset=Story.objects.order_by("title"),
        to_field_name="slug",
        empty_label="All stories",
        label="Story",
    )
    kind = django_filters.ChoiceFilter(
        choices=ClaimKind.choices, empty_label="All kinds", label="Kind"
    )
    state = django_filters.ChoiceFilter(
        choices=STATE_CHOICES, method="filter_state", empty_label="Any state", label="State"
    )
    assignee = django_filters.ChoiceFilter(
        choices=ASSIGNEE_CHOICES, method="filter_assignee", empty_label=None, label="Assignee"
    )

    class Meta:
        model = Claim
        fields = ["story", "kind", "state", "assignee"]

    def __init__(self, data=None, *args, user=None, **kwargs):
        # Defaults a checker expects: open claims that are theirs or nobody's.
        data = data.copy() if data is not None else {}
        data.setdefault("state", "open")
        data.setdefault("assignee", "mine")
        super().__init__(data, *args, **kwargs)
        self.user = user

    def filter_state(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "open":
            return queryset.filter(review_state__in=OPEN_STATES)
        return queryset.filter(review_state=value)

    def filter_assignee(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "me":
            return queryset.filter(assignee=self.user)
        if value == "mine":
            return queryset.filter(Q(assignee=self.user) | Q(assignee__isnull=True))
        if value == "unassigned":
            return queryset.filter(assignee__isnull=True)
        return queryset
