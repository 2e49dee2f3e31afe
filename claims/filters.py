"""The review queue's filters (django-filter) and keyset pagination."""

import hashlib

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


PAGE_SIZE = 25


def parse_cursor(cursor: str) -> tuple[float, int] | None:
    score, _, claim_id = cursor.partition("_")
    try:
        return float(score), int(claim_id)
    except ValueError:
        return None


def _from_cursor(claims: QuerySet[Claim], cursor: str) -> QuerySet[Claim]:
    """The claims at and after `cursor` in (checkworthiness desc, id) order."""
    claims = claims.order_by("-checkworthiness", "id")
    after = parse_cursor(cursor) if cursor else None
    if after:
        score, claim_id = after
        # The plain range on its own lets PostgreSQL start the index scan at the cursor;
        # the OR then drops the rows of the tie that were already shown.
        claims = claims.filter(checkworthiness__lte=score).filter(
            Q(checkworthiness__lt=score) | Q(id__gt=claim_id)
        )
    return claims


def keyset_page(
    claims: QuerySet[Claim], cursor: str = "", size: int = PAGE_SIZE
) -> tuple[list[Claim], str]:
    """One page in (checkworthiness desc, id) order and the cursor of the next page.

    A cursor instead of OFFSET keeps page 4,000 as fast as page 1.
    """
    page = list(_from_cursor(claims, cursor)[: size + 1])
    if len(page) <= size:
        return page, ""
    last = page[size - 1]
    return page[:size], f"{last.checkworthiness!r}_{last.pk}"


# What a queue row shows that a review step can change; a step always bumps `version`.
FINGERPRINTED = ("pk", "version", "review_state", "assignee_id", "latest_verdict_id")


def page_fingerprint(claims: QuerySet[Claim], cursor: str = "", size: int = PAGE_SIZE) -> str:
    """A short digest of the page `keyset_page` would show: which claims, in which order,
    at which review version (and whether a next page follows). Read from the index and
    the claim rows alone, so an open queue's poll can learn that nothing changed for a
    fraction of what showing the page costs."""
    rows = list(_from_cursor(claims, cursor).values_list(*FINGERPRINTED)[: size + 1])
    return hashlib.blake2b(repr(rows).encode(), digest_size=8).hexdigest()
