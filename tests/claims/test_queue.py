"""The review queue: filters, keyset pages, taking work, and a constant query count."""

import re
from html import unescape as html_unescape

import pytest
from django.urls import reverse

from claims.models import Claim, ClaimCluster
from claims.services.review import record_verdict, take_claim
from tests.conftest import user_with_role
from tests.factories import ArticleFactory, StoryFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def seed_claims(count: int, *, story=None, cluster=None, kind="statistic") -> list[Claim]:
    article = ArticleFactory(story=story or StoryFactory(), body="x" * (count * 3 + 10))
    return Claim.objects.bulk_create(
        Claim(
            article=article,
            text=f"claim {n}",
            start=n * 3,
            end=n * 3 + 2,
            kind=kind,
            checkworthiness=round((n % 97) / 100, 2),
            cluster=cluster,
        )
        for n in range(count)
    )


def row_ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'class="queue-row" data-claim-id="(\d+)"', html)]


@pytest.mark.parametrize("size", [10, 1000])
def test_queue_page_renders_in_constant_queries_whatever_the_queue_size(
    checker_client, size, django_assert_max_num_queries
):
    seed_claims(size)
    # session, user with permissions, stories for the filter, the page's fingerprint
    # (for its polls), one page of claims
    with django_assert_max_num_queries(5):
        response = checker_client.get(reverse("queue"))
    assert len(row_ids(response.text)) == min(size, 25)


@pytest.mark.parametrize("size", [10, 1000])
def test_claim_panel_renders_in_constant_queries_whatever_the_cluster_size(
    checker_client, size, django_assert_max_num_queries
):
    story = StoryFactory()
    cluster = ClaimCluster.objects.create(story=story, outlet_count=size)
    claims = seed_claims(size, story=story, cluster=cluster)
    # session, user with permissions, claim, versions
    with django_assert_max_num_queries(4):
        response = checker_client.get(claims[0].get_absolute_url(), **HTMX)
    assert response.text.count("<tr class=") == size


def test_queue_is_sorted_by_checkworthiness_and_pages_by_cursor(checker_client):
    seed_claims(60)
    first = checker_client.get(reverse("queue"))
    cursor = re.search(r"after=([^\"&]+)", first.text).group(1)
    second = checker_client.get(reverse("queue"), {"after": cursor.replace("%5F", "_")})
    seen = row_ids(first.text) + row_ids(second.text)
    expected = list(
        Claim.objects.order_by("-checkworthiness", "id").values_list("pk", flat=True)[:50]
    )
    assert seen == expected


def test_a_broken_cursor_shows_the_first_page(checker_client):
    seed_claims(30)
    response = checker_client.get(reverse("queue"), {"after": "not-a-cursor"})
    assert len(row_ids(response.text)) == 25


def test_default_queue_shows_my_claims_and_unassigned_ones_not_others(
    checker_client, checker, django_user_model
):
    mine, free, theirs = seed_claims(3)
    colleague = user_with_role(django_user_model, "colleague", "fact-checker")
    take_claim(claim=mine, checker=checker)
    take_claim(claim=theirs, checker=colleague)
    ids = row_ids(checker_client.get(reverse("queue")).text)
    assert set(ids) == {mine.pk, free.pk}
    only_mine = row_ids(checker_client.get(reverse("queue"), {"assignee": "me"}).text)
    assert only_mine == [mine.pk]
    anyone = row_ids(checker_client.get(reverse("queue"), {"assignee": "anyone"}).text)
    assert set(anyone) == {mine.pk, free.pk, theirs.pk}


def test_queue_filters_by_story_and_kind(checker_client):
    quotes = seed_claims(3, kind="quote")
    seed_claims(4, kind="event")
    story = quotes[0].article.story
    response = checker_client.get(reverse("queue"), {"story": story.slug, "kind": "quote"})
    assert set(row_ids(response.text)) == {c.pk for c in quotes}


def test_htmx_queue_refresh_returns_only_the_results(checker_client):
    seed_claims(3)
    response = checker_client.get(reverse("queue"), **HTMX)
    assert response.text.lstrip().startswith('<section id="queue-results"')
    assert 'hx-trigger="every 5s"' in response.text


def test_take_puts_the_claim_in_my_queue(checker_client, checker):
    (claim,) = seed_claims(1)
    response = checker_client.post(reverse("claim-take", args=[claim.pk]), **HTMX)
    assert "the claim is in your queue" in response.text
    claim.refresh_from_db()
    assert claim.assignee == checker


def poll_url(html: str) -> str:
    return html_unescape(re.search(r'id="queue-results" hx-get="([^"]+)"', html).group(1))


def test_a_poll_when_nothing_on_the_page_changed_is_an_empty_204(
    checker_client, django_assert_max_num_queries
):
    seed_claims(40)
    page = checker_client.get(reverse("queue")).text
    # session, user with permissions, the page's fingerprint: no rows read, none shown
    with django_assert_max_num_queries(3):
        poll = checker_client.get(poll_url(page), **HTMX)
    assert poll.status_code == 204 and poll.content == b""


def test_a_poll_after_a_change_on_the_page_shows_it(checker_client, checker):
    seed_claims(40)
    page = checker_client.get(reverse("queue")).text
    top = row_ids(page)[0]
    record_verdict(
        claim=Claim.objects.get(pk=top), checked_by=checker, label="varied", rationale="Rounded."
    )
    poll = checker_client.get(poll_url(page), **HTMX)
    assert poll.status_code == 200
    assert f'data-claim-state="{top}">In review<' in poll.text
    # The next poll of the new page is quiet again.
    assert checker_client.get(poll_url(poll.text), **HTMX).status_code == 204


def test_a_change_off_the_page_keeps_the_poll_quiet(checker_client, checker):
    seed_claims(40)
    page = checker_client.get(reverse("queue")).text
    off_page = Claim.objects.exclude(pk__in=row_ids(page)).order_by("checkworthiness").first()
    take_claim(claim=off_page, checker=checker)
    assert checker_client.get(poll_url(page), **HTMX).status_code == 204
