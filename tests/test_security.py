"""Production settings pass Django's deployment checks; CSRF guards every htmx POST."""

import os
import re
import secrets
import subprocess
import sys
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


def documented_production_environment() -> dict:
    """The environment file in docs/operations.md, with a real secret for its placeholder."""
    page = (REPO / "docs" / "operations.md").read_text(encoding="utf-8")
    block = re.search(r"```env\n(.*?)```", page, re.S)
    assert block, "docs/operations.md has no ```env block"
    variables = dict(line.split("=", 1) for line in block.group(1).splitlines() if line.strip())
    assert variables["SECRET_KEY"].startswith("<"), "the page should not publish a secret"
    return {**variables, "SECRET_KEY": secrets.token_urlsafe(50)}


def test_the_documented_production_environment_passes_the_deployment_checks():
    environment = documented_production_environment()
    assert "SECURE_HSTS_PRELOAD" not in environment
    result = run_check(environment)
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
