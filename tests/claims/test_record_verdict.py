"""Recording verdicts keeps the whole history and points the claim at the newest one."""

import pytest
from django.db import IntegrityError

from claims.models import Claim, ReviewState, Verdict, VerdictLabel
from claims.services.review import AssignedElsewhere, record_verdict
from tests.conftest import user_with_role
from tests.factories import ClaimFactory, UserFactory


@pytest.mark.django_db
def test_a_new_verdict_never_overwrites_the_old_one():
    claim = ClaimFactory()
    first = record_verdict(
        claim=claim, checked_by=UserFactory(), label=VerdictLabel.SUPPORTED, rationale="Matches."
    )
    second = record_verdict(
        claim=claim, checked_by=UserFactory(), label=VerdictLabel.VARIED, rationale="Wording."
    )
    claim.refresh_from_db()
    assert claim.latest_verdict == second
    assert list(claim.verdicts.order_by("id")) == [first, second]
    first.refresh_from_db()
    assert first.label == VerdictLabel.SUPPORTED


@pytest.mark.django_db
def test_verdict_keeps_evidence_links_and_who_checked():
    checker = UserFactory(username="ana")
    verdict = record_verdict(
        claim=ClaimFactory(),
        checked_by=checker,
        label=VerdictLabel.ERRONEOUS,
        rationale="Title is CEO, not co-CEO.",
        evidence=["https://ir.netflix.net/"],
    )
    verdict.refresh_from_db()
    assert verdict.evidence == ["https://ir.netflix.net/"]
    assert verdict.checked_by == checker
    assert verdict.created_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("label", "rationale", "message"),
    [("maybe", "x", "not a verdict"), ("supported", "   ", "needs a rationale")],
)
def test_a_bad_verdict_is_refused_and_nothing_is_saved(label, rationale, message):
    claim = ClaimFactory()
    with pytest.raises(ValueError, match=message):
        record_verdict(claim=claim, checked_by=UserFactory(), label=label, rationale=rationale)
    assert not Verdict.objects.exists()
    claim.refresh_from_db()
    assert claim.latest_verdict is None


@pytest.mark.django_db
def test_the_database_refuses_an_unknown_label_even_without_the_service():
    with pytest.raises(IntegrityError):
        Verdict.objects.create(
            claim=ClaimFactory(), label="maybe", rationale="x", checked_by=UserFactory()
        )


@pytest.mark.django_db
def test_a_claim_assigned_to_another_checker_takes_verdicts_only_from_them_or_an_editor(
    django_user_model,
):
    ana = user_with_role(django_user_model, "ana", "fact-checker")
    ben = user_with_role(django_user_model, "ben", "fact-checker")
    editor = user_with_role(django_user_model, "eda", "editor")
    claim = ClaimFactory(assignee=ana)
    with pytest.raises(AssignedElsewhere, match="assigned to ana"):
        record_verdict(claim=claim, checked_by=ben, label="varied", rationale="Not mine.")
    assert not Verdict.objects.exists()
    record_verdict(claim=claim, checked_by=ana, label="varied", rationale="Mine.")
    record_verdict(claim=claim, checked_by=editor, label="supported", rationale="Editor's call.")
    assert list(claim.verdicts.order_by("id").values_list("checked_by__username", flat=True)) == [
        "ana",
        "eda",
    ]


@pytest.mark.django_db
def test_a_claim_known_only_by_its_id_comes_back_as_written():
    verdict = record_verdict(
        claim=Claim(pk=ClaimFactory().pk),
        checked_by=UserFactory(),
        label="supported",
        rationale="Matches.",
    )
    written = verdict.claim
    assert written.latest_verdict == verdict
    assert written.review_state == "in_review" and written.version == 1
    assert written.text  # the whole row, not just what changed


@pytest.mark.django_db
def test_two_verdicts_write_the_claims_state_version_and_history_as_saved():
    # What tests/claims/test_verdict_write.py held of the rows a verdict writes, now that
    # the ORM is the only path (issue 15).
    claim, checker = ClaimFactory(), UserFactory()
    record_verdict(claim=claim, checked_by=checker, label="varied", rationale="Wording.")
    latest = record_verdict(
        claim=claim,
        checked_by=checker,
        label="erroneous",
        rationale="Title is CEO, not co-CEO.",
        evidence=["https://ir.netflix.net/"],
        expected_version=1,
    )
    # The caller gets the rows as saved: nothing to refresh before rendering them.
    assert not latest._state.adding
    assert latest.created_at == Verdict.objects.get(pk=latest.pk).created_at
    assert (claim.version, claim.latest_verdict_id) == (2, latest.pk)

    stored = Claim.objects.select_related("latest_verdict").get(pk=claim.pk)
    assert (stored.review_state, stored.version, stored.latest_verdict.rationale) == (
        ReviewState.IN_REVIEW, 2, "Title is CEO, not co-CEO.",
    )  # fmt: skip
    assert [
        (v.label, v.rationale, v.evidence, v.checked_by_id) for v in claim.verdicts.order_by("id")
    ] == [
        ("varied", "Wording.", [], checker.pk),
        ("erroneous", "Title is CEO, not co-CEO.", ["https://ir.netflix.net/"], checker.pk),
    ]
    events = [(e.action, e.before, e.after, e.actor_id) for e in claim.events.order_by("id")]
    assert events[1] == (
        "verdict",
        {"state": "in_review", "verdict": "varied", "assignee": None, "version": 1},
        {"state": "in_review", "verdict": VerdictLabel.ERRONEOUS, "assignee": None, "version": 2},
        checker.pk,
    )
