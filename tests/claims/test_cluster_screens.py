"""Checkers see every outlet's version in the claim panel and the compare view, and fix clusters."""

import re

import pytest
from django.urls import reverse

from claims.models import Claim, ClaimCluster
from claims.services.clusters import match_story

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def matched(sample_story):
    match_story(sample_story.pk)
    return sample_story


def revenue_claim(story) -> Claim:
    return Claim.objects.filter(article__story=story, text__contains="$11.5 billion").first()


def test_claim_panel_shows_every_outlets_version_in_bounded_queries(
    checker_client, matched, django_assert_max_num_queries
):
    claim = revenue_claim(matched)
    # session, user with permissions, claim (and whether it has verdicts or comments:
    # it has neither, so they are not read), versions
    with django_assert_max_num_queries(4):
        response = checker_client.get(claim.get_absolute_url(), **HTMX)
    assert "Across outlets" in response.text
    assert response.text.count('<tr class="') == claim.cluster.claims.count()
    assert "Suggested: supported" in response.text


def test_verdict_save_answers_with_the_forms_the_new_verdict_and_badges_in_bounded_queries(
    checker_client, matched, django_assert_max_num_queries
):
    claim = revenue_claim(matched)
    data = {"label": "supported", "rationale": "As filed.", "version": claim.version}
    # session, user with permissions; in a savepoint: the claim locked, the verdict, the
    # claim's new state and the event, each through the ORM (it was 6 with the one-statement
    # raw SQL save, removed in issue 15). Nothing is read before or after.
    with django_assert_max_num_queries(8):
        response = checker_client.post(reverse("claim-verdict", args=[claim.pk]), data, **HTMX)
    assert "Verdict saved." in response.text
    new_verdict = re.search(
        r'<ol hx-swap-oob="afterbegin:#verdict-list"><li>(.*?)</li></ol>', response.text, re.S
    )
    assert new_verdict and "As filed." in new_verdict.group(1)
    assert "badge badge-supported" in response.text
    # The other outlets' versions are not sent again: they did not change.
    assert '<tr class="' not in response.text
    # The form is ready for the next save: it carries the version just written.
    assert f'name="version" value="{claim.version + 1}"' in response.text


def test_same_fact_as_lists_the_storys_other_clusters_only_when_asked(
    checker_client, matched, django_assert_max_num_queries
):
    claim = revenue_claim(matched)
    panel = checker_client.get(claim.get_absolute_url(), **HTMX).text
    url = reverse("claim-move-choices", args=[claim.pk])
    assert f'hx-get="{url}"' in panel and 'name="cluster"' not in panel
    # session, user with permissions, claim, the clusters, whether others would come along
    with django_assert_max_num_queries(5):
        choices = checker_client.get(url, **HTMX).text
    others = ClaimCluster.objects.filter(story=matched).exclude(pk=claim.cluster_id)
    for cluster in others.order_by("-outlet_count", "id")[:40]:
        assert f'<option value="{cluster.pk}">' in choices
    assert f'<option value="{claim.cluster_id}">' not in choices
    assert "Merge all" in choices


def test_drifting_quote_shows_inserted_and_deleted_words(checker_client, matched):
    claim = Claim.objects.filter(article__story=matched, text__contains="great artist").first()
    response = checker_client.get(claim.get_absolute_url(), **HTMX)
    assert "<ins>" in response.text and "<del>" in response.text


