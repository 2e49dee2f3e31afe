"""A claim's verdict badge and review state, as the queue, the article and the panel show them.

Written in Python rather than as template partials: a queue page shows fifty of them and
re-renders every five seconds, and an include per badge cost more than the rest of a row.
htmx finds them by their data attributes, so every copy of a claim's badge updates at once.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from claims.models import Claim

register = template.Library()


def _out_of_band(attribute: str, claim_id: int) -> SafeString:
    return format_html(" hx-swap-oob=\"outerHTML:[{}='{}']\"", attribute, claim_id)


@register.simple_tag
def verdict_badge(claim: Claim, oob: bool = False) -> SafeString:
    """The claim's current verdict ("No verdict" before the first one)."""
    verdict = claim.latest_verdict if claim.latest_verdict_id else None
    return format_html(
        '<span class="badge badge-{}" data-claim-badge="{}"{}>{}</span>',
        verdict.label if verdict else "unchecked",
        claim.pk,
        _out_of_band("data-claim-badge", claim.pk) if oob else mark_safe(""),
        verdict.get_label_display() if verdict else "No verdict",
    )


@register.simple_tag
def review_state(claim: Claim, oob: bool = False) -> SafeString:
    """Where the claim is in the review: to check, in review, signed off, reopened."""
    return format_html(
        '<span class="state state-{}" data-claim-state="{}"{}>{}</span>',
        claim.review_state,
        claim.pk,
        _out_of_band("data-claim-state", claim.pk) if oob else mark_safe(""),
        claim.get_review_state_display(),
    )
