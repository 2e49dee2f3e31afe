"""Writes for cross-source matching: clusters, comparisons, suggestions, hand edits.

The matching itself is pure Python in `claims/matching/`; this module feeds it rows
and stores what it finds. Matching is incremental: only claims without a cluster are
matched, so adding an article touches its own claims and the clusters they join.
"""

from collections import defaultdict
from collections.abc import Iterable
from itertools import chain

from django.db import transaction

from articles.models import Article, Story
from claims.matching import (
    ClaimRecord,
    FactSheet,
    StoryVocabulary,
    assign_clusters,
    check_quote_against_primary,
    compare_cluster,
    fact_sheet,
)
from claims.models import Claim, ClaimCluster, ClaimEvent, ClaimKind
from claims.services.changes import claim_change, claim_changes
from claims.services.locking import lock_claims, lock_stories, lock_stories_of
from factdesk.queueing import send_after_commit

CLAIM_FIELDS = (
    "id", "article_id", "text", "kind", "speaker", "quoted_text", "figures", "cluster_id",
    "article__outlet", "article__is_primary_source", "article__published_on",
)  # fmt: skip


def schedule_matching(
    story_id: int, *, rebuild: bool = False, recheck_primary: bool = False
) -> None:
    """Enqueue matching for a story once the current transaction commits.

    With the task queue down the story is marked, and `resume_delayed_work` matches it
    once the queue is back.
    """
    from claims.tasks import match_story_claims

    send_after_commit(
        match_story_claims,
        story_id,
        rebuild=rebuild,
        recheck_primary=recheck_primary,
        on_unreachable=lambda: mark_matching_delayed(story_id, rebuild=rebuild),
    )


def mark_matching_delayed(story_id: int, *, rebuild: bool = False) -> None:
    """Remember that a story's matching could not be queued, and whether a full rebuild
    is owed; never downgraded, as a plain match does not do a rebuild's work."""
    owed = {"matching_rebuild_delayed": True} if rebuild else {}
    Story.objects.filter(pk=story_id).update(matching_delayed=True, **owed)


def _record(row: dict) -> ClaimRecord:
    return ClaimRecord(
        id=row["id"],
        source=row["article_id"],
        outlet=row["article__outlet"],
        text=row["text"],
        kind=row["kind"],
        speaker=row["speaker"],
        quoted_text=row["quoted_text"],
        figures=tuple(row["figures"] or ()),
        is_primary=row["article__is_primary_source"],
        published=row["article__published_on"].isoformat() if row["article__published_on"] else "",
    )


def match_story(story_id: int, *, rebuild: bool = False, recheck_primary: bool = False) -> int:
    """Cluster a story's unclustered claims and refresh the clusters they touch.

    Returns how many claims were assigned. `rebuild` first releases every claim
    outside the clusters checkers curated by hand, so the rest is matched again.
    `recheck_primary` checks every quote again, for when a primary document changed.
    """
    with transaction.atomic():
        # One matcher per story at a time; other stories match in parallel. The story's lock
        # comes first, as for every writer of several claims (claims/services/locking.py).
        story = Story.objects.select_for_update(no_key=True).filter(pk=story_id).first()
        if story is None:
            return 0
        # Claims of superseded revisions stay as they were checked, outside every cluster:
        # the current revision speaks for its outlet (docs/matching.md).
        claims = Claim.objects.filter(article__story=story, article__superseded_by__isnull=True)
        if rebuild:
            claims.filter(cluster__curated=False).update(cluster=None)
            ClaimCluster.objects.filter(story=story, claims__isnull=True).delete()
        rows = list(claims.values(*CLAIM_FIELDS))
        clustered: dict[int, list[ClaimRecord]] = defaultdict(list)
        new: list[ClaimRecord] = []
        for row in rows:
            if row["cluster_id"]:
                clustered[row["cluster_id"]].append(_record(row))
            else:
                new.append(_record(row))
        everything = [*new, *chain.from_iterable(clustered.values())]
        assignments = {}
        if new:
            vocabulary = StoryVocabulary(everything)
            assignments = assign_clusters(new, clustered, vocabulary=vocabulary)
        touched = _store_assignments(story, assignments)
        if touched:
            sheet = fact_sheet(everything)
            # A new title for someone changes the findings of every claim naming them.
            touched |= {row["cluster_id"] for row in rows if row["id"] in sheet.titled} - {None}
            refresh_clusters(touched, sheet=sheet)
        if recheck_primary or rebuild or any(record.is_primary for record in new):
            refresh_primary_checks(story)
        elif new:
            refresh_primary_checks(story, claim_ids=[r.id for r in new])
        return len(assignments)


