"""The admin's own views take hostile request values with a clear answer, never a 500."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from claims.models import Claim
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_superuser("boss", password="pw-boss-1"))
    return client


NUL_GETS = [
    ("admin:claims_claim_changelist", {"kind": "quote\x00"}),
    ("admin:claims_claim_changelist", {"story": "a\x00b"}),
    ("admin:claims_claim_changelist", {"outlet": "a\x00b"}),
    ("admin:claims_claim_changelist", {"q": "Netflix\x00"}),
    ("admin:articles_article_changelist", {"outlet": "Reuters\x00"}),
    ("admin:articles_article_changelist", {"extraction_status": "\x00"}),
    ("admin:claims_claimevent_changelist", {"action": "verdict\x00"}),
    ("admin:autocomplete", {"term": "a\x00b", "app_label": "articles", "model_name": "article",
                            "field_name": "story"}),
]  # fmt: skip


@pytest.mark.parametrize(("name", "query"), NUL_GETS, ids=lambda v: str(v)[:40])
def test_a_nul_character_in_an_admin_filter_or_search_is_refused_with_a_message(
    superuser_client, name, query
):
    ClaimFactory()
    response = superuser_client.get(reverse(name), query)
    assert response.status_code == 400
    assert "null character" in response.text


def test_a_nul_character_in_an_admin_form_post_is_refused_and_changes_nothing(superuser_client):
    claim = ClaimFactory()
    url = reverse("admin:claims_claim_changelist")
    data = {"action": "export_csv", "_selected_action": [str(claim.pk)], "index": "0\x00"}
    assert superuser_client.post(url, data).status_code == 400


def registered_models_with_actions():
    for model in apps.get_models():
        if admin.site.is_registered(model):
            model_admin = admin.site.get_model_admin(model)
            if model_admin.get_actions(_request_for(model_admin)):
                yield model


def _request_for(model_admin):
    from django.contrib.auth.models import User
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    return request


@pytest.mark.parametrize("bad_id", ["abc", "1\x00", "", "9" * 40, "-1.5"])
@pytest.mark.parametrize("model", list(registered_models_with_actions()), ids=str)
def test_an_admin_action_on_rows_that_are_no_ids_is_refused_with_a_message(
    superuser_client, model, bad_id
):
    ClaimFactory()
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    model_admin = admin.site.get_model_admin(model)
    for action in model_admin.get_actions(_request_for(model_admin)):
        before = model.objects.count()
        data = {"action": action, "_selected_action": ["1", bad_id], "index": "0"}
        response = superuser_client.post(url, data)
        assert response.status_code in (302, 400), (action, response.status_code)
        assert model.objects.count() == before


def test_a_refused_selection_says_why_on_the_list(superuser_client):
    claim = ClaimFactory()
    url = reverse("admin:claims_claim_changelist")
    data = {"action": "export_csv", "_selected_action": [str(claim.pk), "abc"], "index": "0"}
    response = superuser_client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "not rows of this list" in response.text
    assert Claim.objects.filter(pk=claim.pk).exists()
