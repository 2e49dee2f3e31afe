"""factory_boy factories for the FactDesk models."""

import factory
from django.contrib.auth import get_user_model

from articles.models import Article, Story
from articles.reading import content_hash
from claims.models import Claim, ClaimKind


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("pw-factdesk-1")


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story

    slug = factory.Sequence(lambda n: f"story-{n}")
    title = factory.Sequence(lambda n: f"Story {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    story = factory.SubFactory(StoryFactory)
    headline = factory.Sequence(lambda n: f"Headline {n}")
    outlet = "Test Outlet"
    origin = factory.Sequence(lambda n: f"article-{n}.txt")
    body = factory.Sequence(
        lambda n: (
            f"Netflix reported $11.5 billion in revenue, up 17% in quarter {n}. "
            '"We are all in," CEO Ted Sarandos said.'
        )
    )
    content_hash = factory.LazyAttribute(lambda a: content_hash(a.body))


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    start = 0
    end = factory.LazyAttribute(lambda c: c.article.body.index(". ") + 1)
    text = factory.LazyAttribute(lambda c: c.article.body[c.start : c.end])
    kind = ClaimKind.STATISTIC
    checkworthiness = 0.8
