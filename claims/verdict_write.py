"""The rows a verdict writes: the verdict, the claim's new state and its history event.

The verdict save is the desk's busiest write. On PostgreSQL the three rows go in one
statement (data-modifying CTEs), one round trip instead of three and no ORM compiling;
elsewhere (SQLite for the demo) `claims.services.review` saves them through the ORM. Both write the
same rows, which tests/claims/test_verdict_write.py checks. Callers hold the claim's lock.
"""

from django.db import connection
from django.utils import timezone

from claims.models import Claim, Verdict

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


def one_statement_available() -> bool:
    return connection.vendor == "postgresql"


def write_verdict_at_once(
    locked: Claim, verdict: Verdict, *, action: str, before: dict, after: dict
) -> None:
    """Save `verdict` (unsaved, for `locked`) as the claim's latest, write the state and
    version already set on `locked`, and record the event `before` -> `after`."""
    from psycopg.types.json import Jsonb  # PostgreSQL only; SQLite needs no psycopg

    now = timezone.now()
    with connection.cursor() as cursor:
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
    verdict._state.adding, verdict._state.db = False, connection.alias  # as the ORM leaves it
    locked.latest_verdict = verdict
