from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from articles.models import Article, Story
from articles.selectors import articles_in_story, extraction_progress, stories_for_desk
from claims.forms import AssignForm
from claims.models import Claim
from claims.selectors import article_segments, claim_for_panel, claims_in_article
from claims.services import review
from claims.services.extraction import reextract_articles
from claims.views import panel_context

VIEW = "articles.view_article"
PREPARED_FORMATS = [
    ("xlsx", "XLSX"),
    ("claimreview", "ClaimReview"),
    ("html", "HTML"),
    ("pdf", "PDF"),
]


@login_required
@permission_required(VIEW, raise_exception=True)
def story_list(request):
    return render(request, "articles/story_list.html", {"stories": stories_for_desk()})


@login_required
@permission_required(VIEW, raise_exception=True)
def story_detail(request, slug: str):
    story = get_object_or_404(Story, slug=slug)
    articles = list(articles_in_story(story))
    context = {"story": story, "articles": articles, "progress": extraction_progress(articles)}
    if request.user.has_perm("claims.assign_claims"):
        context["assign_form"] = AssignForm()
    context["prepared_formats"] = PREPARED_FORMATS
    context["feeds"] = story.feeds.prefetch_related("polls")
    if request.htmx:
        return render(request, "articles/story_detail.html#articles-table", context)
    return render(request, "articles/story_detail.html", context)


@login_required
@permission_required(VIEW, raise_exception=True)
def article_detail(request, pk: int):
    # An old revision names its current one on the page (not its body, which is long).
    revisions = Article.objects.select_related("story", "superseded_by")
    article = get_object_or_404(revisions.defer("superseded_by__body"), pk=pk)
    claims = list(claims_in_article(article))
    context = {
        "article": article,
        "story": article.story,
        "claims": claims,
        "segments": article_segments(article, claims),
    }
    # ?claim=ID opens that claim's panel, so links from the queue land ready to check.
    selected = next((c for c in claims if str(c.pk) == request.GET.get("claim")), None)
    if selected:
        selected = claim_for_panel(selected.pk)  # with its assignee and sign-off
        selected.article = article
        context["panel"] = render_to_string(
            "claims/claim_panel.html#panel", panel_context(selected, request.user), request
        )
    return render(request, "articles/article_detail.html", context)


@login_required
@permission_required(VIEW, raise_exception=True)
def article_status(request, pk: int):
    """Polled while extraction runs; once it ends the page reloads to show the claims."""
    article = get_object_or_404(
        Article.objects.only("extraction_status", "extraction_error"), pk=pk
    )
    inline = "inline" in request.GET  # shown beside a new article, not on its own page
    if not article.extraction_in_progress and not inline:
        return HttpResponseClientRefresh()
    context = {"article": article, "inline": inline}
    return render(request, "articles/article_detail.html#extraction-status", context)


@login_required
@permission_required("articles.change_article", raise_exception=True)
@require_POST
def article_reextract(request, pk: int):
    article = get_object_or_404(Article, pk=pk)
    if not reextract_articles([article.pk]):
        messages.error(
            request,
            f"Revision {article.revision} has been corrected since: its checked claims stay "
            "as they are, and the current revision is the one to re-extract.",
        )
        return redirect(article)
    messages.success(
        request, "Re-extraction queued. Claims that already have a verdict are kept as they are."
    )
    return redirect(article)


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
    count = review.assign_claims(
        Claim.objects.filter(article__story=story), assignee=assignee, by=request.user
    )
    messages.success(request, f"Assigned {count} open claims to {assignee.get_username()}.")
    return redirect(story)
