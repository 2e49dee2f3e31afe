"""Writes for editors' curation in the admin: merging duplicates, restoring verdicts."""

from django.db import transaction

from claims.models import Claim, ClaimComment, ClaimEvent, Verdict
from claims.services.changes import claim_change
from claims.services.locking import lock_claims, lock_stories_of
from claims.services.review import record_verdict


def merge_claims(*, keep: Claim, duplicates: list[Claim], actor) -> Claim:
    """Fold duplicate claims into `keep`: their verdicts, comments and history move over.

    The duplicates' rows go; nothing they carried is lost. If `keep` has no verdict of
    its own, the newest verdict among the duplicates becomes its current one.
    """
    others = [c.pk for c in duplicates if c.pk != keep.pk]
    if not others:
        raise ValueError("Choose at least one other claim to merge into the one you keep.")
    on_old_revisions = Claim.objects.filter(
        pk__in=[keep.pk, *others], article__superseded_by__isnull=False
    )
    if on_old_revisions.exists():
        # Its verdict would land on another text than the one it was checked on.
        raise ValueError(
            "A claim checked on an earlier revision of its article is not merged: it stays "
            "with the text it was checked on."
        )
    with transaction.atomic():
        # Several claims, maybe of several stories: the stories first, then every claim
        # involved in id order (claims/services/locking.py); then `keep` changed as it is
        # under the lock.
        involved = Claim.objects.filter(pk__in=[keep.pk, *others])
        lock_stories_of(involved)
        lock_claims(involved, "pk")
        with claim_change(keep.pk, actor=actor, action=ClaimEvent.Action.MERGE) as change:
            locked = change.claim
            Verdict.objects.filter(claim_id__in=others).update(claim=locked)
            ClaimComment.objects.filter(claim_id__in=others).update(claim=locked)
            ClaimEvent.objects.filter(claim_id__in=others).update(claim=locked)
            if not locked.latest_verdict_id:
                locked.latest_verdict = locked.verdicts.order_by("-created_at", "-id").first()
            Claim.objects.filter(pk__in=others).delete()
            change.fields = ["latest_verdict"]
            change.note = {"merged_claims": others}
    return locked


def restore_verdict(verdict: Verdict, *, actor) -> Verdict:
    """Make an old verdict current again, as a new entry: the history only grows."""
    restored = record_verdict(
        claim=verdict.claim,
        checked_by=actor,
        label=verdict.label,
        rationale=f"Restored verdict #{verdict.pk} by {verdict.checked_by}: {verdict.rationale}",
        evidence=verdict.evidence,
        event_action=ClaimEvent.Action.RESTORE,
    )
    return restored
