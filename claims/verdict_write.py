"""The rows a verdict writes: the verdict, the claim's new state and its history event.

The verdict save is the desk's busiest write. On PostgreSQL the three rows go in one
statement (data-modifying CTEs), one round trip instead of three and no ORM compiling;
elsewhere (SQLite for the demo) they are three ORM saves. Both write the same rows,
which tests/claims/test_verdict_write.py checks. Callers hold the claim's row lock.
"""

from django.db import connections
from django.utils import timezone

from claims.models import Claim, ClaimEvent, Verdict

# Table and column names are Django's defaults for these models; the test that compares
# both paths fails if a model change makes them drift.
_ALL_AT_ONCE = """
WITH verdict AS (
    INSERT INTO claims_verdict (claim_id, label, rationale, evidence, checked_by_id, created_at)
    VALUES (%(claim)s, %(label)s, %(rationale)s, %(evidence)s, %(actor)s, %(now)s)
    RETURNING id
), claim AS (
    UPDATE claims_claim
    SET review_state = %(state)s, version = %(version)s,
        latest_verdict_id = (SELECT id FROM verdict)
    WHERE id = %(claim)s
), event AS (
    INSERT INTO claims_claimevent (claim_id, actor_id, action, before, after, created_at)
    VALUES (%(claim)s, %(actor)s, %(action)s, %(before)s, %(after)s, %(now)s)
)
SELECT id FROM verdict
"""


def write_verdict(
    locked: Claim,
    verdict: Verdict,
    *,
    action: str,
    before: dict,
    after: dict,
    in_one_statement: bool | None = None,
) -> None:
    """Save `verdict` (unsaved, for `locked`), make it the claim's latest with the state
    already set on `locked`, bump the version, and record the event `before` -> `after`.
    `in_one_statement` defaults to "on PostgreSQL"; tests set it to compare both paths."""
    alias = locked._state.db or "default"
    if in_one_statement is None:
        in_one_statement = connections[alias].vendor == "postgresql"
    locked.version += 1
    if not in_one_statement:
        verdict.save(using=alias)
        locked.latest_verdict = verdict
        locked.save(using=alias, update_fields=["latest_verdict", "review_state", "version"])
        ClaimEvent.objects.using(alias).create(
            claim=locked, actor=verdict.checked_by, action=action, before=before, after=after
        )
        return
    from psycopg.types.json import Jsonb  # PostgreSQL only; SQLite needs no psycopg

    now = timezone.now()
    with connections[alias].cursor() as cursor:
        cursor.execute(
            _ALL_AT_ONCE,
            {
                "claim": locked.pk,
                "label": verdict.label,
                "rationale": verdict.rationale,
                "evidence": Jsonb(verdict.evidence),
                "actor": verdict.checked_by_id,
                "now": now,
                "state": locked.review_state,
                "version": locked.version,
                "action": action,
                "before": Jsonb(before),
                "after": Jsonb(after),
            },
        )
        verdict.pk = cursor.fetchone()[0]
    verdict.created_at = now
    verdict._state.adding, verdict._state.db = False, alias  # as if saved by the ORM
    locked.latest_verdict = verdict
