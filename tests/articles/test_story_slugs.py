"""Story titles of any length get a slug that fits its column and names one story."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.models import Story
from articles.services import get_or_create_story

HTMX = {"HTTP_HX_REQUEST": "true"}
LONG_TITLE = (
    "Harbour authority confirms that the long-delayed dredging of the northern channel, "
    "first promised in 2019, will finally begin next spring after the city council "
    "approved the revised budget on Tuesday evening"
)


def test_a_long_title_from_the_desk_starts_a_story_with_a_short_slug(client, reporter):
    client.force_login(reporter)
    response = client.post(
        reverse("submit-articles", args=["paste"]),
        {"text": "Dredging\nThe dredging will cost $12 million.", "new_story": LONG_TITLE},
        **HTMX,
    )
    assert response.status_code == 200 and "Added to" in response.text
    story = Story.objects.get()
    assert story.title == LONG_TITLE
    assert len(story.slug) <= 100
    assert story.slug.startswith("harbour-authority-confirms-that-the-long-delayed-dredging")
    assert client.get(story.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_the_same_long_title_twice_finds_the_same_story():
    first = get_or_create_story(LONG_TITLE, LONG_TITLE)
    assert get_or_create_story(LONG_TITLE, LONG_TITLE) == first
    assert Story.objects.count() == 1


@pytest.mark.django_db
def test_two_long_titles_that_start_alike_make_two_stories():
    first = get_or_create_story(LONG_TITLE, LONG_TITLE)
    second = get_or_create_story(LONG_TITLE + " (update)", LONG_TITLE + " (update)")
    assert first != second
    assert first.slug != second.slug and len(second.slug) <= 100


@pytest.mark.django_db
def test_a_slug_that_fits_is_kept_as_it_is():
    assert get_or_create_story("Netflix earnings", "Netflix earnings").slug == "netflix-earnings"


@pytest.mark.django_db
def test_ingest_with_a_long_story_slug_and_no_title_saves_the_story(sample_paths):
    slug = "-".join(["harbour"] * 30)  # 239 characters
    call_command("ingest", str(sample_paths[0]), "--story", slug, stdout=StringIO())
    story = Story.objects.get()
    assert len(story.slug) <= 100 and story.articles.count() == 1
    assert story.title.startswith("Harbour harbour")


@pytest.mark.django_db
def test_ingest_with_a_title_longer_than_the_column_is_refused_with_a_message(sample_paths):
    with pytest.raises(CommandError, match="The story title is 400 characters long; the limit"):
        call_command(
            "ingest", str(sample_paths[0]), "--story", "port", "--title", "x" * 400,
            stdout=StringIO(),
        )  # fmt: skip
    assert not Story.objects.exists()
