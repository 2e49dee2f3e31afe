"""A fact-checker records a verdict in a real browser, without a page reload."""

import re

import pytest
from playwright.sync_api import expect

from claims.models import Verdict
from tests.browser.desk import log_in
from tests.conftest import user_with_role

pytestmark = pytest.mark.browser


def test_checker_records_a_verdict_and_the_badge_updates_without_reload(
    page, live_server, sample_story, django_user_model
):
    user_with_role(django_user_model, "checker", "fact-checker")
    log_in(page, live_server, "checker")

    page.get_by_role("link", name="Netflix and AI").click()
    page.get_by_role("link", name=re.compile("Netflix Embraces Generative AI")).click()
    marks = page.locator("mark.claim")
    expect(marks.first).to_be_visible()
    article = sample_story.articles.get(origin__startswith="000_")
    assert marks.count() == article.claims.count()

    # A marker on window survives only if the page is never reloaded.
    page.evaluate("window.__factdeskNoReload = true")
    claim = article.claims.filter(text__contains="$11.5 billion").get()
    page.locator(f"#claim-{claim.pk}").click()
    panel = page.locator("#claim-panel")
    expect(panel.locator("blockquote")).to_have_text(claim.text)

    panel.get_by_label("Varied").check()
    panel.get_by_label("Rationale").fill("Four outlets agree on $11.5 billion; one omits it.")
    panel.get_by_label("Evidence links").fill("https://ir.netflix.net/")
    panel.get_by_role("button", name="Save verdict").click()

    expect(panel.get_by_role("status")).to_have_text("Verdict saved.")
    badge = page.locator(f"#claim-{claim.pk} [data-claim-badge='{claim.pk}']")
    expect(badge).to_have_text("Varied")
    expect(page.locator(f"#claim-{claim.pk}")).to_have_class(re.compile("verdict-varied"))
    expect(page.locator(f".claim-list [data-claim-badge='{claim.pk}']")).to_have_text("Varied")
    assert page.evaluate("window.__factdeskNoReload") is True

    verdict = Verdict.objects.get(claim=claim)
    assert verdict.label == "varied"
    assert verdict.evidence == ["https://ir.netflix.net/"]
    assert verdict.checked_by.username == "checker"


def test_an_incomplete_verdict_shows_errors_in_place_and_saves_nothing(
    page, live_server, sample_story, django_user_model
):
    user_with_role(django_user_model, "checker", "fact-checker")
    log_in(page, live_server, "checker")
    claim = sample_story.articles.get(origin__startswith="004_").claims.first()
    page.goto(live_server.url + claim.article.get_absolute_url())
    page.locator(f"#claim-{claim.pk}").click()
    panel = page.locator("#claim-panel")
    panel.get_by_label("Supported").check()
    panel.get_by_label("Rationale").fill("   ")
    panel.get_by_label("Evidence links").fill("ir.netflix.net without a scheme")
    panel.get_by_role("button", name="Save verdict").click()
    expect(panel.get_by_text("Write a short rationale for the verdict.")).to_be_visible()
    expect(panel.get_by_text("Not a web link (http or https)")).to_be_visible()
    # The checker's choice survives the round trip so nothing has to be redone.
    expect(panel.get_by_label("Supported")).to_be_checked()
    assert not Verdict.objects.exists()
