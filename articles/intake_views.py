"""The "Add articles" screen: paste, upload or fetch, with the story suggested."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from articles.forms import FeedForm, PasteForm, UploadForm, UrlForm
from articles.intake import (
    fetch_article,
    follow_feed,
    paste_article,
    suggest_for_page,
    suggest_for_upload,
    suggest_stories,
    upload_articles,
)
from articles.models import Story
from articles.reading import UnreadableArticle
from articles.selectors import story_by_slug
from articles.services import get_or_create_story
from articles.uploads import abandoned_upload

ADD = "articles.add_article"
FORMS = {"paste": PasteForm, "upload": UploadForm, "url": UrlForm}


def _limits() -> dict[str, str]:
    """The ingestion limits, as the page states them."""
    return {
        "files": f"{settings.MAX_UPLOAD_FILES:,}",
        "file_size": f"{settings.MAX_UPLOAD_BYTES / 1_048_576:g} MB",
        "article": f"{settings.MAX_ARTICLE_CHARS:,}",
    }


def _forms(bound=None, mode=""):
    return {name: bound if name == mode else form() for name, form in FORMS.items()}


@login_required
@permission_required(ADD, raise_exception=True)
def add_articles(request):
    context = {"forms": _forms(), "limits": _limits()}
    story = story_by_slug(request.GET.get("story", ""))
    if story:
        for form in context["forms"].values():
            form.initial["story"] = story.slug
    return render(request, "articles/add_articles.html", context)


@login_required
@permission_required(ADD, raise_exception=True)
@require_POST
def submit_articles(request, mode: str):
    if mode not in FORMS:
        return render(request, "articles/add_articles.html#result", {"error": "Unknown way in."})
    if abandoned := abandoned_upload(request):
        return render(request, "articles/add_articles.html#result", {"error": abandoned})
    form = FORMS[mode](request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "articles/add_articles.html#result", {"form_errors": form.errors})
    data = form.cleaned_data
    story = _chosen_story(request, data)
    try:
        if story is None:
            return _offer_stories(request, mode, data)
        if mode == "paste":
            report = paste_article(
                story, headline=data["headline"], outlet=data["outlet"], text=data["text"]
            )
        elif mode == "upload":
            report = upload_articles(
                story, data["files"], outlet=data["outlet"], refused=data["refused"]
            )
        else:
            report = fetch_article(story, data["url"], outlet=data["outlet"])
    except UnreadableArticle as exc:
        return render(request, "articles/add_articles.html#result", {"error": str(exc)})
    duplicates = list(zip(report.duplicates, report.duplicate_reasons, strict=False))
    return render(
        request,
        "articles/add_articles.html#result",
        {"report": report, "story": story, "duplicates": duplicates},
    )


def _chosen_story(request, data) -> Story | None:
    if data.get("new_story"):
        return get_or_create_story(data["new_story"], data["new_story"])
    if data.get("story"):
        return data["story"]
    return story_by_slug(request.POST.get("suggested_story", ""))


def _offer_stories(request, mode: str, data):
    """No story chosen: suggest where the input belongs (UnreadableArticle if it cannot be read)."""
    if mode == "paste":
        suggestions = suggest_stories(data["text"])
    elif mode == "upload":
        suggestions = suggest_for_upload(data["files"])
    else:
        suggestions = suggest_for_page(data["url"])
    context = {"suggestions": suggestions, "mode": mode}
    return render(request, "articles/add_articles.html#result", context)


@login_required
@permission_required(ADD, raise_exception=True)
@require_POST
def add_feed(request, slug: str):
    story = get_object_or_404(Story, slug=slug)
    form = FeedForm(request.POST)
    if form.is_valid():
        follow_feed(story, form.cleaned_data["url"])
        messages.success(request, "Following the feed: new items will be added as they appear.")
    else:
        messages.error(request, " ".join(form.errors["url"]))
    return redirect(story)
