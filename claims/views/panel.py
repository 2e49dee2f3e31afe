"""The claim panel and what it posts: verdicts, review steps, assignment, comments, clusters."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import trigger_client_event

from claims.forms import AssignForm, CommentForm, ReviewForm, VerdictForm
from claims.models import Claim
from claims.permissions import abilities, may_record_verdict
from claims.selectors import (
    claim_by_pk,
    claim_comments,
    claim_events,
    claim_for_panel,
    cluster_by_id,
    cluster_versions,
    has_other_versions,
    merge_targets,
    recent_verdicts,
    verdict_history,
)
from claims.services import review
from claims.services.clusters import mark_reference, merge_clusters, move_claim, split_claim
from claims.workflow import InvalidTransition

VIEW = "claims.view_claim"


def work_context(claim: Claim, user, **extra) -> dict:
    """What the verdict and review forms need: the part of the panel a save replaces."""
    form = extra.pop("form", None) or VerdictForm(
        initial={
            "label": claim.latest_verdict.label if claim.latest_verdict_id else None,
            "version": claim.version,
        }
    )
    return {
        "claim": claim,
        "can": abilities(user, claim),
        "form": form,
        "max_comment_chars": review.MAX_COMMENT_CHARS,
        **extra,
    }


def panel_context(claim: Claim, user, **extra) -> dict:
    context = work_context(claim, user, **extra)
    history, more_history = recent_verdicts(claim)
    return {
        **context,
        "history": history,
        "more_history": more_history,
        "article": claim.article,
        "comments": claim_comments(claim),
        "assign_form": AssignForm() if context["can"].assign else None,
        "versions": cluster_versions(claim),
    }


def _get_claim(pk: int, *, with_story: bool = False) -> Claim:
    try:
        return claim_for_panel(pk, with_story=with_story)
    except Claim.DoesNotExist as exc:
        raise Http404("No such claim.") from exc


def _panel(request, claim_id: int, status: int = 200, **extra):
    """The panel after a change: a fragment for htmx, else back to the article."""
    claim = _get_claim(claim_id)
    if not request.htmx:
        return redirect(claim.article.get_absolute_url() + f"?claim={claim_id}")
    context = panel_context(claim, request.user, **extra)
    return render(request, "claims/claim_panel.html#panel", context, status=status)


@login_required
@permission_required(VIEW, raise_exception=True)
def claim_detail(request, pk: int):
    claim = _get_claim(pk, with_story=not request.htmx)
    template = "claims/claim_panel.html#panel" if request.htmx else "claims/claim_panel.html"
    return render(request, template, panel_context(claim, request.user))


@login_required
@permission_required("claims.record_verdict", raise_exception=True)
@require_POST
def claim_verdict(request, pk: int):
    form = VerdictForm(request.POST)
    if not form.is_valid():
        claim = _get_claim(pk)
        if not may_record_verdict(request.user, claim):
            raise review.AssignedElsewhere(claim)
        return _verdict_form(request, claim, form=form)
    try:
        # The service reads the claim under its lock (and refuses someone else's claim):
        # reading it here first would be one more query on the desk's busiest write.
        verdict = review.record_verdict(
            claim=Claim(pk=pk),
            checked_by=request.user,
            label=form.cleaned_data["label"],
            rationale=form.cleaned_data["rationale"],
            evidence=form.cleaned_data["evidence"],
            expected_version=form.cleaned_data["version"],
        )
    except Claim.DoesNotExist as exc:
        raise Http404("No such claim.") from exc
    except review.VerdictConflict as conflict:
        # Keep what this checker typed, but against the version now in the database,
        # so a deliberate resubmit goes through.
        data = request.POST.copy()
        data["version"] = conflict.current.version
        current = conflict.current
        return _verdict_form(request, current, 409, form=VerdictForm(data), conflict=current)
    except InvalidTransition as exc:
        return _panel(request, pk, error=str(exc))
    claim = verdict.claim  # as locked and written: state, verdict, version, assignee
    if not request.htmx:
        return redirect(reverse("article-detail", args=[claim.article_id]) + f"?claim={pk}")
    # The highlight in the text exists only on the article page; elsewhere htmx
    # would complain about a missing out-of-band target.
    on_article_page = "/articles/" in (request.htmx.current_url_abs_path or "")
    # Only the forms, the new verdict at the top of the history and the claim's badges
    # change; the rest of the panel stays as it is.
    context = {
        **work_context(claim, request.user, saved=True),
        "verdict": verdict,
        "on_article_page": on_article_page,
    }
    response = render(request, "claims/claim_panel.html#verdict-saved", context)
    return trigger_client_event(response, "verdictSaved", {"claim": claim.pk})


def _verdict_form(request, claim: Claim, status: int = 200, **extra):
    """The verdict form again, with its errors or a conflict; nothing else changed."""
    if not request.htmx:
        context = panel_context(_get_claim(claim.pk, with_story=True), request.user, **extra)
        return render(request, "claims/claim_panel.html", context, status=status)
    context = work_context(claim, request.user, **extra)
    return render(request, "claims/claim_panel.html#work", context, status=status)


@login_required
@permission_required(VIEW, raise_exception=True)
def claim_verdicts(request, pk: int):
    """Every verdict on the claim, for the panel's "Show earlier verdicts"."""
    claim = _get_claim(pk)
    context = {"claim": claim, "history": verdict_history(claim)}
    return render(request, "claims/claim_panel.html#verdict-history", context)