def _store_assignments(story: Story, assignments: dict[int, str]) -> set[int]:
    created: dict[str, ClaimCluster] = {}
    by_cluster: dict[int, list[int]] = defaultdict(list)
    for claim_id, key in assignments.items():
        if key.startswith("new:"):
            if key not in created:
                created[key] = ClaimCluster.objects.create(story=story)
            cluster_id = created[key].pk
        else:
            cluster_id = int(key)
        by_cluster[cluster_id].append(claim_id)
    for cluster_id, claim_ids in by_cluster.items():
        Claim.objects.filter(pk__in=claim_ids).update(cluster_id=cluster_id)
    return set(by_cluster)


def refresh_clusters(cluster_ids: Iterable[int], sheet: FactSheet | None = None) -> None:
    """Recompute the reference, findings and suggestions of these clusters from their members;
    titles against the fact `sheet` of their story (read here when not given)."""
    cluster_ids = set(cluster_ids)
    if not cluster_ids:
        return
    if sheet is None:
        sheet = _fact_sheet_of(cluster_ids)
    rows = list(
        Claim.objects.filter(cluster_id__in=cluster_ids).values(*CLAIM_FIELDS).order_by("id")
    )
    members: dict[int, list[ClaimRecord]] = defaultdict(list)
    for row in rows:
        members[row["cluster_id"]].append(_record(row))
    marks = ClaimCluster.objects.filter(pk__in=members, reference_marked_by__isnull=False)
    marked = {
        pk: (ref, by) for pk, ref, by in marks.values_list("pk", "reference", "reference_marked_by")
    }
    updated: list[Claim] = []
    clusters: list[ClaimCluster] = []
    for cluster_id, records in members.items():
        chosen, marker = marked.get(cluster_id, (None, None))
        comparisons = compare_cluster(records, reference=chosen, sheet=sheet)
        for comparison in comparisons:
            updated.append(
                Claim(
                    pk=comparison.claim_id,
                    suggested_verdict=comparison.suggested_verdict or "",
                    suggestion_reasons=list(comparison.reasons),
                    comparison={
                        "diff": [list(op) for op in comparison.diff.ops],
                        "findings": [finding.as_dict() for finding in comparison.findings],
                        "basis": comparison.basis,
                        "reference": comparison.is_reference,
                        "quoted": comparison.quoted,
                    },
                )
            )
        reference = next(c.claim_id for c in comparisons if c.is_reference)
        cluster = ClaimCluster(
            pk=cluster_id,
            label=next(r.text for r in records if r.id == reference),
            outlet_count=len({r.source for r in records}),
            reference_id=reference,
        )
        # A marked version that left the cluster no longer speaks for it.
        cluster.reference_marked_by_id = marker if chosen == reference else None
        clusters.append(cluster)
    Claim.objects.bulk_update(
        updated, ["suggested_verdict", "suggestion_reasons", "comparison"], batch_size=500
    )
    ClaimCluster.objects.bulk_update(
        clusters, ["label", "outlet_count", "reference", "reference_marked_by"], batch_size=500
    )
    # Clusters left without members after a move are not worth keeping.
    ClaimCluster.objects.filter(pk__in=cluster_ids - set(members)).delete()


def _fact_sheet_of(cluster_ids: set[int]) -> FactSheet:
    """The fact sheet of the stories of these clusters, from their current claims."""
    stories = ClaimCluster.objects.filter(pk__in=cluster_ids).values("story_id")
    rows = Claim.objects.filter(
        article__story__in=stories, article__superseded_by__isnull=True
    ).values(*CLAIM_FIELDS)
    return fact_sheet(_record(row) for row in rows)


def refresh_primary_checks(story: Story, claim_ids: Iterable[int] | None = None) -> None:
    """Check quotes against the story's primary documents (verbatim, changed, not found)."""
    # Superseded revisions are neither documents nor checked again: their quotes keep the
    # check they were checked with.
    primary = Article.objects.filter(story=story, is_primary_source=True, superseded_by=None)
    documents = dict(primary.values_list("pk", "body"))
    quotes = Claim.objects.filter(
        article__story=story, kind=ClaimKind.QUOTE, article__superseded_by__isnull=True
    ).exclude(article__is_primary_source=True)
    if claim_ids is not None:
        quotes = quotes.filter(pk__in=list(claim_ids))
    updated = []
    for claim in quotes.only("pk", "quoted_text", "text"):
        if not documents:
            check = None
        else:
            result = check_quote_against_primary(claim.quoted_text or claim.text, documents)
            check = {
                "status": result.status,
                "source": result.source,
                "diff": [list(op) for op in result.diff.ops] if result.diff else None,
            }
        claim.primary_check = check
        updated.append(claim)
    Claim.objects.bulk_update(updated, ["primary_check"], batch_size=500)


