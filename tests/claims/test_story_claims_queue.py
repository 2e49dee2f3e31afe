"""The story's claim queue: every claim of every outlet, most check-worthy first."""

import html
import re

from django.urls import reverse

from claims.models import Claim
from claims.views.stories import STORY_PAGE_SIZE
from tests.factories import ArticleFactory


def scores_on_page(html: str) -> list[float]:
    return [float(s) for s in re.findall(r'<td class="num" title="[^"]*">([\d.]+)</td>', html)]


def claim_ids_on_page(page: str) -> list[int]:
    return [int(pk) for pk in re.findall(r"\?claim=(\d+)#claim-", page)]


def next_page(page: str) -> str | None:
    link = re.search(r'<a class="button" href="\?([^"]*after=[^"]+)">Next page', page)
    return html.unescape(link.group(1)) if link else None


def walk_pages(client, url: str, query: str = "") -> list[str]:
    pages = []
    while True:
        pages.append(client.get(f"{url}?{query}").text)
        query = next_page(pages[-1])
        if query is None:
            return pages


def test_queue_pages_through_every_claim_once_most_checkworthy_first(checker_client, sample_story):
    pages = walk_pages(checker_client, reverse("story-claims", args=[sample_story.slug]))
    ids = [pk for page in pages for pk in claim_ids_on_page(page)]
    story_claims = Claim.objects.filter(article__story=sample_story)
    assert len(pages) == -(-story_claims.count() // STORY_PAGE_SIZE) > 1
    assert sorted(ids) == sorted(story_claims.values_list("pk", flat=True))
    scores = [score for page in pages for score in scores_on_page(page)]
    assert scores == sorted(scores, reverse=True)
    assert f"{story_claims.count()} claims" in pages[0]
    assert "Most check-worthy" in pages[-1]


def test_a_page_costs_the_same_queries_for_a_story_of_any_size(
    checker_client, django_assert_max_num_queries
):
    article = ArticleFactory()
    Claim.objects.bulk_create(
        Claim(article=article, text=f"Claim {n}", start=n, end=n + 1, checkworthiness=n / 1000)
        for n in range(3 * STORY_PAGE_SIZE)
    )
    url = reverse("story-claims", args=[article.story.slug])
    # session, user with permissions, story, count, page
    with django_assert_max_num_queries(5):
        page = checker_client.get(url).text
    assert len(claim_ids_on_page(page)) == STORY_PAGE_SIZE
    with django_assert_max_num_queries(5):
        checker_client.get(f"{url}?{next_page(page)}")


def test_a_tampered_cursor_shows_the_first_page(checker_client, sample_story):
    url = reverse("story-claims", args=[sample_story.slug])
    first = checker_client.get(url)
    tampered = checker_client.get(url, {"after": "not-a-cursor"})
    assert tampered.status_code == 200
    assert claim_ids_on_page(tampered.text) == claim_ids_on_page(first.text)


def test_queue_filters_by_kind(checker_client, sample_story):
    response = checker_client.get(
        reverse("story-claims", args=[sample_story.slug]), {"kind": "quote"}
    )
    quotes = Claim.objects.filter(article__story=sample_story, kind="quote").count()
    assert 0 < quotes <= STORY_PAGE_SIZE
    assert len(scores_on_page(response.text)) == quotes
    assert response.text.count('<span class="kind kind-quote">') == quotes


def test_an_unknown_kind_shows_all_claims(checker_client, sample_story):
    url = reverse("story-claims", args=[sample_story.slug])
    pages = walk_pages(checker_client, url, "kind=%3Cscript%3E")
    assert sum(len(scores_on_page(page)) for page in pages) == Claim.objects.count()


def test_a_queue_link_opens_the_article_with_that_claims_panel(checker_client, sample_story):
    claim = Claim.objects.filter(article__story=sample_story).order_by("-checkworthiness")[0]
    response = checker_client.get(claim.article.get_absolute_url(), {"claim": claim.pk})
    assert f'<section id="claim-panel" class="panel" data-claim="{claim.pk}">' in response.text
    # The whole panel, ready to check: the verdict form, the versions, the comments.
    assert 'class="verdict-form"' in response.text
    assert "Across outlets" in response.text and "No comments yet." in response.text
