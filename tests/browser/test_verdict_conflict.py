"""Two people on one claim in real browsers: the second save is shown a conflict, not lost."""

import pytest
from playwright.sync_api import expect

from claims.models import Verdict
from tests.browser.desk import log_in
from tests.conftest import user_with_role

pytestmark = pytest.mark.browser


def open_panel(page, live_server, claim):
    page.goto(live_server.url + claim.article.get_absolute_url())
    page.locator(f"#claim-{claim.pk}").click()
    panel = page.locator("#claim-panel")
    expect(panel).to_have_attribute("data-claim", str(claim.pk))
    return panel


def save(panel, label: str, rationale: str) -> None:
    panel.get_by_label(label).check()
    panel.get_by_label("Rationale").fill(rationale)
    panel.get_by_role("button", name="Save verdict").click()


def test_a_verdict_saved_meanwhile_shows_a_conflict_and_a_deliberate_resave_goes_through(
    new_page, live_server, sample_story, django_user_model
):
    user_with_role(django_user_model, "checker", "fact-checker")
    user_with_role(django_user_model, "editor", "editor")
    claim = sample_story.articles.get(origin__startswith="001_").claims.first()
    checker, editor = new_page(), new_page()
    log_in(checker, live_server, "checker")
    log_in(editor, live_server, "editor")
    checker_panel = open_panel(checker, live_server, claim)
    editor_panel = open_panel(editor, live_server, claim)

    save(editor_panel, "Supported", "The filing says so.")
    expect(editor_panel.get_by_role("status")).to_have_text("Verdict saved.")

    save(checker_panel, "Erroneous", "The figure is wrong.")
    conflict = checker_panel.get_by_role("alert")
    expect(conflict).to_contain_text("editor changed this claim while you were working")
    expect(conflict).to_contain_text("The filing says so.")
    # What the checker typed is still there, and nothing of theirs was written.
    expect(checker_panel.get_by_label("Rationale")).to_have_value("The figure is wrong.")
    assert list(Verdict.objects.filter(claim=claim).values_list("label", flat=True)) == [
        "supported"
    ]

    checker_panel.get_by_role("button", name="Save verdict").click()
    expect(checker_panel.get_by_role("status")).to_have_text("Verdict saved.")
    assert Verdict.objects.filter(claim=claim).latest().label == "erroneous"


def test_a_save_updates_the_history_and_keeps_a_half_written_comment(
    page, live_server, sample_story, django_user_model
):
    user_with_role(django_user_model, "checker", "fact-checker")
    log_in(page, live_server, "checker")
    claim = sample_story.articles.get(origin__startswith="002_").claims.first()
    panel = open_panel(page, live_server, claim)
    comment = panel.get_by_placeholder("Comment for the desk")
    comment.fill("Ask the wire desk which figure they had.")

    save(panel, "Varied", "Two outlets round it differently.")
    expect(panel.get_by_role("status")).to_have_text("Verdict saved.")
    expect(panel.locator("#verdict-history")).to_contain_text("Two outlets round it differently.")
    expect(panel.locator("header [data-claim-badge]")).to_have_text("Varied")
    expect(comment).to_have_value("Ask the wire desk which figure they had.")

    panel.get_by_text("History of changes").click()
    expect(panel.locator(".audit-trail")).to_contain_text("Verdict recorded by checker")
