"""The article's reading page, its claims highlighted, and re-extracting it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from articles.models import Article
from claims.selectors import (
    article_for_reading,
    article_segments,
    claim_for_panel,
    claims_in_article,
)
from claims.services.extraction import reextract_articles
from claims.views.panel import panel_context

READ_ARTICLES = "articles.view_article"


@login_required
@permission_required(READ_ARTICLES, raise_exception=True)
def article_detail(request, pk: int):
    article = article_for_reading(pk)
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
    return render(request, "claims/article_detail.html", context)


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
