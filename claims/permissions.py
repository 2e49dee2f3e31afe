"""Who may do what to a claim: role permissions plus the rules that depend on the claim."""

from dataclasses import dataclass

from claims.models import Claim


def may_work_on(user, claim: Claim) -> bool:
    """Checkers work on their own claims and unassigned ones; editors on any."""
    return claim.assignee_id in (None, user.pk) or user.has_perm("claims.sign_off_claims")


def may_record_verdict(user, claim: Claim) -> bool:
    return user.has_perm("claims.record_verdict") and may_work_on(user, claim)


@dataclass(frozen=True)
class Abilities:
    """What the claim panel offers this user for this claim."""

    record_verdict: bool
    take: bool
    assign: bool
    review: bool
    comment: bool
    edit_clusters: bool


def abilities(user, claim: Claim) -> Abilities:
    return Abilities(
        record_verdict=may_record_verdict(user, claim) and claim.is_open,
        take=user.has_perm("claims.record_verdict") and claim.assignee_id is None and claim.is_open,
        assign=user.has_perm("claims.assign_claims"),
        review=user.has_perm("claims.sign_off_claims"),
        comment=user.has_perm("claims.comment_on_claim"),
        edit_clusters=user.has_perm("claims.edit_clusters"),
    )