def test_compare_view_lists_multi_outlet_clusters_in_bounded_queries(
    checker_client, matched, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        response = checker_client.get(reverse("story-compare", args=[matched.slug]))
    shared = ClaimCluster.objects.filter(story=matched, outlet_count__gte=2)
    assert shared.exists()
    for cluster in shared:
        assert f'id="cluster-{cluster.pk}"' in response.text
    single = ClaimCluster.objects.filter(story=matched, outlet_count=1).first()
    assert f'id="cluster-{single.pk}"' not in response.text


def test_split_by_htmx_returns_the_panel_with_a_cluster_of_one(checker_client, matched):
    claim = revenue_claim(matched)
    response = checker_client.post(reverse("claim-split", args=[claim.pk]), **HTMX)
    assert response.status_code == 200
    assert "Split into a cluster of its own." in response.text
    claim.refresh_from_db()
    assert claim.cluster.curated and claim.cluster.claims.count() == 1


def test_move_without_a_cluster_explains_what_to_do(checker_client, matched):
    claim = revenue_claim(matched)
    before = claim.cluster_id
    response = checker_client.post(reverse("claim-move", args=[claim.pk]), {"cluster": ""}, **HTMX)
    assert "Choose a cluster to move it to." in response.text
    claim.refresh_from_db()
    assert claim.cluster_id == before


def test_move_by_htmx_puts_the_claim_in_the_chosen_cluster(checker_client, matched):
    claim = revenue_claim(matched)
    target = ClaimCluster.objects.filter(story=matched).exclude(pk=claim.cluster_id).first()
    response = checker_client.post(
        reverse("claim-move", args=[claim.pk]), {"cluster": target.pk}, **HTMX
    )
    assert "Moved to the chosen cluster." in response.text
    claim.refresh_from_db()
    assert claim.cluster_id == target.pk


def test_split_requires_post_and_login(client, matched):
    claim = revenue_claim(matched)
    assert client.post(reverse("claim-split", args=[claim.pk])).status_code == 302
    claim.refresh_from_db()
    assert not claim.cluster.curated


def test_merge_all_moves_every_version_into_the_chosen_cluster(checker_client, matched):
    claim = revenue_claim(matched)
    versions = set(claim.cluster.claims.values_list("pk", flat=True))
    target = ClaimCluster.objects.filter(story=matched).exclude(pk=claim.cluster_id).first()
    response = checker_client.post(
        reverse("claim-move", args=[claim.pk]), {"cluster": target.pk, "scope": "cluster"}, **HTMX
    )
    assert "Merged every version into the chosen cluster." in response.text
    assert versions <= set(target.claims.values_list("pk", flat=True))


def test_a_checker_marks_a_version_as_reference_and_the_cluster_is_judged_against_it_at_once(
    checker_client, checker, matched
):
    from claims.models import ClaimEvent

    claim = revenue_claim(matched)
    version_before = claim.version
    response = checker_client.post(reverse("claim-reference", args=[claim.pk]), **HTMX)
    assert "Marked as the reference version" in response.text
    assert '<span class="badge badge-reference">reference</span>' in response.text
    cluster = ClaimCluster.objects.get(pk=claim.cluster_id)
    assert (cluster.reference_id, cluster.reference_marked_by, cluster.curated) == (
        claim.pk,
        checker,
        True,
    )
    assert cluster.label == claim.text
    claim.refresh_from_db()
    assert claim.comparison["basis"] == "this is the reference version a checker marked"
    for other in cluster.claims.exclude(pk=claim.pk):
        assert other.comparison["basis"].startswith("the reference version a checker marked")
        assert other.comparison["reference"] is False
    event = ClaimEvent.objects.get(claim=claim, action=ClaimEvent.Action.REFERENCE)
    assert event.actor == checker and event.after["reference"] is True
    # The mark leaves the row itself as it was: an open verdict form stays valid.
    assert claim.version == version_before


def test_the_reference_version_offers_no_mark_button_and_others_do(checker_client, matched):
    claim = revenue_claim(matched)
    reference = ClaimCluster.objects.get(pk=claim.cluster_id).reference
    other = reference.cluster.claims.exclude(pk=reference.pk).first()
    assert "Mark as reference" not in checker_client.get(reference.get_absolute_url(), **HTMX).text
    assert "Mark as reference" in checker_client.get(other.get_absolute_url(), **HTMX).text


def test_a_claim_in_no_cluster_cannot_be_marked_and_says_why(checker_client, sample_story):
    claim = Claim.objects.filter(article__story=sample_story).first()
    response = checker_client.post(reverse("claim-reference", args=[claim.pk]), **HTMX)
    assert response.status_code == 200
    assert "not in a cluster yet" in response.text


def test_a_paraphrased_report_shows_its_findings_first_and_word_changes_only_on_request(
    checker_client, matched
):
    claim = revenue_claim(matched)
    response = checker_client.get(claim.get_absolute_url(), **HTMX)
    rows = re.findall(r'<tr class="[^"]*">(.*?)</tr>', response.text, re.S)
    assert sum("Word changes against the reference" in row for row in rows) == len(rows) - 1
    for row in rows:
        if "badge-reference" in row:
            assert "Word changes" not in row  # the reference is what the others are diffed against
        elif "<ins>" in row or "<del>" in row:
            # Only behind the toggle: a sentence's paraphrase is not a wall of red and green.
            assert row.index("<details") < row.index('<span class="diff">')
