"""The fact-checker screens: login required, bounded queries, htmx verdict flow."""

import pytest
from django.urls import reverse

from claims.models import Verdict
from tests.factories import ClaimFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.django_db
def test_every_screen_sends_anonymous_users_to_the_login_page(client):
    claim = ClaimFactory()
    article = claim.article
    for url in [
        reverse("story-list"),
        article.story.get_absolute_url(),
        article.get_absolute_url(),
        claim.get_absolute_url(),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


@pytest.mark.django_db
def test_anonymous_verdict_post_is_not_saved(client):
    claim = ClaimFactory()
    response = client.post(
        reverse("claim-verdict", args=[claim.pk]), {"label": "supported", "rationale": "x"}
    )
    assert response.status_code == 302
    assert not Verdict.objects.exists()


def test_story_list_shows_counts_in_a_fixed_number_of_queries(
    checker_client, sample_story, django_assert_max_num_queries
):
    # session, user with permissions, stories
    with django_assert_max_num_queries(3):
        response = checker_client.get(reverse("story-list"))
    assert response.status_code == 200
    assert "Netflix and AI" in response.text


def test_story_page_lists_every_article_in_a_fixed_number_of_queries(
    checker_client, sample_story, django_assert_max_num_queries
):
    # session, user with permissions, story, articles, feeds
    with django_assert_max_num_queries(5):
        response = checker_client.get(sample_story.get_absolute_url())
    assert response.text.count('class="status status-done"') == 5


def test_article_page_highlights_every_claim_in_a_fixed_number_of_queries(
    checker_client, sample_story, django_assert_max_num_queries
):
    article = sample_story.articles.order_by("id").first()
    # session, user with permissions, article, claims
    with django_assert_max_num_queries(4):
        response = checker_client.get(article.get_absolute_url())
    claims = list(article.claims.all())
    assert claims
    for claim in claims:
        assert f'id="claim-{claim.pk}"' in response.text


def test_article_page_greys_out_page_furniture(checker_client, sample_story):
    blog = sample_story.articles.get(origin__startswith="001_")
    response = checker_client.get(blog.get_absolute_url())
    assert 'class="boilerplate"' in response.text
    assert "Leave a Reply" in response.text


def test_htmx_claim_request_returns_only_the_panel(checker_client, sample_story):
    claim = sample_story.articles.first().claims.first()
    response = checker_client.get(claim.get_absolute_url(), **HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="claim-panel"')
    assert "<html" not in response.text


def test_plain_claim_request_returns_a_full_page(checker_client, sample_story):
    claim = sample_story.articles.first().claims.first()
    response = checker_client.get(claim.get_absolute_url())
    assert "<html" in response.text
    assert 'id="claim-panel"' in response.text


def test_htmx_verdict_saves_and_updates_every_badge_out_of_band(checker_client, checker):
    claim = ClaimFactory()
    response = checker_client.post(
        reverse("claim-verdict", args=[claim.pk]),
        {"label": "varied", "rationale": "Outlets quote it differently.", "evidence": ""},
        **HTMX,
    )
    assert response.status_code == 200
    verdict = Verdict.objects.get()
    assert (verdict.label, verdict.checked_by) == ("varied", checker)
    assert "Verdict saved." in response.text
    assert f"hx-swap-oob=\"outerHTML:[data-claim-badge='{claim.pk}']\"" in response.text
    assert "badge badge-varied" in response.text


def test_invalid_verdict_shows_the_errors_and_saves_nothing(checker_client):
    claim = ClaimFactory()
    response = checker_client.post(
        reverse("claim-verdict", args=[claim.pk]),
        {"label": "", "rationale": "  ", "evidence": "not a link\nhttps://ok.example/"},
        **HTMX,
    )
    assert response.status_code == 200
    assert "Choose supported, varied or erroneous." in response.text
    assert "Write a short rationale for the verdict." in response.text
    assert "Not a web link (http or https): not a link" in response.text
    assert not Verdict.objects.exists()


def test_verdict_without_htmx_redirects_back_to_the_article(checker_client):
    claim = ClaimFactory()
    response = checker_client.post(
        reverse("claim-verdict", args=[claim.pk]), {"label": "supported", "rationale": "Agrees."}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(claim.article.get_absolute_url())


def test_unknown_claim_is_a_404(checker_client):
    assert checker_client.get(reverse("claim-detail", args=[999999])).status_code == 404


def test_verdict_form_only_accepts_post(checker_client):
    claim = ClaimFactory()
    assert checker_client.get(reverse("claim-verdict", args=[claim.pk])).status_code == 405


def test_article_page_has_one_shortcut_help_dialog_in_the_body(checker_client, sample_story):
    article = sample_story.articles.first()
    html = checker_client.get(article.get_absolute_url()).text
    assert html.count('id="shortcut-help"') == 1
    title = html[html.index("<title>") : html.index("</title>")]
    assert "dialog" not in title and 'class="page wide"' in html


def test_the_claim_panel_shows_the_speaker_s_title_beside_the_name(checker_client):
    claim = ClaimFactory(kind="quote", speaker="Ted Sarandos", speaker_title="Netflix co-CEO")
    response = checker_client.get(claim.get_absolute_url(), **HTMX)
    assert "Ted Sarandos" in response.text
    assert "(Netflix co-CEO)" in response.text
