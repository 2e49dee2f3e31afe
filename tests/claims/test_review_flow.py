"""The review flow: to check -> in review -> signed off (or sent back / reopened), with history."""

import pytest
from django.urls import reverse

from claims.models import ClaimComment, ClaimEvent, ReviewState
from claims.selectors import VERDICTS_IN_PANEL
from claims.services.review import (
    add_comment,
    assign_claims,
    record_verdict,
    reopen,
    send_back,
    sign_off,
    take_claim,
)
from claims.workflow import InvalidTransition, allowed_actions, next_state
from tests.conftest import user_with_role
from tests.factories import ClaimFactory

HTMX = {"HTTP_HX_REQUEST": "true"}
S = ReviewState


@pytest.mark.parametrize(
    ("state", "action", "expected"),
    [
        (S.TO_CHECK, "verdict", S.IN_REVIEW),
        (S.IN_REVIEW, "verdict", S.IN_REVIEW),
        (S.IN_REVIEW, "sign_off", S.SIGNED_OFF),
        (S.IN_REVIEW, "send_back", S.TO_CHECK),
        (S.SIGNED_OFF, "reopen", S.REOPENED),
        (S.REOPENED, "verdict", S.IN_REVIEW),
    ],
)
def test_allowed_steps_lead_to_the_next_state(state, action, expected):
    assert next_state(state, action) == expected


@pytest.mark.parametrize(
    ("state", "action", "message"),
    [
        (S.SIGNED_OFF, "verdict", "must reopen it first"),
        (S.TO_CHECK, "sign_off", "no verdict to sign off"),
        (S.TO_CHECK, "reopen", "Only a signed-off claim"),
        (S.SIGNED_OFF, "send_back", "reopened, not sent back"),
    ],
)
def test_forbidden_steps_say_why(state, action, message):
    with pytest.raises(InvalidTransition, match=message):
        next_state(state, action)


def test_a_signed_off_claim_only_allows_reopening():
    assert allowed_actions(S.SIGNED_OFF) == {"reopen"}


@pytest.fixture
def people(db, django_user_model):
    return (
        user_with_role(django_user_model, "ana", "fact-checker"),
        user_with_role(django_user_model, "ed", "editor", is_staff=True),
    )


def test_the_whole_flow_is_recorded_in_the_claims_history(people):
    checker, editor = people
    claim = ClaimFactory()
    assign_claims(type(claim).objects.filter(pk=claim.pk), assignee=checker, by=editor)
    record_verdict(claim=claim, checked_by=checker, label="varied", rationale="Quote drifts.")
    send_back(claim=claim, editor=editor, comment="Name the outlets.")
    record_verdict(claim=claim, checked_by=checker, label="varied", rationale="000 vs 004.")
    sign_off(claim=claim, editor=editor)
    reopen(claim=claim, editor=editor, comment="New transcript.")
    claim.refresh_from_db()
    assert claim.review_state == S.REOPENED
    assert claim.signed_off_by is None
    actions = list(claim.events.order_by("id").values_list("action", "actor__username"))
    assert actions == [
        ("assign", "ed"),
        ("verdict", "ana"),
        ("send_back", "ed"),
        ("verdict", "ana"),
        ("sign_off", "ed"),
        ("reopen", "ed"),
    ]
    signed = claim.events.get(action="sign_off")
    assert signed.before["state"] == "in_review" and signed.after["state"] == "signed_off"
    assert claim.verdicts.count() == 2  # nothing was deleted along the way
    assert list(ClaimComment.objects.values_list("text", flat=True)) == [
        "Name the outlets.",
        "New transcript.",
    ]


def test_sending_back_without_a_comment_is_refused_and_changes_nothing(people):
    checker, editor = people
    claim = ClaimFactory()
    record_verdict(claim=claim, checked_by=checker, label="supported", rationale="ok")
    with pytest.raises(ValueError, match="Say why"):
        send_back(claim=claim, editor=editor, comment="  ")
    claim.refresh_from_db()
    assert claim.review_state == S.IN_REVIEW
    assert not claim.events.filter(action="send_back").exists()


def test_a_checker_takes_an_unassigned_claim_but_not_a_taken_one(people, django_user_model):
    checker, _ = people
    other = user_with_role(django_user_model, "bo", "fact-checker")
    claim = ClaimFactory()
    take_claim(claim=claim, checker=checker)
    with pytest.raises(ValueError, match="Already taken by ana"):
        take_claim(claim=claim, checker=other)
    claim.refresh_from_db()
    assert claim.assignee == checker
    assert claim.events.get().action == "take"


def test_only_fact_checkers_can_be_assigned(people, django_user_model):
    _, editor = people
    reporter = user_with_role(django_user_model, "rita", "reporter")
    claim = ClaimFactory()
    with pytest.raises(ValueError, match="cannot record verdicts"):
        assign_claims(type(claim).objects.filter(pk=claim.pk), assignee=reporter, by=editor)


