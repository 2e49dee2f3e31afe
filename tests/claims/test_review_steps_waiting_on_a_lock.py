"""A review step that waits for another's lock on the claim sees the claim as the other left
it: the verdict it just recorded and its assignee, never an empty join."""

import threading
import time

import pytest
from django.db import connection, transaction

from claims import review
from claims.models import Claim, ClaimEvent
from tests.conftest import user_with_role
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db(transaction=True)


def waiting_for_a_lock() -> int:
    with connection.cursor() as cursor:
        # pg_locks is read live (pg_stat_activity would be a snapshot within a transaction).
        cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        return cursor.fetchone()[0]


def while_another_verdict_commits(claim: Claim, winner, step) -> dict:
    """Run `step()` in a thread while `winner` holds the claim's lock mid-verdict; the lock
    is released (committed) only once the step is queued behind it."""
    outcome: dict = {}
    started = threading.Event()

    def run_step():
        try:
            started.set()
            outcome["value"] = step()
        except Exception as exc:
            outcome["error"] = exc
        finally:
            connection.close()

    thread = threading.Thread(target=run_step)
    with transaction.atomic():
        review.record_verdict(
            claim=claim, checked_by=winner, label="erroneous", rationale="The title is Co-CEO."
        )
        thread.start()
        started.wait(5)
        deadline = time.monotonic() + 10
        while not waiting_for_a_lock():
            assert time.monotonic() < deadline, "the step never queued behind the lock"
            time.sleep(0.01)
    thread.join(10)
    return outcome


@pytest.fixture
def people(django_user_model):
    return {
        "ana": user_with_role(django_user_model, "ana", "fact-checker"),
        "ben": user_with_role(django_user_model, "ben", "fact-checker"),
        "eve": user_with_role(django_user_model, "eve", "editor"),
    }


@pytest.fixture(params=["unchecked", "checked before"])
def claim(request, people):
    """A claim with no verdict yet, or one whose earlier verdict the next one replaces (the
    locking read then waits on a row whose joined verdict changes)."""
    claim = ClaimFactory()
    if request.param == "checked before":
        review.record_verdict(
            claim=claim, checked_by=people["ana"], label="supported", rationale="First look."
        )
    return Claim.objects.get(pk=claim.pk)


def test_a_verdict_without_a_version_saved_behind_another_records_the_others_verdict_as_before(
    people, claim
):
    outcome = while_another_verdict_commits(
        claim,
        people["ana"],
        lambda: review.record_verdict(
            claim=Claim(pk=claim.pk), checked_by=people["eve"], label="varied", rationale="CEO"
        ),
    )
    assert "error" not in outcome, repr(outcome.get("error"))
    event = ClaimEvent.objects.get(claim=claim, actor=people["eve"])
    assert event.before["verdict"] == "erroneous"
    assert event.after["verdict"] == "varied"


def test_a_stale_verdict_behind_another_is_told_the_winners_verdict(people, claim):
    opened_at = claim.version  # the version ben's form was shown with
    outcome = while_another_verdict_commits(
        claim,
        people["ana"],
        lambda: review.record_verdict(
            claim=Claim(pk=claim.pk),
            checked_by=people["ben"],
            label="supported",
            rationale="Looks right.",
            expected_version=opened_at,
        ),
    )
    conflict = outcome.get("error")
    assert isinstance(conflict, review.VerdictConflict), repr(conflict)
    assert conflict.current.latest_verdict.label == "erroneous"
    assert conflict.current.latest_verdict.checked_by_id == people["ana"].pk


def test_taking_a_claim_behind_a_verdict_records_that_verdict_in_its_history(people, claim):
    outcome = while_another_verdict_commits(
        claim,
        people["ana"],
        lambda: review.take_claim(claim=Claim(pk=claim.pk), checker=people["ben"]),
    )
    assert "error" not in outcome, repr(outcome.get("error"))
    event = ClaimEvent.objects.get(claim=claim, action=ClaimEvent.Action.TAKE)
    assert event.before["verdict"] == "erroneous"
    assert event.after["assignee"] == "ben"


def test_sending_back_a_verdict_saved_a_moment_earlier_works(people, claim):
    outcome = while_another_verdict_commits(
        claim,
        people["ana"],
        lambda: review.send_back(
            claim=Claim(pk=claim.pk), editor=people["eve"], comment="Check the filing."
        ),
    )
    assert "error" not in outcome, repr(outcome.get("error"))
    claim.refresh_from_db()
    assert claim.review_state == "to_check"
    event = ClaimEvent.objects.get(claim=claim, action=ClaimEvent.Action.SEND_BACK)
    assert event.before == {**event.before, "verdict": "erroneous", "state": "in_review"}
