"""A review step that waits for another's lock on the claim sees the claim as the other left
it: the verdict just recorded and its assignee, never an empty or stale join."""

import pytest

from claims.models import Claim, ClaimEvent
from claims.services import review
from tests.claims.lock_waits import while_held
from tests.conftest import user_with_role
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db(transaction=True)


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


def while_a_verdict_commits(claim: Claim, winner, step) -> dict:
    """`step()` queued behind `winner` recording an erroneous verdict on the claim."""
    return while_held(
        lambda: review.record_verdict(
            claim=Claim(pk=claim.pk),
            checked_by=winner,
            label="erroneous",
            rationale="The title is Co-CEO.",
        ),
        step,
    )


def test_a_verdict_without_a_version_saved_behind_another_records_the_others_verdict_as_before(
    people, claim
):
    # Without a version, as restoring an old verdict does.
    outcome = while_a_verdict_commits(
        claim,
        people["ana"],
        lambda: review.record_verdict(
            claim=Claim(pk=claim.pk), checked_by=people["eve"], label="varied", rationale="CEO"
        ),
    )
    assert "error" not in outcome, repr(outcome.get("error"))
    event = ClaimEvent.objects.get(claim=claim, actor=people["eve"])
    assert event.before["verdict"] == "erroneous"
    assert event.before["version"] == claim.version + 1
    assert event.after["verdict"] == "varied"


def test_a_stale_verdict_behind_another_is_told_the_winners_verdict(people, claim):
    opened_at = claim.version  # the version ben's form was shown with
    outcome = while_a_verdict_commits(
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
    outcome = while_a_verdict_commits(
        claim,
        people["ana"],
        lambda: review.take_claim(claim=Claim(pk=claim.pk), checker=people["ben"]),
    )
    assert "error" not in outcome, repr(outcome.get("error"))
    event = ClaimEvent.objects.get(claim=claim, action=ClaimEvent.Action.TAKE)
    assert event.before["verdict"] == "erroneous"
    assert event.after["assignee"] == "ben"


def test_sending_back_a_verdict_saved_a_moment_earlier_works(people, claim):
    outcome = while_a_verdict_commits(
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


def test_a_checker_taking_a_claim_just_taken_is_told_who_took_it(people):
    claim = ClaimFactory()
    outcome = while_held(
        lambda: review.take_claim(claim=claim, checker=people["ana"]),
        lambda: review.take_claim(claim=Claim(pk=claim.pk), checker=people["ben"]),
    )
    assert isinstance(outcome.get("error"), ValueError), outcome
    assert str(outcome["error"]) == "Already taken by ana."
