"""`manage.py load_sample` loads the five-outlet demo story once, however often it runs."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Story


@pytest.mark.django_db
def test_load_sample_creates_one_story_with_five_named_outlets():
    call_command("load_sample", stdout=StringIO())
    story = Story.objects.get(slug="netflix-generative-ai")
    assert story.description
    assert sorted(story.articles.values_list("outlet", flat=True)) == [
        "Aggregator blog",
        "Tech news brief",
        "TechCrunch",
        "Translated report",
        "Wire rewrite",
    ]


@pytest.mark.django_db
def test_load_sample_twice_adds_nothing_the_second_time():
    call_command("load_sample", stdout=StringIO())
    out = StringIO()
    call_command("load_sample", stdout=out)
    assert Article.objects.count() == 5
    assert "0 added, 5 duplicate" in out.getvalue()


@pytest.mark.django_db
def test_demo_users_command_prints_three_logins_that_work(client):
    out = StringIO()
    call_command("create_demo_users", stdout=out)
    for username, role in [
        ("reporter", "reporter"),
        ("checker", "fact-checker"),
        ("editor", "editor"),
    ]:
        assert (
            f"Demo {role}: username '{username}', password '{username}-factdesk'" in out.getvalue()
        )
        login = {"username": username, "password": f"{username}-factdesk"}
        assert client.post(reverse("login"), login).status_code == 302
        client.logout()
    call_command("create_demo_users", stdout=StringIO())  # again: resets, adds nothing
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.count() == 3
