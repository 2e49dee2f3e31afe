"""The order in which writers of claims take their row locks, so that no two can deadlock.

Lock order (docs/workflow.md, "Lock order"); a transaction takes locks top to bottom, never
back up:

1. The story: every writer that changes several claims, or a story's clusters, first locks
   the story row (`lock_stories`): storing an extraction, matching, splitting, moving and
   merging clusters, merging duplicate claims, bulk assignment. They take turns per story.
   Several stories are locked in id order, in one statement.
2. The article whose claims an extraction stores.
3. Claims, in id order (`lock_claims`), before the first one is changed.
4. Rows that hang off claims (verdicts, events, comments) and clusters.

A review step (verdict, sign-off, send back, reopen, take) locks only its one claim and then
writes rows it creates itself (the verdict, the event), so once it holds its claim it waits for
nothing: it cannot close a cycle, and it needs no story lock (the desk's busiest write stays
at one locking query). Story and article are locked FOR NO KEY UPDATE: enough to exclude the
other writers, while the foreign-key checks of rows that merely point at them (a new article
in the story, a new cluster) do not wait.
"""

from collections.abc import Iterable

from django.db.models import QuerySet

from articles.models import Story
from claims.models import Claim


def lock_stories(story_ids: Iterable[int]) -> list[int]:
    """Lock these stories (those that exist) in id order; returns their ids."""
    return list(
        Story.objects.filter(pk__in=set(story_ids))
        .order_by("pk")
        .select_for_update(no_key=True)
        .values_list("pk", flat=True)
    )


def lock_stories_of(claims: QuerySet[Claim]) -> list[int]:
    """Lock the stories these claims belong to, in id order, in one statement."""
    return list(
        Story.objects.filter(pk__in=claims.values("article__story_id"))
        .order_by("pk")
        .select_for_update(no_key=True)
        .values_list("pk", flat=True)
    )


def lock_claims(claims: QuerySet[Claim], *fields: str) -> list[Claim]:
    """Lock these claims in id order, in one statement; returns them with `fields` (all
    fields when none are named) as they are under the lock."""
    locking = claims.order_by("pk").select_for_update(of=("self",))
    return list(locking.only(*fields) if fields else locking)
