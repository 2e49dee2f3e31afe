"""Keyset pages of claims in (check-worthiness desc, id) order, for the queue and a story's
claims, and a fingerprint of a page for the open queue's poll."""

import hashlib

from django.db.models import Q, QuerySet

from claims.models import Claim

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
