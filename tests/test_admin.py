"""Every model is curated in the admin: lists, filters, search and change pages render."""

import pytest
from django.urls import reverse

from articles.models import Feed
from claims.services.review import record_verdict
from tests.factories import ClaimFactory, UserFactory

MODELS = [
    "articles_story",
    "articles_article",
    "claims_claim",
    "claims_verdict",
    "claims_claimevent",
    "articles_feed",
]


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "e@x.org", "pw-e-1"))
    return client


@pytest.fixture
def verdict(db):
    claim = ClaimFactory(speaker="Ted Sarandos")
    for n in range(3):
        ClaimFactory(article=claim.article, start=n + 1, end=n + 6)
    return record_verdict(
        claim=claim, checked_by=UserFactory(), label="erroneous", rationale="Wrong title."
    )


@pytest.mark.parametrize("model", MODELS)
def test_changelist_renders_with_search_and_filters_in_bounded_queries(
    editor_client, verdict, model, django_assert_max_num_queries
):
    url = reverse(f"admin:{model}_changelist")
    with django_assert_max_num_queries(12):
        response = editor_client.get(url, {"q": "Netflix"})
    assert response.status_code == 200
    assert 'id="changelist-search"' in response.text
    assert editor_client.get(url).status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_change_page_renders(editor_client, verdict, model):
    objects = {
        "articles_story": verdict.claim.article.story,
        "articles_article": verdict.claim.article,
        "claims_claim": verdict.claim,
        "claims_verdict": verdict,
        "claims_claimevent": verdict.claim.events.first(),
        "articles_feed": Feed.objects.create(
            story=verdict.claim.article.story, url="https://example.org/feed"
        ),
    }
    url = reverse(f"admin:{model}_change", args=[objects[model].pk])
    assert editor_client.get(url).status_code == 200


def test_claim_change_page_shows_the_verdict_history(editor_client, verdict):
    response = editor_client.get(reverse("admin:claims_claim_change", args=[verdict.claim.pk]))
    assert "Wrong title." in response.text


def test_verdicts_cannot_be_edited_in_the_admin(editor_client, verdict):
    url = reverse("admin:claims_verdict_change", args=[verdict.pk])
    editor_client.post(url, {"label": "supported", "rationale": "rewritten"})
    verdict.refresh_from_db()
    assert (verdict.label, verdict.rationale) == ("erroneous", "Wrong title.")


def test_claim_list_filters_by_verdict(editor_client, verdict):
    url = reverse("admin:claims_claim_changelist")
    response = editor_client.get(url, {"latest_verdict__label": "erroneous"})
    assert response.context["cl"].result_count == 1


def test_rematch_action_queues_matching_for_each_selected_story(
    editor_client, verdict, django_capture_on_commit_callbacks
):
    story = verdict.claim.article.story
    with django_capture_on_commit_callbacks() as callbacks:
        response = editor_client.post(
            reverse("admin:articles_story_changelist"),
            {"action": "rematch", "index": 0, "_selected_action": [story.pk]},
            follow=True,
        )
    assert "Queued matching for 1 story." in response.text
    assert len(callbacks) == 1


def test_marking_a_primary_source_in_the_admin_rechecks_the_story(
    editor_client, verdict, django_capture_on_commit_callbacks
):
    article = verdict.claim.article
    url = reverse("admin:articles_article_change", args=[article.pk])
    form = editor_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "is_primary_source"}
    data.update(story=article.story_id, is_primary_source="on")
    # The read-only claims inline still posts its management form.
    data.update({"claims-TOTAL_FORMS": 0, "claims-INITIAL_FORMS": 0})
    with django_capture_on_commit_callbacks() as callbacks:
        response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.is_primary_source
    assert len(callbacks) == 1


def test_claim_change_page_shows_comments_and_the_audit_trail(editor_client, verdict):
    from claims.services.review import add_comment

    add_comment(claim=verdict.claim, author=verdict.checked_by, text="Second source?")
    response = editor_client.get(reverse("admin:claims_claim_change", args=[verdict.claim.pk]))
    assert "Second source?" in response.text
    assert "Verdict recorded" in response.text and "Commented" in response.text


def test_the_audit_trail_cannot_be_edited_or_deleted_in_the_admin(editor_client, verdict):
    event = verdict.claim.events.get()
    change = reverse("admin:claims_claimevent_change", args=[event.pk])
    delete = reverse("admin:claims_claimevent_delete", args=[event.pk])
    editor_client.post(change, {"action": "sign_off"})
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    event.refresh_from_db()
    assert event.action == "verdict"
