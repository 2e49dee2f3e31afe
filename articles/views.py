"""The articles app's one screen of its own: an article's extraction status, polled."""

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, render
from django_htmx.http import HttpResponseClientRefresh

from articles.selectors import article_statuses

VIEW = "articles.view_article"


@login_required
@permission_required(VIEW, raise_exception=True)
def article_status(request, pk: int):
    """Polled while extraction runs; once it ends the page reloads to show the claims."""
    article = get_object_or_404(article_statuses(), pk=pk)
    inline = "inline" in request.GET  # shown beside a new article, not on its own page
    if not article.extraction_in_progress and not inline:
        return HttpResponseClientRefresh()
    context = {"article": article, "inline": inline}
    return render(request, "articles/extraction_status.html", context)
