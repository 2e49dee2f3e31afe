from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from articles.models import Article, Story
from articles.selectors import articles_in_story, stories_for_desk
from claims.selectors import article_segments, claims_in_article


@login_required
def story_list(request):
    return render(request, "articles/story_list.html", {"stories": stories_for_desk()})


@login_required
def story_detail(request, slug: str):
    story = get_object_or_404(Story, slug=slug)
    return render(
        request,
        "articles/story_detail.html",
        {"story": story, "articles": articles_in_story(story)},
    )


@login_required
def article_detail(request, pk: int):
    article = get_object_or_404(Article.objects.select_related("story"), pk=pk)
    claims = list(claims_in_article(article))
    return render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "story": article.story,
            "claims": claims,
            "segments": article_segments(article, claims),
        },
    )
