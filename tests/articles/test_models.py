"""Database rules on stories and articles hold even when code forgets them."""

import pytest
from django.db import IntegrityError

from tests.factories import ArticleFactory


@pytest.mark.django_db
def test_an_article_body_cannot_be_empty():
    with pytest.raises(IntegrityError):
        ArticleFactory(body="", content_hash="x")


@pytest.mark.django_db
def test_one_story_cannot_hold_the_same_text_twice():
    first = ArticleFactory()
    with pytest.raises(IntegrityError):
        ArticleFactory(story=first.story, body=first.body)


@pytest.mark.django_db
def test_two_stories_may_hold_the_same_text():
    first = ArticleFactory()
    second = ArticleFactory(body=first.body)
    assert first.content_hash == second.content_hash
