"""The story's claim queue: every claim of every outlet, most check-worthy first."""

import re

from django.urls import reverse

from claims.models import Claim


def scores_on_page(html: str) -> list[float]:
    return [float(s) for s in re.findall(r'<td class="num" title="[^"]*">([\d.]+)</td>', html)]


def test_queue_lists_every_claim_sorted_by_checkworthiness(
    checker_client, sample_story, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        response = checker_client.get(reverse("story-claims", args=[sample_story.slug]))
    scores = scores_on_page(response.text)
    assert len(scores) == Claim.objects.filter(article__story=sample_story).count()
    assert scores == sorted(scores, reverse=True)


def test_queue_filters_by_kind(checker_client, sample_story):
    response = checker_client.get(
        reverse("story-claims", args=[sample_story.slug]), {"kind": "quote"}
    )
    quotes = Claim.objects.filter(article__story=sample_story, kind="quote").count()
    assert quotes > 0
    assert len(scores_on_page(response.text)) == quotes
    assert response.text.count('<span class="kind kind-quote">') == quotes


def test_an_unknown_kind_shows_all_claims(checker_client, sample_story):
    response = checker_client.get(
        reverse("story-claims", args=[sample_story.slug]), {"kind": "<script>"}
    )
    assert len(scores_on_page(response.text)) == Claim.objects.count()


def test_a_queue_link_opens_the_article_with_that_claims_panel(checker_client, sample_story):
    claim = Claim.objects.filter(article__story=sample_story).order_by("-checkworthiness")[0]
    response = checker_client.get(claim.article.get_absolute_url(), {"claim": claim.pk})
    assert f'<section id="claim-panel" class="panel" data-claim="{claim.pk}">' in response.text
