"""A checker compares outlets' versions in the claim panel and splits a cluster, in a browser."""

import re

import pytest
from playwright.sync_api import expect

from claims.models import Claim
from claims.services.clusters import match_story
from tests.conftest import user_with_role

pytestmark = pytest.mark.browser


def test_checker_sees_changed_words_and_splits_a_version_off(
    page, live_server, sample_story, django_user_model
):
    match_story(sample_story.pk)
    user_with_role(django_user_model, "checker", "fact-checker")
    quote = Claim.objects.get(
        article__story=sample_story,
        article__origin__startswith="000_",
        text__contains="It takes a great artist",
    )
    page.goto(live_server.url + quote.article.get_absolute_url())
    page.fill("#id_username", "checker")
    page.fill("#id_password", "pw-checker-1")
    page.click("button[type=submit]")

    page.locator(f"#claim-{quote.pk}").click()
    panel = page.locator("#claim-panel")
    versions = panel.get_by_role("region", name="Across outlets")
    expect(panel.locator(".suggestion")).to_contain_text("Suggested: varied")
    expect(versions.locator("tr.current del").first).to_be_visible()
    expect(versions.locator("tr.current ins").first).to_be_visible()
    outlets = quote.cluster.claims.count()
    expect(versions.locator("tr")).to_have_count(outlets)

    versions.get_by_role("button", name="Split off").click()
    expect(panel.get_by_role("status")).to_have_text("Split into a cluster of its own.")
    expect(panel).to_contain_text(re.compile("Only this outlet makes this claim"))
    quote.refresh_from_db()
    assert quote.cluster.claims.count() == 1
    assert quote.cluster.curated
