"""A verdict's rows are the same whether written in one statement (PostgreSQL) or by the
ORM (the demo's SQLite): the verdicts, the claim's state and version, the history."""

import pytest
from django.db import connection

from claims.models import Claim, ReviewState, Verdict, VerdictLabel
from claims.services.review import record_verdict
from tests.factories import ClaimFactory, UserFactory


def two_verdicts(monkeypatch, *, in_one_statement: bool) -> tuple[Claim, list[Verdict]]:
    """A fresh claim given two verdicts by one checker, written along the given path."""
    monkeypatch.setattr("claims.services.review.one_statement_available", lambda: in_one_statement)
    claim, checker = ClaimFactory(), UserFactory()
    verdicts = [
        record_verdict(claim=claim, checked_by=checker, label="varied", rationale="Wording."),
        record_verdict(
            claim=claim,
            checked_by=checker,
            label="erroneous",
            rationale="Title is CEO, not co-CEO.",
            evidence=["https://ir.netflix.net/"],
            expected_version=1,
        ),
    ]
    return claim, verdicts


def as_written(claim: Claim, checker_id: int) -> dict:
    """Everything the save wrote, with ids replaced by what they point at."""
    stored = Claim.objects.select_related("latest_verdict").get(pk=claim.pk)
    verdicts = claim.verdicts.order_by("id")
    events = claim.events.order_by("id")
    return {
        "claim": (stored.review_state, stored.version, stored.latest_verdict.rationale),
        "verdicts": [
            (v.label, v.rationale, v.evidence, v.checked_by_id == checker_id) for v in verdicts
        ],
        "events": [(e.action, e.before, e.after, e.actor_id == checker_id) for e in events],
    }


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="one statement is PostgreSQL's")
def test_one_statement_and_the_orm_write_the_same_rows(monkeypatch):
    written = {}
    for path in (True, False):
        claim, verdicts = two_verdicts(monkeypatch, in_one_statement=path)
        written[path] = as_written(claim, verdicts[0].checked_by_id)
        # The caller gets the rows as saved: nothing to refresh before rendering them.
        latest = verdicts[1]
        assert not latest._state.adding
        assert latest.created_at == Verdict.objects.get(pk=latest.pk).created_at
        assert (claim.version, claim.latest_verdict_id) == (2, latest.pk)

    assert written[True] == written[False]
    assert written[True]["claim"] == (ReviewState.IN_REVIEW, 2, "Title is CEO, not co-CEO.")
    assert written[True]["events"][1][1:] == (
        {"state": "in_review", "verdict": "varied", "assignee": None, "version": 1},
        {"state": "in_review", "verdict": VerdictLabel.ERRONEOUS, "assignee": None, "version": 2},
        True,
    )
