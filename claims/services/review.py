"""Writes for the review workflow: verdicts, assignment, sign-off, comments.

Every change goes through `claims.services.changes.claim_change`: it locks the claim row,
and saves it with its version bumped and a `ClaimEvent`; here each step moves the claim
through the state machine in `claims.workflow` and checks who may take it, so history is
complete and two people can never silently overwrite each other.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet

from claims.models import OPEN_STATES, Claim, ClaimComment, ClaimEvent, Verdict, VerdictLabel
from claims.permissions import may_work_on
from claims.services.changes import claim_change, claim_changes
from claims.workflow import next_state

Action = ClaimEvent.Action
# Every comment (a plain one, or the reason for a send back or a reopen) is shown in every
# panel of its claim, so it is kept to the length of a note.
MAX_COMMENT_CHARS = 5000


def _checked_comment(text: str, *, empty: str) -> str:
    text = text.strip()
    if not text:
        raise ValueError(empty)
    if len(text) > MAX_COMMENT_CHARS:
        raise ValueError(
            f"A comment is at most {MAX_COMMENT_CHARS:,} characters; this one has {len(text):,}."
        )
    return text


class AssignedElsewhere(PermissionDenied):
    """The claim is another checker's; only they or an editor may record its verdict."""

    def __init__(self, claim: Claim):
        who = claim.assignee.get_username() if claim.assignee_id else "someone else"
        super().__init__(f"This claim is assigned to {who}.")


class VerdictConflict(Exception):
    """Someone changed the claim since the form was shown; carries the claim as it is now."""

    def __init__(self, current: Claim):
        super().__init__("The claim changed since you opened it.")
        self.current = current


def _check_version(locked: Claim, expected_version: int | None) -> None:
    if expected_version is not None and locked.version != expected_version:
        raise VerdictConflict(locked)


def _copy_back(claim: Claim, locked: Claim) -> None:
    for field in ("review_state", "assignee", "signed_off_by", "latest_verdict", "version"):
        setattr(claim, field, getattr(locked, field))


def record_verdict(
    *,
    claim: Claim,
    checked_by,
    label: str,
    rationale: str,
    evidence: list[str] | None = None,
    expected_version: int | None = None,
    event_action: str = Action.VERDICT,
) -> Verdict:
    """Add a verdict to the claim's history and put the claim in review.

    The claim is read under a row lock, so only its pk need be current: callers that
    have not read it may pass `Claim(pk=…)`. A claim assigned to another checker raises
    AssignedElsewhere (editors may record on any); with `expected_version`, a claim
    changed by someone else since then raises VerdictConflict instead of being
    overwritten. `claim` comes back updated (state, verdict, version, assignee, sign-off
    as written), and the returned verdict's `claim` is the whole row as written.
    """
    if label not in VerdictLabel.values:
        raise ValueError(
            f"'{label}' is not a verdict; use one of {', '.join(VerdictLabel.values)}."
        )
    rationale = rationale.strip()
    if not rationale:
        raise ValueError("A verdict needs a rationale.")
    with claim_change(claim.pk, actor=checked_by, action=event_action) as change:
        locked = change.claim
        if not may_work_on(checked_by, locked):
            raise AssignedElsewhere(locked)
        _check_version(locked, expected_version)
        locked.review_state = next_state(locked.review_state, "verdict")
        verdict = Verdict.objects.create(
            claim=locked,
            label=label,
            rationale=rationale,
            evidence=list(evidence or []),
            checked_by=checked_by,
        )
        locked.latest_verdict = verdict
        change.fields = ["latest_verdict", "review_state"]
    _copy_back(claim, locked)
    return verdict


def sign_off(*, claim: Claim, editor, expected_version: int | None = None) -> None:
    """An editor accepts the current verdict; the claim leaves every open queue."""
    with claim_change(claim.pk, actor=editor, action=Action.SIGN_OFF) as change:
        locked = change.claim
        _check_version(locked, expected_version)
        locked.review_state = next_state(locked.review_state, "sign_off")
        locked.signed_off_by = editor
        change.fields = ["review_state", "signed_off_by"]
    _copy_back(claim, locked)


def send_back(*, claim: Claim, editor, comment: str) -> None:
    """An editor returns a verdict to its checker with a comment saying what to redo."""
    _step_with_comment(claim, editor, comment, "send_back", Action.SEND_BACK)


def reopen(*, claim: Claim, editor, comment: str) -> None:
    """An editor reopens a signed-off claim, saying why; it goes back to the queue."""
    _step_with_comment(claim, editor, comment, "reopen", Action.REOPEN)


def _step_with_comment(claim: Claim, editor, comment: str, step: str, action: str) -> None:
    comment = _checked_comment(comment, empty="Say why in a comment.")
    with claim_change(claim.pk, actor=editor, action=action) as change:
        locked = change.claim
        locked.review_state = next_state(locked.review_state, step)
        locked.signed_off_by = None
        ClaimComment.objects.create(claim=locked, author=editor, text=comment)
        change.fields = ["review_state", "signed_off_by"]
        change.note = {"comment": comment}
    _copy_back(claim, locked)


def add_comment(*, claim: Claim, author, text: str) -> ClaimComment:
    """A comment leaves the claim as it is: its event has no before, and no version bump."""
    text = _checked_comment(text, empty="A comment cannot be empty.")
    with transaction.atomic():
        comment = ClaimComment.objects.create(claim=claim, author=author, text=text)
        ClaimEvent.objects.create(
            claim=claim, actor=author, action=Action.COMMENT, before={}, after={"comment": text}
        )
    return comment


def take_claim(*, claim: Claim, checker) -> None:
    """A checker takes an unassigned claim for themself."""
    with claim_change(claim.pk, actor=checker, action=Action.TAKE) as change:
        locked = change.claim
        if locked.assignee_id and locked.assignee_id != checker.pk:
            raise ValueError(f"Already taken by {locked.assignee.get_username()}.")
        if not locked.is_open:
            raise ValueError("This claim is signed off; nothing to take.")
        locked.assignee = checker
        change.fields = ["assignee"]
    _copy_back(claim, locked)


def assign_claims(claims: QuerySet[Claim], *, assignee: AbstractBaseUser, by) -> int:
    """Assign the open claims among `claims` to a fact-checker; returns how many changed."""
    if not assignee.has_perm("claims.record_verdict"):
        raise ValueError(
            f"{assignee.get_username()} cannot record verdicts, so cannot be assigned."
        )
    chosen = Claim.objects.filter(pk__in=claims.values("pk"), review_state__in=OPEN_STATES).exclude(
        assignee=assignee
    )
    with claim_changes(chosen, actor=by, action=Action.ASSIGN) as changes:
        for locked in changes.claims:
            locked.assignee = assignee
        changes.fields = ["assignee"]
    return len(changes.claims)