def _cluster_of(claim: Claim) -> dict:
    """What a cluster edit's history keeps of a claim: the cluster it is in."""
    return {"cluster": claim.cluster_id}


ON_OLD_REVISION = (
    "This claim was checked on an earlier revision of its article: it stays as it was "
    "checked, outside the clusters (the current revision's version takes part instead)."
)


def _refuse_old_revision(claim: Claim) -> None:
    # Matching leaves superseded revisions out; a hand edit must not put one back.
    if claim.article.is_superseded:
        raise ValueError(ON_OLD_REVISION)


GONE = "That cluster changed meanwhile (the story was matched again); choose again."


def _lock_for_cluster_edit(claim_id: int) -> Claim:
    """Lock the claim's story, then the claim (claims/services/locking.py): a cluster edit
    rewrites the comparisons of every claim in the clusters it touches."""
    lock_stories_of(Claim.objects.filter(pk=claim_id))
    return Claim.objects.select_for_update(of=("self",)).select_related("article").get(pk=claim_id)


def _cluster_edit(claim: Claim, actor, action: str = ClaimEvent.Action.CLUSTER):
    return claim_change(
        claim.pk, actor=actor, action=action, describe=_cluster_of, lock=_lock_for_cluster_edit
    )


def split_claim(claim: Claim, actor=None) -> ClaimCluster:
    """A checker takes a claim out of its cluster into one of its own; both are curated."""
    with transaction.atomic():
        with _cluster_edit(claim, actor) as change:
            locked = change.claim
            _refuse_old_revision(locked)
            old_cluster_id = locked.cluster_id
            cluster = ClaimCluster.objects.create(story_id=locked.article.story_id, curated=True)
            ClaimCluster.objects.filter(pk=old_cluster_id).update(curated=True)
            locked.cluster = cluster
            change.fields = ["cluster"]
        refresh_clusters({cluster.pk} | ({old_cluster_id} if old_cluster_id else set()))
    return cluster


def move_claim(claim: Claim, target: ClaimCluster, actor=None) -> None:
    """A checker puts a claim into another cluster of the same story; both are curated."""
    with transaction.atomic():
        with _cluster_edit(claim, actor) as change:
            locked = change.claim
            if target.story_id != locked.article.story_id:
                raise ValueError("A claim can only join a cluster of its own story.")
            _refuse_old_revision(locked)
            old_cluster_id = locked.cluster_id
            touched = {target.pk, old_cluster_id} - {None}
            if ClaimCluster.objects.filter(pk__in=touched).update(curated=True) < len(touched):
                raise ValueError(GONE)  # matching replaced the target before the story lock
            locked.cluster = target
            change.fields = ["cluster"]
        refresh_clusters({target.pk} | ({old_cluster_id} if old_cluster_id else set()))


def merge_clusters(source: ClaimCluster, target: ClaimCluster, actor=None) -> None:
    """A checker merges two clusters of one story; every claim moves to `target`, curated."""
    if source.pk == target.pk:
        raise ValueError("A cluster cannot be merged into itself.")
    if source.story_id != target.story_id:
        raise ValueError("Only clusters of the same story can be merged.")
    with transaction.atomic():
        lock_stories([target.story_id])
        lock_claims(Claim.objects.filter(cluster_id__in=[source.pk, target.pk]), "pk")
        if not ClaimCluster.objects.filter(pk=target.pk).update(curated=True):
            raise ValueError(GONE)  # matching replaced the target before the story lock
        moving = Claim.objects.filter(cluster=source)
        with claim_changes(
            moving, actor=actor, action=ClaimEvent.Action.CLUSTER, describe=_cluster_of
        ) as changes:
            for claim in changes.claims:
                claim.cluster = target
            changes.fields = ["cluster"]
        refresh_clusters({source.pk, target.pk})


def mark_reference(claim: Claim, actor) -> None:
    """A checker marks this version as its cluster's reference: the other versions are judged
    against it, and the cluster's suggestions are recomputed at once."""
    with transaction.atomic():
        with _cluster_edit(claim, actor, ClaimEvent.Action.REFERENCE) as change:
            locked = change.claim
            _refuse_old_revision(locked)
            if locked.cluster_id is None:
                raise ValueError("This claim is not in a cluster yet: matching has not run.")
            # A checker's judgement of the cluster: a rebuild keeps it together (curated).
            marked = ClaimCluster.objects.filter(pk=locked.cluster_id).update(
                reference=locked, reference_marked_by=actor, curated=True
            )
            if not marked:
                raise ValueError(GONE)
            change.note = {"reference": True}
        refresh_clusters({locked.cluster_id})
