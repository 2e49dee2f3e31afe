from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from articles.models import Story
from claims.cluster_services import merge_clusters, move_claim, split_claim
from claims.forms import VerdictForm
from claims.models import Claim, ClaimCluster, ClaimKind
from claims.selectors import (
    claim_for_panel,
    claims_for_story,
    cluster_versions,
    clusters_to_compare,
    merge_targets,
    verdict_history,
)
from claims.services import record_verdict


def panel_context(claim: Claim, form: VerdictForm | None = None, saved: bool = False) -> dict:
    initial = {}
    if claim.latest_verdict_id:
        initial = {"label": claim.latest_verdict.label}
    return {
        "claim": claim,
        "article": claim.article,
        "form": form or VerdictForm(initial=initial),
        "history": verdict_history(claim),
        "versions": cluster_versions(claim),
        "merge_targets": merge_targets(claim),
        "saved": saved,
    }


def _get_claim(pk: int) -> Claim:
    try:
        return claim_for_panel(pk)
    except Claim.DoesNotExist as exc:
        raise Http404("No such claim.") from exc


@login_required
def claim_detail(request, pk: int):
    claim = _get_claim(pk)
    if request.htmx:
        return render(request, "claims/claim_panel.html#panel", panel_context(claim))
    return render(request, "claims/claim_panel.html", panel_context(claim))


@login_required
@require_POST
def claim_verdict(request, pk: int):
    claim = _get_claim(pk)
    form = VerdictForm(request.POST)
    if not form.is_valid():
        return render(request, "claims/claim_panel.html#panel", panel_context(claim, form))
    record_verdict(
        claim=claim,
        checked_by=request.user,
        label=form.cleaned_data["label"],
        rationale=form.cleaned_data["rationale"],
        evidence=form.cleaned_data["evidence"],
    )
    if not request.htmx:
        return redirect(claim.article.get_absolute_url() + f"?claim={claim.pk}")
    return render(
        request,
        "claims/claim_panel.html#verdict-saved",
        panel_context(claim, saved=True),
    )


@login_required
def story_claims(request, slug: str):
    story = get_object_or_404(Story, slug=slug)
    kind = request.GET.get("kind", "")
    if kind not in ClaimKind.values:
        kind = ""
    return render(
        request,
        "claims/story_claims.html",
        {
            "story": story,
            "claims": claims_for_story(story, kind),
            "kind": kind,
            "kinds": ClaimKind.choices,
        },
    )


@login_required
def story_compare(request, slug: str):
    story = get_object_or_404(Story, slug=slug)
    return render(
        request,
        "claims/story_compare.html",
        {"story": story, "clusters": clusters_to_compare(story)},
    )


@login_required
@require_POST
def claim_split(request, pk: int):
    claim = _get_claim(pk)
    split_claim(claim)
    return _render_panel_after_edit(request, pk, "Split into a cluster of its own.")


@login_required
@require_POST
def claim_move(request, pk: int):
    claim = _get_claim(pk)
    target = ClaimCluster.objects.filter(pk=request.POST.get("cluster") or 0).first()
    if target is None:
        return _render_panel_after_edit(request, pk, error="Choose a cluster to move it to.")
    whole_cluster = request.POST.get("scope") == "cluster" and claim.cluster_id
    try:
        if whole_cluster:
            merge_clusters(claim.cluster, target)
        else:
            move_claim(claim, target)
    except ValueError as exc:
        return _render_panel_after_edit(request, pk, error=str(exc))
    if whole_cluster:
        return _render_panel_after_edit(
            request, pk, "Merged every version into the chosen cluster."
        )
    return _render_panel_after_edit(request, pk, "Moved to the chosen cluster.")


def _render_panel_after_edit(request, pk: int, notice: str = "", error: str = ""):
    context = panel_context(_get_claim(pk))
    context.update(cluster_notice=notice, cluster_error=error)
    if not request.htmx:
        return redirect(context["article"].get_absolute_url() + f"?claim={pk}")
    return render(request, "claims/claim_panel.html#panel", context)