@login_required
@permission_required(VIEW, raise_exception=True)
def claim_audit(request, pk: int):
    """The claim's whole audit trail, loaded when the panel's history is opened."""
    claim = _get_claim(pk)
    context = {"events": claim_events(claim)}
    return render(request, "claims/claim_panel.html#audit-trail", context)


@login_required
@permission_required("claims.record_verdict", raise_exception=True)
@require_POST
def claim_take(request, pk: int):
    try:
        review.take_claim(claim=_get_claim(pk), checker=request.user)
    except ValueError as exc:
        return _panel(request, pk, error=str(exc))
    return _panel(request, pk, notice="It's yours: the claim is in your queue.")


@login_required
@permission_required("claims.assign_claims", raise_exception=True)
@require_POST
def claim_assign(request, pk: int):
    form = AssignForm(request.POST)
    if not form.is_valid():
        return _panel(request, pk, error=" ".join(form.errors["assignee"]))
    assignee = form.cleaned_data["assignee"]
    review.assign_claims(claim_by_pk(pk), assignee=assignee, by=request.user)
    return _panel(request, pk, notice=f"Assigned to {assignee.get_username()}.")


@login_required
@permission_required("claims.sign_off_claims", raise_exception=True)
@require_POST
def claim_review(request, pk: int):
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _panel(request, pk, error=form.first_error())
    step, comment = form.cleaned_data["step"], form.cleaned_data["comment"]
    claim = _get_claim(pk)
    try:
        if step == "sign_off":
            review.sign_off(
                claim=claim, editor=request.user, expected_version=form.cleaned_data["version"]
            )
        elif step == "send_back":
            review.send_back(claim=claim, editor=request.user, comment=comment)
        else:
            review.reopen(claim=claim, editor=request.user, comment=comment)
    except review.VerdictConflict:
        return _panel(request, pk, error="The verdict changed meanwhile; read it again first.")
    except (InvalidTransition, ValueError) as exc:
        return _panel(request, pk, error=str(exc))
    return _panel(request, pk, notice=ReviewForm.STEPS[step])


@login_required
@permission_required("claims.comment_on_claim", raise_exception=True)
@require_POST
def claim_comment(request, pk: int):
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _panel(request, pk, error=" ".join(form.errors["text"]))
    review.add_comment(claim=_get_claim(pk), author=request.user, text=form.cleaned_data["text"])
    return _panel(request, pk, notice="Comment added.")


@login_required
@permission_required("claims.edit_clusters", raise_exception=True)
@require_POST
def claim_split(request, pk: int):
    try:
        split_claim(_get_claim(pk), actor=request.user)
    except ValueError as exc:
        return _panel(request, pk, cluster_error=str(exc))
    return _panel(request, pk, cluster_notice="Split into a cluster of its own.")


@login_required
@permission_required("claims.edit_clusters", raise_exception=True)
@require_POST
def claim_reference(request, pk: int):
    try:
        mark_reference(_get_claim(pk), actor=request.user)
    except ValueError as exc:
        return _panel(request, pk, cluster_error=str(exc))
    notice = "Marked as the reference version: the other versions are judged against it."
    return _panel(request, pk, cluster_notice=notice)


@login_required
@permission_required("claims.edit_clusters", raise_exception=True)
def claim_move_choices(request, pk: int):
    """The clusters this claim could join, asked for by the panel's "Same fact as…"."""
    claim = _get_claim(pk)
    context = {
        "claim": claim,
        "targets": merge_targets(claim),
        # "Merge all" when other versions would come along.
        "whole_cluster": has_other_versions(claim),
    }
    return render(request, "claims/claim_panel.html#move-choices", context)


@login_required
@permission_required("claims.edit_clusters", raise_exception=True)
@require_POST
def claim_move(request, pk: int):
    claim = _get_claim(pk)
    cluster_id = request.POST.get("cluster", "")
    target = cluster_by_id(cluster_id)
    if target is None:
        return _panel(request, pk, cluster_error="Choose a cluster to move it to.")
    whole_cluster = request.POST.get("scope") == "cluster" and claim.cluster_id
    try:
        if whole_cluster:
            merge_clusters(claim.cluster, target, actor=request.user)
        else:
            move_claim(claim, target, actor=request.user)
    except ValueError as exc:
        return _panel(request, pk, cluster_error=str(exc))
    notice = "Merged every version into the chosen cluster." if whole_cluster else None
    return _panel(request, pk, cluster_notice=notice or "Moved to the chosen cluster.")
