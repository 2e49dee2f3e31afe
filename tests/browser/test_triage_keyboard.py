"""Keyboard triage in the queue, and an editor's sign-off reaching a checker's open queue."""

import re

import pytest
from playwright.sync_api import expect

from claims.models import OPEN_STATES, Claim, ClaimEvent, Verdict
from tests.browser.desk import log_in
from tests.conftest import user_with_role

pytestmark = pytest.mark.browser

POLL_TIMEOUT = 12_000  # the queue results poll every 5 s


def row(page, claim_id):
    return page.locator(f"tr.queue-row[data-claim-id='{claim_id}']")


def row_ids(page):
    return [
        int(i)
        for i in page.locator("tr.queue-row").evaluate_all(
            "rows => rows.map(row => row.dataset.claimId)"
        )
    ]


def test_checker_triages_three_claims_by_keyboard(
    page, live_server, sample_story, django_user_model
):
    checker = user_with_role(django_user_model, "checker", "fact-checker")
    log_in(page, live_server, "checker")
    page.goto(live_server.url + "/queue/")
    expect(page.get_by_role("heading", name="Review queue")).to_be_visible()

    # The rows are the open claims in check-worthiness order.
    expected_order = list(
        Claim.objects.filter(review_state__in=OPEN_STATES)
        .order_by("-checkworthiness", "id")
        .values_list("pk", flat=True)[:25]
    )
    ids = row_ids(page)
    assert ids == expected_order
    assert len(ids) >= 4
    page.evaluate("window.__factdeskNoReload = true")

    panel = page.locator("#claim-panel")
    page.keyboard.press("j")
    expect(row(page, ids[0])).to_have_class(re.compile(r"\bselected\b"))
    expect(panel).to_have_attribute("data-claim", str(ids[0]))

    choices = [
        ("1", "supported", "Supported"),
        ("2", "varied", "Varied"),
        ("3", "erroneous", "Erroneous"),
    ]
    for index, (key, label, display) in enumerate(choices):
        claim_id = ids[index]
        expect(panel).to_have_attribute("data-claim", str(claim_id))
        page.keyboard.press(key)
        expect(panel.locator(f"input[name=label][value={label}]")).to_be_checked()
        page.keyboard.press("e")
        rationale = panel.get_by_label("Rationale")
        expect(rationale).to_be_focused()
        page.keyboard.type(f"Keyboard verdict {index + 1}: compared all five outlets.")
        page.keyboard.press("Control+Enter")

        # The next claim opens by itself; the saved one shows its verdict in the queue.
        expect(row(page, ids[index + 1])).to_have_class(re.compile(r"\bselected\b"))
        expect(row(page, claim_id)).not_to_have_class(re.compile(r"\bselected\b"))
        expect(panel).to_have_attribute("data-claim", str(ids[index + 1]))
        expect(row(page, claim_id).locator(f"[data-claim-badge='{claim_id}']")).to_have_text(
            display
        )
        expect(row(page, claim_id).locator(f"[data-claim-state='{claim_id}']")).to_have_text(
            "In review"
        )

    # k goes back up to the last claim triaged, whose panel shows the verdict.
    page.keyboard.press("k")
    expect(row(page, ids[2])).to_have_class(re.compile(r"\bselected\b"))
    expect(row(page, ids[3])).not_to_have_class(re.compile(r"\bselected\b"))
    expect(panel).to_have_attribute("data-claim", str(ids[2]))
    expect(panel.locator(".history .badge-erroneous")).to_have_text("Erroneous")

    help_dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(help_dialog).to_be_hidden()
    page.keyboard.press("?")
    expect(help_dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(help_dialog).to_be_hidden()
    page.keyboard.press("?")
    expect(help_dialog).to_be_visible()
    help_dialog.get_by_role("button", name="Close").click()
    expect(help_dialog).to_be_hidden()

    assert page.evaluate("window.__factdeskNoReload") is True
    verdicts = Verdict.objects.order_by("created_at")
    assert [(v.claim_id, v.label, v.checked_by_id) for v in verdicts] == [
        (ids[0], "supported", checker.pk),
        (ids[1], "varied", checker.pk),
        (ids[2], "erroneous", checker.pk),
    ]
    assert [v.rationale for v in verdicts] == [
        f"Keyboard verdict {n}: compared all five outlets." for n in (1, 2, 3)
    ]
    in_review = Claim.objects.filter(review_state="in_review").values_list("pk", flat=True)
    assert sorted(in_review) == sorted(ids[:3])


def test_editor_signs_off_in_a_second_browser_while_the_checkers_queue_updates(
    new_page, live_server, sample_story, django_user_model
):
    user_with_role(django_user_model, "checker", "fact-checker")
    editor = user_with_role(django_user_model, "editor", "editor")
    checker_page = new_page()
    editor_page = new_page()

    # The checker keeps a queue of every state open, so signed-off claims stay listed.
    log_in(checker_page, live_server, "checker")
    checker_page.goto(live_server.url + "/queue/?assignee=anyone&state=")
    claim = Claim.objects.get(pk=row_ids(checker_page)[0])
    checker_page.evaluate("window.__factdeskNoReload = true")
    checker_row = row(checker_page, claim.pk)
    state = checker_row.locator(f"[data-claim-state='{claim.pk}']")
    expect(state).to_have_text("To check")

    checker_page.keyboard.press("j")
    panel = checker_page.locator("#claim-panel")
    expect(panel).to_have_attribute("data-claim", str(claim.pk))
    checker_page.keyboard.press("2")
    checker_page.keyboard.press("e")
    checker_page.keyboard.type("Two outlets round the figure differently.")
    checker_page.keyboard.press("Control+Enter")
    expect(state).to_have_text("In review")

    log_in(editor_page, live_server, "editor")
    editor_page.goto(live_server.url + "/queue/?assignee=anyone&state=in_review")
    assert row_ids(editor_page) == [claim.pk]
    row(editor_page, claim.pk).click()
    editor_panel = editor_page.locator("#claim-panel")
    expect(editor_panel).to_have_attribute("data-claim", str(claim.pk))
    editor_panel.get_by_role("button", name="Sign off").click()
    expect(editor_panel.get_by_role("status")).to_have_text("Signed off.")
    expect(editor_panel).to_contain_text("signed off by editor")

    # The checker never reloads: the 5 s poll brings the editor's sign-off in.
    expect(state).to_have_text("Signed off", timeout=POLL_TIMEOUT)
    expect(checker_row.locator(f"[data-claim-badge='{claim.pk}']")).to_have_text("Varied")
    assert checker_page.evaluate("window.__factdeskNoReload") is True

    claim.refresh_from_db()
    assert claim.review_state == "signed_off"
    assert claim.signed_off_by == editor
    assert ClaimEvent.objects.filter(claim=claim, action="sign_off", actor=editor).count() == 1
