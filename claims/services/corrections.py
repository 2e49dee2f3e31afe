"""Corrections: a corrected article is a new revision, and the old one keeps what was checked.

An article's text cannot change under its claims (their `article.body[start:end]` is what
was checked), so a correction saves the corrected text as the next revision
(`articles.services.add_revision`) and settles the old revision's claims here, in the same
transaction: those with a verdict stay where they were checked, outside every cluster; the
others go, as the new revision's extraction finds them again. See docs/admin.md.
"""

from django.db import transaction

from articles.models import Article
from articles.services import add_revision
from claims.models import Claim, ClaimEvent
from claims.services.clusters import refresh_clusters, schedule_matching


def correct_article(article: Article, *, body: str, note: str, actor) -> Article:
    """Save `body` as the corrected text of `article` (a new revision) and return it.

    Raises `articles.services.CorrectionRefused` with a message for the editor when the
    correction cannot be made (an old revision, an unchanged text, a text the story
    already holds, no note); nothing is written then.
    """
    with transaction.atomic():
        old, new = add_revision(article, body=body, note=note)
        settle_superseded_claims(old, new, note=note.strip(), actor=actor)
    return new


def settle_superseded_claims(old: Article, new: Article, *, note: str, actor) -> None:
    """The claims of a revision just corrected: checked ones stay, each with an event; the
    unchecked ones go. Runs a fixed number of queries however many claims there are."""
    claims = Claim.objects.filter(article=old)
    kept = list(claims.filter(latest_verdict__isnull=False).values_list("pk", "cluster_id"))
    left = set(claims.filter(cluster__isnull=False).values_list("cluster_id", flat=True))
    ClaimEvent.objects.bulk_create(
        [
            ClaimEvent(
                claim_id=claim_id,
                actor=actor,
                action=ClaimEvent.Action.ARTICLE_CORRECTED,
                before={"article": old.pk, "revision": old.revision, "cluster": cluster_id},
                after={"article": new.pk, "revision": new.revision, "note": note, "cluster": None},
            )
            for claim_id, cluster_id in kept
        ]
    )
    # A checked claim of an old revision leaves its cluster: the new revision's version
    # joins it instead, so no outlet is counted twice and no suggestion compares an
    # outlet with its own earlier text.
    claims.filter(latest_verdict__isnull=False, cluster__isnull=False).update(cluster=None)
    # Open work on an old text would duplicate the new revision's claims.
    claims.filter(latest_verdict__isnull=True).delete()
    refresh_clusters(left)
    if old.is_primary_source:
        # The story's quotes are checked against the new text once it is extracted; until
        # then the old revision is no longer among the documents.
        schedule_matching(old.story_id, recheck_primary=True)
