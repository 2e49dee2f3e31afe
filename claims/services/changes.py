"""The one write path for a change to a claim: lock, snapshot, change, save, record.

Every change to a claim row (a review step, an assignment, a cluster edit, a merge, an admin
edit) goes through `claim_change` (one claim) or `claim_changes` (several): the claim is
locked, what it was is recorded, the caller changes it inside the `with` block and names the
fields it changed, and on leaving the block the row is saved with its version bumped and a
`ClaimEvent` says who did what, before and after. An exception inside the block writes
nothing. The version is what an open form compares against (docs/workflow.md), so every
change bumps it, cluster edits included.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import QuerySet

from claims.models import Claim, ClaimEvent
from claims.services.locking import lock_claims, lock_stories_of

# What a review step reads with the claim it locks: the history describes both.
LOCKED_WITH = ("latest_verdict", "assignee")


def snapshot(claim: Claim) -> dict:
    """What the history shows of a claim before and after a change."""
    return {
        "state": claim.review_state,
        "verdict": claim.latest_verdict.label if claim.latest_verdict_id else None,
        "assignee": claim.assignee.get_username() if claim.assignee_id else None,
        "version": claim.version,
    }


def lock_claim(claim_id: int) -> Claim:
    """The claim row, locked for this transaction, with its current verdict and assignee.

    A review step locks its one claim and then writes only rows it creates, so it never
    waits while holding a lock and needs no story lock (claims/services/locking.py).

    One statement reads and locks the row and joins the two. When it had to wait for
    someone else's lock, PostgreSQL re-reads the claim row as they left it but not the
    joined rows, which may then be missing (a verdict created meanwhile) or not the ones
    the row now points at; the joins are then read again, under the lock we now hold.
    """
    locked = Claim.objects.select_for_update(of=("self",)).select_related(*LOCKED_WITH)
    claim = locked.get(pk=claim_id)
    if _stale_joins(claim):
        claim = Claim.objects.select_related(*LOCKED_WITH).get(pk=claim_id)
    return claim


def _stale_joins(claim: Claim) -> bool:
    return any(
        (getattr(claim, name).pk if getattr(claim, name) is not None else None)
        != getattr(claim, f"{name}_id")
        for name in LOCKED_WITH
    )


Describe = Callable[[Claim], dict]


@dataclass
class Change:
    """One claim being changed: set its fields and name them in `fields`.

    `before` is what the history will say it was (the claim described as locked); `after`,
    left None, is the claim described once changed. `note` is added to `after` (a comment,
    the claims merged in).
    """

    claim: Claim
    before: dict
    fields: list[str] = field(default_factory=list)
    after: dict | None = None
    note: dict = field(default_factory=dict)


@contextmanager
def claim_change(
    claim_id: int,
    *,
    actor,
    action: str,
    describe: Describe = snapshot,
    lock: Callable[[int], Claim] = lock_claim,
) -> Iterator[Change]:
    """Lock one claim, let the block change it, then save it and record the event.

    `lock` reads and locks the row (a cluster edit locks its story first); `describe` is
    what the history keeps of the claim on each side.
    """
    with transaction.atomic():
        claim = lock(claim_id)
        change = Change(claim=claim, before=describe(claim))
        yield change
        if not change.fields and not change.note:
            return  # nothing changed: no version, no event
        if change.fields:  # a note alone (the claim marked as reference) leaves the row as is
            claim.version += 1
            claim.save(update_fields=[*change.fields, "version"])
        after = change.after if change.after is not None else describe(claim)
        ClaimEvent.objects.create(
            claim=claim, actor=actor, action=action, before=change.before,
            after={**after, **change.note},
        )  # fmt: skip


@dataclass
class Changes:
    """Several claims being changed alike: set the same fields on each of `claims`."""

    claims: list[Claim]
    befores: list[dict]
    fields: list[str] = field(default_factory=list)


@contextmanager
def claim_changes(
    claims: QuerySet[Claim], *, actor, action: str, describe: Describe = snapshot
) -> Iterator[Changes]:
    """The bulk twin of `claim_change`: their stories locked first, then the claims in id
    order (claims/services/locking.py); one update and one insert of events for them all."""
    with transaction.atomic():
        lock_stories_of(claims)
        locked = lock_claims(claims.select_related(*LOCKED_WITH))
        if any(_stale_joins(claim) for claim in locked):
            ids = [claim.pk for claim in locked]
            locked = list(
                Claim.objects.select_related(*LOCKED_WITH).filter(pk__in=ids).order_by("pk")
            )
        changes = Changes(claims=locked, befores=[describe(claim) for claim in locked])
        yield changes
        if not changes.fields or not locked:
            return
        for claim in locked:
            claim.version += 1
        Claim.objects.bulk_update(locked, [*changes.fields, "version"], batch_size=500)
        ClaimEvent.objects.bulk_create(
            [
                ClaimEvent(
                    claim=claim, actor=actor, action=action, before=before, after=describe(claim)
                )
                for claim, before in zip(locked, changes.befores, strict=True)
            ],
            batch_size=500,
        )
