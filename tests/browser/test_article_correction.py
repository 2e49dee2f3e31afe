"""An editor corrects an article in the admin from a real browser; both revisions read right."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from articles.models import Article
from articles.reading import read_article_file
from articles.services import get_or_create_story, save_articles
from claims.services.extraction import extract_claims
from claims.services.review import record_verdict
from tests.conftest import user_with_role

pytestmark = pytest.mark.browser

QUOTE = "“It takes a great artist to create something exceptional,” Sarandos stated."
# Set to a folder to keep the pages' screenshots (they always go to the test's tmp_path).
SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")


def shot(page, tmp_path: Path, name: str) -> None:
    page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


def test_an_editor_corrects_an_article_and_both_revisions_say_which_is_current(
    page, live_server, transactional_db, django_user_model, sample_paths, tmp_path
):
    story = get_or_create_story("netflix-ai", "Netflix and AI")
    text = read_article_file(sample_paths[0])
    article = save_articles(story, [text], outlet="The Wire").created[0]
    extract_claims(article.pk)
    editor = user_with_role(django_user_model, "ed", "editor", is_staff=True)
    checked = article.claims.get(text=QUOTE)
    record_verdict(claim=checked, checked_by=editor, label="supported", rationale="On the call.")
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security" in m.text else 0)

    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "ed")
    page.fill("#id_password", "pw-ed-1")
    page.click("input[type=submit]")
    page.goto(live_server.url + f"/admin/articles/article/{article.pk}/change/")
    expect(page.locator("textarea[name=body]")).to_have_count(0)  # the text is read-only
    page.get_by_role("link", name="Correct the text…").first.click()
    expect(page.locator("#content-main")).to_contain_text("stays on revision 1")
    body = page.locator("textarea[name=body]")
    # The browser sends the text box back with CRLF line ends, as it always does.
    body.fill(body.input_value().replace("a 17% year-over-year", "a 16% year-over-year"))
    page.locator("textarea[name=note]").fill("Revenue growth was 16%, not 17%.")
    shot(page, tmp_path, "admin-correction-form")
    page.get_by_role("button", name="Save as revision 2").click()
    expect(page.locator(".messagelist")).to_contain_text("Saved revision 2")

    new = Article.objects.get(corrects=article)
    assert new.body == text.body.replace("a 17% year-over-year", "a 16% year-over-year")
    extract_claims(new.pk)
    page.goto(live_server.url + article.get_absolute_url())
    notice = page.locator(".article-text .notice.superseded")
    expect(notice).to_contain_text("Revision 1, superseded")
    expect(page.locator(f"#claim-{checked.pk}")).to_have_text(QUOTE + "Supported")
    page.locator(f"#claim-{checked.pk}").click()
    expect(page.locator("#claim-panel")).to_contain_text(
        "Checked on revision 1; the article has since been corrected."
    )
    shot(page, tmp_path, "old-revision-reading-page")
    notice.get_by_role("link").click()
    expect(page.locator(".article-text .notice.revision")).to_contain_text("Revision 2")
    assert page.locator(".article-text mark.claim").count() == new.claims.count()
    shot(page, tmp_path, "current-revision-reading-page")
    page.goto(live_server.url + story.get_absolute_url())
    expect(page.locator("#articles-table .revisions")).to_contain_text("revision 1 (1 checked)")
    shot(page, tmp_path, "story-page")
    page.goto(live_server.url + f"/admin/articles/article/{article.pk}/change/")
    expect(page.locator(".messagelist .warning")).to_contain_text("Revision 1, superseded")
    shot(page, tmp_path, "admin-superseded-revision")
    page.goto(live_server.url + f"/admin/articles/article/{new.pk}/change/")
    expect(page.locator("#article_form .help").first).to_contain_text("The text is read-only")
    shot(page, tmp_path, "admin-current-revision")
    assert violations == [], violations
