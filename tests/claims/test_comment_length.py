"""Comments (plain, send back, reopen) have one length limit, enforced where they are written."""

import pytest
from django.urls import reverse

from claims.models import ClaimComment, ClaimEvent
from claims.services import review
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
TOO_LONG = "x" * (review.MAX_COMMENT_CHARS + 1)


@pytest.fixture
def claim_in_review(checker):
    claim = ClaimFactory(assignee=checker)
    review.record_verdict(claim=claim, checked_by=checker, label="supported", rationale="ok")
    return claim


@pytest.mark.parametrize("step", ["send_back", "reopen"])
def test_an_overlong_review_comment_is_refused_with_a_message_and_nothing_stored(
    editor_client, claim_in_review, editor, step
):
    if step == "reopen":
        review.sign_off(claim=claim_in_review, editor=editor)
    events = ClaimEvent.objects.count()
    response = editor_client.post(
        reverse("claim-review", args=[claim_in_review.pk]),
        {"step": step, "comment": "y" * 1_000_000},
        **HTMX,
    )
    assert response.status_code == 200
    assert f"at most {review.MAX_COMMENT_CHARS:,} characters" in response.text
    assert not ClaimComment.objects.exists()
    assert ClaimEvent.objects.count() == events


def test_an_overlong_plain_comment_is_refused_by_the_service_too(claim_in_review, editor):
    with pytest.raises(ValueError, match="at most"):
        review.add_comment(claim=claim_in_review, author=editor, text=TOO_LONG)
    assert not ClaimComment.objects.exists()


def test_a_comment_of_exactly_the_limit_is_kept(claim_in_review, editor):
    review.send_back(claim=claim_in_review, editor=editor, comment="z" * review.MAX_COMMENT_CHARS)
    assert ClaimComment.objects.get().text == "z" * review.MAX_COMMENT_CHARS


def test_the_review_textareas_say_the_limit(editor_client, claim_in_review):
    page = editor_client.get(reverse("claim-detail", args=[claim_in_review.pk]), **HTMX)
    assert f'maxlength="{review.MAX_COMMENT_CHARS}"' in page.text
