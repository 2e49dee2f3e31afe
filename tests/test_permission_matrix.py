"""Every screen and htmx endpoint, for every role: allowed, or refused with 403."""

import pytest
from django.urls import reverse

from articles.services import ingest_files
from claims.models import Claim
from claims.services.clusters import match_story
from claims.services.extraction import extract_claims
from tests.conftest import user_with_role

ROLES = ["reporter", "fact-checker", "editor"]
HTMX = {"HTTP_HX_REQUEST": "true"}
OK = (200, 302)


@pytest.fixture
def desk(db, sample_paths, django_user_model):
    # Two outlets are enough to have clusters to move between, and keep this fast.
    story = ingest_files([sample_paths[0], sample_paths[4]], "desk").story
    for article in story.articles.all():
        extract_claims(article.pk)
    match_story(story.pk)
    users = {
        role: user_with_role(
            django_user_model, role.replace("-", ""), role, is_staff=role == "editor"
        )
        for role in ROLES
    }
    users["nobody"] = django_user_model.objects.create_user("nobody", password="pw-nobody-1")
    claim = Claim.objects.filter(article__story=story, kind="quote").first()
    return story, claim, users


def reads(story, claim):
    article = claim.article
    return [
        reverse("story-list"),
        reverse("queue"),
        story.get_absolute_url(),
        reverse("story-claims", args=[story.slug]),
        reverse("story-compare", args=[story.slug]),
        article.get_absolute_url(),
        reverse("article-status", args=[article.pk]),
        claim.get_absolute_url(),
    ]


def writes(story, claim, checker):
    """(name, url, data, roles allowed)"""
    other = Claim.objects.filter(article__story=story).exclude(cluster=claim.cluster).first()
    return [
        (
            "verdict",
            reverse("claim-verdict", args=[claim.pk]),
            {"label": "varied", "rationale": "Wording differs."},
            {"fact-checker", "editor"},
        ),
        ("take", reverse("claim-take", args=[claim.pk]), {}, {"fact-checker", "editor"}),
        (
            "comment",
            reverse("claim-comment", args=[claim.pk]),
            {"text": "Check the letter."},
            {"fact-checker", "editor"},
        ),
        ("split", reverse("claim-split", args=[claim.pk]), {}, {"fact-checker", "editor"}),
        (
            "move",
            reverse("claim-move", args=[claim.pk]),
            {"cluster": other.cluster_id},
            {"fact-checker", "editor"},
        ),
        (
            "assign",
            reverse("claim-assign", args=[claim.pk]),
            {"assignee": checker.pk},
            {"editor"},
        ),
        (
            "review",
            reverse("claim-review", args=[claim.pk]),
            {"step": "send_back", "comment": "Redo."},
            {"editor"},
        ),
        ("reextract", reverse("article-reextract", args=[claim.article_id]), {}, {"editor"}),
        (
            "assign story",
            reverse("story-assign", args=[story.slug]),
            {"assignee": checker.pk},
            {"editor"},
        ),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_can_read_every_screen(client, desk, role):
    story, claim, users = desk
    client.force_login(users[role])
    for url in reads(story, claim):
        assert client.get(url).status_code == 200, url


def test_a_user_without_a_role_is_refused_every_screen(client, desk):
    story, claim, users = desk
    client.force_login(users["nobody"])
    for url in reads(story, claim):
        assert client.get(url).status_code == 403, url


def test_anonymous_users_are_sent_to_log_in_everywhere(client, desk):
    story, claim, users = desk
    for url in reads(story, claim):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url
    for _, url, data, _ in writes(story, claim, users["fact-checker"]):
        response = client.post(url, data, **HTMX)
        assert response.status_code == 302 and "/login/" in response["Location"], url


@pytest.mark.parametrize("role", [*ROLES, "nobody"])
def test_each_write_is_allowed_exactly_for_its_roles(client, desk, role):
    story, claim, users = desk
    client.force_login(users[role])
    for name, url, data, allowed in writes(story, claim, users["fact-checker"]):
        status = client.post(url, data, **HTMX).status_code
        if role in allowed:
            assert status in OK, (name, role, status)
        else:
            assert status == 403, (name, role, status)


def test_a_checker_cannot_record_a_verdict_on_a_claim_assigned_to_someone_else(
    client, desk, django_user_model
):
    _story, claim, users = desk
    colleague = user_with_role(django_user_model, "colleague", "fact-checker")
    claim.assignee = colleague
    claim.save(update_fields=["assignee"])
    client.force_login(users["fact-checker"])
    response = client.post(
        reverse("claim-verdict", args=[claim.pk]),
        {"label": "supported", "rationale": "x"},
        **HTMX,
    )
    assert response.status_code == 403
    assert not claim.verdicts.exists()


@pytest.mark.parametrize(
    ("role", "status"), [("reporter", 302), ("fact-checker", 302), ("editor", 200)]
)
def test_only_staff_editors_reach_the_admin(client, desk, role, status):
    _story, _claim, users = desk
    client.force_login(users[role])
    assert client.get(reverse("admin:index")).status_code == status
