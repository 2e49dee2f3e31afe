"""Recording verdicts keeps the whole history and points the claim at the newest one."""

import pytest
from django.db import IntegrityError

from claims.models import Verdict, VerdictLabel
from claims.review import record_verdict
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
