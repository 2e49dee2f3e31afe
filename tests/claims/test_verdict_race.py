"""Two checkers saving a verdict on one claim at the same moment: one wins, one is told."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from claims.models import Claim, ClaimEvent, Verdict
from claims.services.review import VerdictConflict, record_verdict
from tests.conftest import user_with_role
from tests.factories import ClaimFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def post_in_thread(user, url, data, barrier, results):
    client = Client()
    client.force_login(user)
    try:
        barrier.wait(timeout=10)
        response = client.post(url, data, **HTMX)
        results[user.username] = (response.status_code, response.content.decode())
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_second_checker_gets_a_conflict_instead_of_overwriting(django_user_model):
    claim = ClaimFactory()
    ana = user_with_role(django_user_model, "ana", "fact-checker")
    ben = user_with_role(django_user_model, "ben", "fact-checker")
    url = reverse("claim-verdict", args=[claim.pk])
    # Both opened the panel at version 0 and press save at the same time.
    barrier, results = threading.Barrier(2), {}
    threads = [
        threading.Thread(
            target=post_in_thread,
            args=(user, url, {"label": label, "rationale": f"{user}: {label}", "version": 0}),
            kwargs={"barrier": barrier, "results": results},
        )
        for user, label in [(ana, "supported"), (ben, "erroneous")]
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    statuses = sorted(status for status, _ in results.values())
    assert statuses == [200, 409], results
    assert Verdict.objects.count() == 1
    winner = Verdict.objects.get()
    loser = "ben" if winner.checked_by.username == "ana" else "ana"
    conflict_page = results[loser][1]
    assert "changed this claim while you were working" in conflict_page
    assert winner.get_label_display() in conflict_page  # the other's verdict is shown
    assert 'name="version" value="1"' in conflict_page  # a resubmit is against the new version
    claim.refresh_from_db()
    assert claim.version == 1
    assert ClaimEvent.objects.filter(claim=claim, action="verdict").count() == 1


@pytest.mark.django_db
def test_a_resubmit_after_reading_the_conflict_is_saved():
    claim = ClaimFactory()
    record_verdict(claim=claim, checked_by=claim_user("ana"), label="supported", rationale="ok")
    with pytest.raises(VerdictConflict) as conflict:
        record_verdict(
            claim=Claim.objects.get(pk=claim.pk),
            checked_by=claim_user("ben"),
            label="erroneous",
            rationale="wrong title",
            expected_version=0,
        )
    assert conflict.value.current.latest_verdict.label == "supported"
    record_verdict(
        claim=claim,
        checked_by=claim_user("ben"),
        label="erroneous",
        rationale="wrong title",
        expected_version=conflict.value.current.version,
    )
    assert list(claim.verdicts.order_by("id").values_list("label", flat=True)) == [
        "supported",
        "erroneous",
    ]


def claim_user(username):
    from tests.factories import UserFactory

    return UserFactory(username=username)
