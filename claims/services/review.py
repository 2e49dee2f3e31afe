"""Writes for the review workflow: verdicts, assignment, sign-off, comments.

Every change locks the claim row, moves it through the state machine in
`claims.workflow`, bumps its version and records a `ClaimEvent`, so history is
complete and two people can never silently overwrite each other.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet

from claims.models import OPEN_STATES, Claim, ClaimComment, ClaimEvent, Verdict, VerdictLabel
from claims.permissions import may_work_on
from claims.services.locking import lock_claims, lock_stories_of
from claims.verdict_write import one_statement_available, write_verdict_at_once
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


def snapshot(claim: Claim) -> dict:
    """What the history shows of a claim before and after a change."""
    return {
        "state": claim.review_state,
        "verdict": claim.latest_verdict.label if claim.latest_verdict_id else None,
        "assignee": claim.assignee.get_username() if claim.assignee_id else None,
        "version": claim.version,
    }


LOCKED_WITH = ("latest_verdict", "assignee")


def lock_claim(claim_id: int) -> Claim:
    """The claim row, locked for this transaction, with its current verdict and assignee.

    A review step locks its one claim and then writes only rows it creates, so it never
    waits while holding a lock and needs no story lock (claims/services/locking.py).

    One statement reads and locks the row and joins the two. When it had to wait for
    someone else's lock, PostgreSQL re-reads the claim row as they left it but not the
    joined rows, which may then be missing (a verdict created meanwhile) or not the ones
    the row now points at; the joins are then read again, under the lock we now hold.
    """
    locked = Claim.objects.select_for_update(of=("self",)).select_related(*LOCKED_WITH)
    claim = locked.get(pk=claim_id)
    if any(_joined_row_is_stale(claim, name) for name in LOCKED_WITH):
        claim = Claim.objects.select_related(*LOCKED_WITH).get(pk=claim_id)
    return claim


def _joined_row_is_stale(claim: Claim, name: str) -> bool:
    related = getattr(claim, name)
    return (related.pk if related is not None else None) != getattr(claim, f"{name}_id")


def _check_version(locked: Claim, expected_version: int | None) -> None:
    if expected_version is not None and locked.version != expected_version:
        raise VerdictConflict(locked)


def _event(claim: Claim, actor, action: str, before: dict, after: dict | None = None) -> None:
    ClaimEvent.objects.create(
        claim=claim, actor=actor, action=action, before=before, after=after or snapshot(claim)
    )


def _save_step(locked: Claim, fields: list[str]) -> None:
    locked.version += 1
    locked.save(update_fields=[*fields, "version"])


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
    with transaction.atomic():
        locked = lock_claim(claim.pk)
        if not may_work_on(checked_by, locked):
            raise AssignedElsewhere(locked)
        _check_version(locked, expected_version)
        before = snapshot(locked)
        locked.review_state = next_state(locked.review_state, "verdict")
        verdict = Verdict(
            claim=locked,
            label=label,
            rationale=rationale,
            evidence=list(evidence or []),
            checked_by=checked_by,
        )
        if one_statement_available():
            locked.version += 1
            # `locked` still points at the previous verdict until the statement has run.
            after = {**snapshot(locked), "verdict": label}
            write_verdict_at_once(locked, verdict, action=event_action, before=before, after=after)
        else:
            verdict.save()
            locked.latest_verdict = verdict
            _save_step(locked, ["latest_verdict", "review_state"])
            _event(locked, checked_by, event_action, before)
    _copy_back(claim, locked)
    return verdict


def sign_off(*, claim: Claim, editor, expected_version: int | None = None) -> None:
    """An editor accepts the current verdict; the claim leaves every open queue."""
    with transaction.atomic():
        locked = lock_claim(claim.pk)
        _check_version(locked, expected_version)
        before = snapshot(locked)
        locked.review_state = next_state(locked.review_state, "sign_off")
        locked.signed_off_by = editor
        _save_step(locked, ["review_state", "signed_off_by"])
        _event(locked, editor, Action.SIGN_OFF, before)
    _copy_back(claim, locked)


def send_back(*, claim: Claim, editor, comment: str) -> None:
    """An editor returns a verdict to its checker with a comment saying what to redo."""
    _step_with_comment(claim, editor, comment, "send_back", Action.SEND_BACK)


def reopen(*, claim: Claim, editor, comment: str) -> None:
    """An editor reopens a signed-off claim, saying why; it goes back to the queue."""
    _step_with_comment(claim, editor, comment, "reopen", Action.REOPEN)


def _step_with_comment(claim: Claim, editor, comment: str, step: str, action: str) -> None:
    comment = _checked_comment(comment, empty="Say why in a comment.")
    with transaction.atomic():
        locked = lock_claim(claim.pk)
        before = snapshot(locked)
        locked.review_state = next_state(locked.review_state, step)
        locked.signed_off_by = None
        _save_step(locked, ["review_state", "signed_off_by"])
        ClaimComment.objects.create(claim=locked, author=editor, text=comment)
        after = {**snapshot(locked), "comment": comment}
        _event(locked, editor, action, before, after)
    _copy_back(claim, locked)


def add_comment(*, claim: Claim, author, text: str) -> ClaimComment:
    text = _checked_comment(text, empty="A comment cannot be empty.")
    with transaction.atomic():
        comment = ClaimComment.objects.create(claim=claim, author=author, text=text)
        _event(claim, author, Action.COMMENT, {}, {"comment": text})
    return comment


def take_claim(*, claim: Claim, checker) -> None:
    """A checker takes an unassigned claim for themself."""
    with transaction.atomic():
        locked = lock_claim(claim.pk)
        if locked.assignee_id and locked.assignee_id != checker.pk:
            raise ValueError(f"Already taken by {locked.assignee.get_username()}.")
        if not locked.is_open:
            raise ValueError("This claim is signed off; nothing to take.")
        before = snapshot(locked)
        locked.assignee = checker
        _save_step(locked, ["assignee"])
        _event(locked, checker, Action.TAKE, before)
    _copy_back(claim, locked)


def assign_claims(claims: QuerySet[Claim], *, assignee: AbstractBaseUser, by) -> int:
    """Assign the open claims among `claims` to a fact-checker; returns how many changed."""
    if not assignee.has_perm("claims.record_verdict"):
        raise ValueError(
            f"{assignee.get_username()} cannot record verdicts, so cannot be assigned."
        )
    chosen = (
        Claim.objects.filter(pk__in=claims.values("pk"), review_state__in=OPEN_STATES)
        .exclude(assignee=assignee)
        .select_related("latest_verdict", "assignee")
    )
    with transaction.atomic():
        # A bulk write of claims: their stories first, then the claims in id order
        # (claims/services/locking.py), so it takes turns with extraction and matching.
        lock_stories_of(chosen)
        locked = lock_claims(chosen)
        if any(_joined_row_is_stale(c, name) for c in locked for name in LOCKED_WITH):
            locked = list(chosen.filter(pk__in=[claim.pk for claim in locked]).order_by("pk"))
        befores = [snapshot(claim) for claim in locked]
        ids = [claim.pk for claim in locked]
        for claim in locked:
            claim.assignee = assignee
            claim.version += 1
        Claim.objects.bulk_update(locked, ["assignee", "version"], batch_size=500)
        ClaimEvent.objects.bulk_create(
            [
                ClaimEvent(
                    claim=claim,
                    actor=by,
                    action=Action.ASSIGN,
                    before=before,
                    after=snapshot(claim),
                )
                for claim, before in zip(locked, befores, strict=True)
            ],
            batch_size=500,
        )
    return len(ids)
