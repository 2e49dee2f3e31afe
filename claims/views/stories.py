"""The story screens: the desk's list of stories, a story's page, its claims, its comparison,
and giving a whole story to one fact-checker."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from articles.models import Story
from articles.selectors import extraction_progress
from claims.forms import AssignForm
from claims.models import ClaimKind
from claims.paging import keyset_page
from claims.selectors import (
    articles_in_story,
    claims_for_story,
    claims_in_story,
    clusters_to_compare,
    feeds_of,
    stories_for_desk,
)
from claims.services import review

VIEW = "claims.view_claim"
READ_ARTICLES = "articles.view_article"
# A seeded story holds thousands of claims: rendering them all took seconds.
STORY_PAGE_SIZE = 50


@login_required
@permission_required(READ_ARTICLES, raise_exception=True)
def story_list(request):
    return render(request, "claims/story_list.html", {"stories": stories_for_desk()})


@login_required
@permission_required(READ_ARTICLES, raise_exception=True)
def story_detail(request, slug: str):
    story = get_object_or_404(Story, slug=slug)
    articles = list(articles_in_story(story))
    context = {"story": story, "articles": articles, "progress": extraction_progress(articles)}
    if request.user.has_perm("claims.assign_claims"):
        context["assign_form"] = AssignForm()
    context["feeds"] = feeds_of(story)
    if request.htmx:
        return render(request, "claims/story_detail.html#articles-table", context)
    return render(request, "claims/story_detail.html", context)


@login_required
@permission_required(VIEW, raise_exception=True)
def story_claims(request, slug: str):
    story = get_object_or_404(Story, slug=slug)
    kind = request.GET.get("kind", "")
    if kind not in ClaimKind.values:
        kind = ""
    claims = claims_for_story(story, kind)
    page, next_cursor = keyset_page(claims, request.GET.get("after", ""), STORY_PAGE_SIZE)
    context = {
        "story": story,
        "claims": page,
        "total": claims.count(),
        "next_cursor": next_cursor,
        "paged": "after" in request.GET,
        "kind": kind,
        "kinds": ClaimKind.choices,
    }
    return render(request, "claims/story_claims.html", context)


@login_required
@permission_required(VIEW, raise_exception=True)
def story_compare(request, slug: str):
    story = get_object_or_404(Story, slug=slug)
    context = {"story": story, "clusters": clusters_to_compare(story)}
    return render(request, "claims/story_compare.html", context)


@login_required
@permission_required("claims.assign_claims", raise_exception=True)
@require_POST
def story_assign(request, slug: str):
    """An editor gives every open claim of a story to one fact-checker."""
    story = get_object_or_404(Story, slug=slug)
    form = AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["assignee"]))
        return redirect(story)
    assignee = form.cleaned_data["assignee"]
    count = review.assign_claims(claims_in_story(story), assignee=assignee, by=request.user)
    messages.success(request, f"Assigned {count} open claims to {assignee.get_username()}.")
    return redirect(story)
