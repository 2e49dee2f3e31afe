"""Writes for changes made in the Django admin: each one lands on a claim's audit trail.

The admin can change little (docs/admin.md): a claim's check-worthiness, an article's
headline, outlet, byline, date, origin and primary-source mark, a comment's text. Each
such change is saved here together with a `ClaimEvent` saying what it was before and
after and who made it, in the admin's own transaction.
"""

from datetime import date
from typing import Any

from django.db import models, transaction

from articles.models import Article
from articles.services import save_edited_article
from claims.models import Claim, ClaimComment, ClaimEvent
from claims.services.changes import claim_change
from claims.services.clusters import schedule_matching

Action = ClaimEvent.Action
Changes = dict[str, tuple[Any, Any]]  # field name: (before, after)


def plain(value: Any) -> Any:
    """A field's value as the audit trail stores it (JSON): rows by name, dates as text."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _sides(changes: Changes) -> tuple[dict, dict]:
    before = {name: plain(old) for name, (old, _new) in changes.items()}
    after = {name: plain(new) for name, (_old, new) in changes.items()}
    return before, after


def edit_claim(claim: Claim, changes: Changes, *, actor) -> None:
    """Save a claim changed in the admin (its fields already set) and record the change."""
    if not changes:
        return
    with claim_change(claim.pk, actor=actor, action=Action.ADMIN_EDIT) as change:
        for name in changes:
            setattr(change.claim, name, getattr(claim, name))
        change.fields = list(changes)
        change.before, change.after = _sides(changes)
    claim.version = change.claim.version


def edit_article(article: Article, changes: Changes, *, actor) -> None:
    """Save an article changed in the admin and record the change on each of its claims.

    Two queries for the record however many claims the article has: their ids, then one
    insert of all the events.
    """
    with transaction.atomic():
        save_edited_article(article, set(changes))
        if "is_primary_source" in changes:
            # Quotes of the whole story are re-checked against the new set of documents.
            schedule_matching(article.story_id, rebuild=True)
        if not changes:
            return
        before, after = _sides(changes)
        claim_ids = Claim.objects.filter(article=article).values_list("pk", flat=True)
        ClaimEvent.objects.bulk_create(
            [
                ClaimEvent(
                    claim_id=claim_id,
                    actor=actor,
                    action=Action.ARTICLE_EDIT,
                    before=before,
                    after=after,
                )
                for claim_id in claim_ids
            ]
        )


def edit_comment(comment: ClaimComment, old_text: str, *, actor) -> None:
    """Save a comment whose text was changed in the admin, recording both texts."""
    with transaction.atomic():
        comment.save(update_fields=["text"])
        if comment.text != old_text:
            author = comment.author.get_username()
            ClaimEvent.objects.create(
                claim_id=comment.claim_id,
                actor=actor,
                action=Action.COMMENT_EDIT,
                before={"comment": old_text, "author": author},
                after={"comment": comment.text, "author": author},
            )
