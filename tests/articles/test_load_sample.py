"""`manage.py load_sample` loads the five-outlet demo story once, however often it runs."""

from io import StringIO

import pytest
from django.core.management import call_command

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
def test_demo_user_command_prints_a_login_that_works(client):
    out = StringIO()
    call_command("create_demo_user", stdout=out)
    assert "username 'demo', password 'factdesk-demo'" in out.getvalue()
    assert client.login(username="demo", password="factdesk-demo")
