"""Readable lines for the audit trail: changes made in the admin and by corrections in words,
the other steps' before and after as they were recorded."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from claims.models import ClaimEvent

register = template.Library()
Action = ClaimEvent.Action

FIELD_NAMES = {
    "checkworthiness": "check-worthiness",
    "is_primary_source": "primary source",
    "published_on": "published",
    "url": "web address",
}
FIELD_CHANGES = {Action.ADMIN_EDIT, Action.ARTICLE_EDIT, Action.COMMENT_EDIT}


def _value(value) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return f"{value:g}"
    return f"“{value}”"


def _listed(values: dict) -> SafeString:
    """ "state: in_review, verdict: varied": a recorded side as it is, without its version."""
    return format_html_join(
        ", ", "{}: {}", ((key, value or "—") for key, value in values.items() if key != "version")
    )


def _as_recorded(before: dict, after: dict) -> SafeString:
    if not before:
        return _listed(after)
    return format_html("{} → {}", _listed(before), _listed(after))


@register.filter
def event_change(event: ClaimEvent) -> SafeString | str:
    """What an event changed: in words for an admin edit or a correction, else its
    before and after as recorded."""
    before, after = event.before or {}, event.after or {}
    if event.action == Action.ARTICLE_CORRECTED:
        return format_html(
            "Revision {} corrected; the current text is revision {} ({}). This claim stays "
            "on revision {}, where it was checked, outside the clusters.",
            before.get("revision"),
            after.get("revision"),
            _value(after.get("note")),
            before.get("revision"),
        )
    if event.action not in FIELD_CHANGES:
        return _as_recorded(before, after)
    line = format_html_join(
        "; ",
        "{}: {} → {}",
        (
            (FIELD_NAMES.get(name, name), _value(before.get(name)), _value(after.get(name)))
            for name in after
            if name != "author"
        ),
    )
    if event.action == Action.COMMENT_EDIT and after.get("author"):
        return format_html("{} (written by {})", line, after["author"])
    return line
