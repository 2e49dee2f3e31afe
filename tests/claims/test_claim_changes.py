"""Every change to a claim goes through one write path: it bumps the claim's version and
records who changed what, and a change that fails writes nothing."""

import pytest

from claims.models import Claim, ClaimCluster, ClaimEvent
from claims.services.admin_edits import edit_claim
from claims.services.changes import claim_change
from claims.services.clusters import match_story, merge_clusters, move_claim, split_claim

Action = ClaimEvent.Action


@pytest.fixture
def matched(sample_story):
    match_story(sample_story.pk)
    return sample_story


def clustered_claims(story) -> list[Claim]:
    """Two claims of the story in different clusters, as they are now."""
    first = Claim.objects.filter(article__story=story, cluster__isnull=False).order_by("pk")[0]
    other = (
        Claim.objects.filter(article__story=story, cluster__isnull=False)
        .exclude(cluster=first.cluster_id)
        .order_by("pk")[0]
    )
    return [first, other]


def fresh(claim: Claim) -> Claim:
    return Claim.objects.get(pk=claim.pk)


def last_event(claim: Claim) -> ClaimEvent:
    return ClaimEvent.objects.filter(claim=claim).latest("id")


def test_splitting_a_claim_off_its_cluster_bumps_its_version_and_records_the_move(matched, checker):
    claim, _ = clustered_claims(matched)
    cluster = split_claim(claim, actor=checker)
    assert fresh(claim).version == claim.version + 1
    event = last_event(claim)
    assert (event.action, event.actor, event.before, event.after) == (
        Action.CLUSTER, checker, {"cluster": claim.cluster_id}, {"cluster": cluster.pk},
    )  # fmt: skip


def test_moving_a_claim_to_another_cluster_bumps_its_version(matched, checker):
    claim, other = clustered_claims(matched)
    move_claim(claim, ClaimCluster.objects.get(pk=other.cluster_id), actor=checker)
    assert fresh(claim).version == claim.version + 1
    assert last_event(claim).after == {"cluster": other.cluster_id}


def test_merging_clusters_bumps_the_version_of_every_claim_that_moves(matched, checker):
    claim, other = clustered_claims(matched)
    moving = list(Claim.objects.filter(cluster_id=other.cluster_id))
    staying = list(Claim.objects.filter(cluster_id=claim.cluster_id))
    merge_clusters(
        ClaimCluster.objects.get(pk=other.cluster_id),
        ClaimCluster.objects.get(pk=claim.cluster_id),
        actor=checker,
    )
    for moved in moving:
        assert fresh(moved).version == moved.version + 1
        assert last_event(moved).before == {"cluster": other.cluster_id}
    for kept in staying:
        assert fresh(kept).version == kept.version


def test_an_admin_edit_bumps_the_version_like_any_other_change(matched, editor):
    claim, _ = clustered_claims(matched)
    version_before = claim.version
    claim.checkworthiness = 0.123
    edit_claim(claim, {"checkworthiness": (0.5, 0.123)}, actor=editor)
    stored = fresh(claim)
    assert (stored.checkworthiness, stored.version) == (0.123, version_before + 1)
    assert claim.version == stored.version  # the admin's copy is current
    assert last_event(claim).after == {"checkworthiness": 0.123}


def test_a_change_that_fails_inside_the_block_writes_nothing(matched, checker):
    claim, _ = clustered_claims(matched)
    events = ClaimEvent.objects.filter(claim=claim).count()
    with (
        pytest.raises(ValueError, match="refused"),
        claim_change(claim.pk, actor=checker, action=Action.TAKE) as change,
    ):
        change.claim.assignee = checker
        change.fields = ["assignee"]
        raise ValueError("refused")
    stored = fresh(claim)
    assert (stored.assignee_id, stored.version) == (None, claim.version)
    assert ClaimEvent.objects.filter(claim=claim).count() == events