def test_assigning_a_story_skips_signed_off_claims(people):
    checker, editor = people
    done = ClaimFactory()
    open_claim = ClaimFactory(article=done.article, start=1, end=5)
    record_verdict(claim=done, checked_by=checker, label="supported", rationale="ok")
    sign_off(claim=done, editor=editor)
    count = assign_claims(type(done).objects.all(), assignee=checker, by=editor)
    assert count == 1
    open_claim.refresh_from_db()
    done.refresh_from_db()
    assert open_claim.assignee == checker and done.assignee is None


def test_comments_are_kept_with_author_and_time(people):
    checker, _ = people
    claim = ClaimFactory()
    comment = add_comment(claim=claim, author=checker, text="Compare with the letter.")
    assert comment.created_at and comment.author == checker
    assert ClaimEvent.objects.get(claim=claim).after == {"comment": "Compare with the letter."}


def test_editor_signs_off_from_the_panel(client, people):
    checker, editor = people
    claim = ClaimFactory()
    record_verdict(claim=claim, checked_by=checker, label="supported", rationale="ok")
    client.force_login(editor)
    response = client.post(
        reverse("claim-review", args=[claim.pk]),
        {"step": "sign_off", "version": claim.version},
        **HTMX,
    )
    assert "Signed off." in response.text
    claim.refresh_from_db()
    assert claim.review_state == S.SIGNED_OFF and claim.signed_off_by == editor


def test_a_stale_sign_off_is_refused(client, people):
    checker, editor = people
    claim = ClaimFactory()
    record_verdict(claim=claim, checked_by=checker, label="supported", rationale="ok")
    stale = claim.version
    record_verdict(claim=claim, checked_by=checker, label="varied", rationale="changed my mind")
    client.force_login(editor)
    response = client.post(
        reverse("claim-review", args=[claim.pk]), {"step": "sign_off", "version": stale}, **HTMX
    )
    assert "The verdict changed meanwhile" in response.text
    claim.refresh_from_db()
    assert claim.review_state == S.IN_REVIEW


def test_a_verdict_on_a_signed_off_claim_is_refused_with_the_reason(client, people):
    checker, editor = people
    claim = ClaimFactory()
    record_verdict(claim=claim, checked_by=checker, label="supported", rationale="ok")
    sign_off(claim=claim, editor=editor)
    client.force_login(editor)
    response = client.post(
        reverse("claim-verdict", args=[claim.pk]),
        {"label": "erroneous", "rationale": "late change"},
        **HTMX,
    )
    assert "an editor must reopen it first" in response.text
    assert claim.verdicts.count() == 1


def test_panel_shows_verdicts_and_comments_and_loads_the_audit_trail_when_opened(client, people):
    checker, editor = people
    claim = ClaimFactory()
    record_verdict(claim=claim, checked_by=checker, label="supported", rationale="Per the filing.")
    add_comment(claim=claim, author=editor, text="Looks right.")
    client.force_login(checker)
    panel = client.get(claim.get_absolute_url(), **HTMX).text
    assert "Per the filing." in panel and "Looks right." in panel
    audit_url = reverse("claim-audit", args=[claim.pk])
    assert f'hx-get="{audit_url}" hx-trigger="toggle once"' in panel
    assert "Verdict recorded" not in panel

    trail = client.get(audit_url, **HTMX).text
    assert trail.index("Commented") < trail.index("Verdict recorded")  # newest first
    assert "state: to_check" in trail and "state: in_review" in trail


def test_panel_lists_the_newest_verdicts_and_the_rest_on_request(
    client, people, django_assert_max_num_queries
):
    checker, _ = people
    claim = ClaimFactory()
    for n in range(VERDICTS_IN_PANEL + 2):
        record_verdict(claim=claim, checked_by=checker, label="varied", rationale=f"Reading {n}.")
    client.force_login(checker)
    # session, user with permissions, claim, verdicts (no comments to read)
    with django_assert_max_num_queries(4):
        panel = client.get(claim.get_absolute_url(), **HTMX).text
    shown = [n for n in range(VERDICTS_IN_PANEL + 2) if f"Reading {n}." in panel]
    assert shown == list(range(2, VERDICTS_IN_PANEL + 2))  # the newest five
    assert "Show earlier verdicts" in panel

    every = client.get(reverse("claim-verdicts", args=[claim.pk]), **HTMX).text
    assert all(f"Reading {n}." in every for n in range(VERDICTS_IN_PANEL + 2))
    assert "Show earlier verdicts" not in every


def test_a_claim_with_few_verdicts_offers_no_more(client, people):
    checker, _ = people
    claim = ClaimFactory()
    record_verdict(claim=claim, checked_by=checker, label="varied", rationale="Only one.")
    client.force_login(checker)
    panel = client.get(claim.get_absolute_url(), **HTMX).text
    assert "Only one." in panel and "Show earlier verdicts" not in panel
