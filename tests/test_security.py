"""Production settings pass Django's deployment checks; CSRF guards every htmx POST."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ClaimFactory

REPO = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "DEBUG": "0",
    "FACTDESK_HTTPS": "1",
    "SECRET_KEY": "a-long-random-production-key-" + "x9Qz" * 12,
    "ALLOWED_HOSTS": "factdesk.example.org",
    "SECURE_HSTS_PRELOAD": "1",
}


def run_check(env_overrides: dict) -> subprocess.CompletedProcess:
    # The test run sets DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; production never does.
    skip = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update(env_overrides, DJANGO_SETTINGS_MODULE="factdesk.settings")
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO, env=env, capture_output=True, text=True,
    )  # fmt: skip


def test_production_settings_pass_the_deployment_checks():
    result = run_check(PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_development_defaults_do_not_pass_them():
    result = run_check({"DEBUG": "1"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stdout + result.stderr


POSTS = [
    ("claim-verdict", {"label": "supported", "rationale": "ok"}),
    ("claim-take", {}),
    ("claim-comment", {"text": "hello"}),
    ("claim-split", {}),
]


@pytest.mark.parametrize(("name", "data"), POSTS)
def test_an_htmx_post_without_the_csrf_token_is_refused(checker, name, data):
    claim = ClaimFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(checker)
    response = client.post(reverse(name, args=[claim.pk]), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.version == 0 and claim.assignee is None and not claim.comments.exists()


def test_the_same_post_with_the_token_from_the_page_goes_through(checker):
    claim = ClaimFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(checker)
    page = client.get(claim.get_absolute_url())
    token = page.cookies["csrftoken"].value
    response = client.post(
        reverse("claim-take", args=[claim.pk]), HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.assignee == checker


def test_pages_send_the_protective_headers(checker_client):
    response = checker_client.get(reverse("story-list"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.fixture
def clean_cache(settings):
    # A private in-memory cache: clearing the shared Redis one would also empty the
    # Celery queue that lives in the same database.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"login-test-{uuid.uuid4()}",  # locmem caches share state by name
        }
    }


def test_repeated_failed_logins_are_locked_out_even_with_the_right_password(
    client, checker, clean_cache, settings
):
    url = reverse("login")
    for _ in range(settings.LOGIN_MAX_FAILURES):
        response = client.post(url, {"username": "checker", "password": "wrong"})
        assert response.status_code == 200
    locked = client.post(url, {"username": "checker", "password": "pw-checker-1"})
    assert locked.status_code == 429
    assert "Too many failed attempts" in locked.text
    assert "_auth_user_id" not in client.session


def test_a_lockout_for_one_user_does_not_block_another(
    client, checker, editor, clean_cache, settings
):
    url = reverse("login")
    for _ in range(settings.LOGIN_MAX_FAILURES):
        client.post(url, {"username": "checker", "password": "wrong"})
    response = client.post(url, {"username": "editor", "password": "pw-editor-1"})
    assert response.status_code == 302


def test_a_successful_login_clears_earlier_failures(client, checker, clean_cache, settings):
    url = reverse("login")
    for _ in range(settings.LOGIN_MAX_FAILURES - 1):
        client.post(url, {"username": "checker", "password": "wrong"})
    assert client.post(url, {"username": "checker", "password": "pw-checker-1"}).status_code == 302
    client.logout()
    for _ in range(settings.LOGIN_MAX_FAILURES - 1):
        client.post(url, {"username": "checker", "password": "wrong"})
    assert client.post(url, {"username": "checker", "password": "pw-checker-1"}).status_code == 302
