"""Under a strict Content-Security-Policy the desk still works, and article text stays inert."""

import re

import pytest
from playwright.sync_api import expect

from articles.reading import ArticleText
from articles.services import get_or_create_story, save_articles
from claims.services.extraction import extract_claims
from tests.conftest import user_with_role

pytestmark = pytest.mark.browser

HOSTILE = (
    "Netflix reported $11.5 billion in revenue, up 17%, CEO Ted Sarandos said on Tuesday. "
    "<script>window.__pwned = 1</script> "
    '<img src=x onerror="window.__pwned = 2"> the company said its revenue rose 17% in Q3.'
)


def test_the_desk_works_under_csp_and_hostile_article_text_never_runs(
    page, live_server, transactional_db, django_user_model
):
    story = get_or_create_story("hostile", "Hostile story")
    hostile = ArticleText("Hostile <b>headline</b>", HOSTILE, "h.txt")
    article = save_articles(story, [hostile]).created[0]
    extract_claims(article.pk)
    user_with_role(django_user_model, "checker", "fact-checker")
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security" in m.text else 0)

    response = page.goto(live_server.url + article.get_absolute_url())
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.fill("#id_username", "checker")
    page.fill("#id_password", "pw-checker-1")
    page.click("button[type=submit]")

    body = page.locator(".article-text .body")
    expect(body).to_contain_text("<script>window.__pwned = 1</script>")  # shown as text
    expect(page.locator(".article-text h1")).to_have_text("Hostile <b>headline</b>")
    assert page.locator(".article-text script, .article-text img").count() == 0

    claim = article.claims.first()
    mark = page.locator(f"#claim-{claim.pk}")
    mark.focus()
    page.keyboard.press("Enter")  # opens the claim by htmx, without eval
    expect(page.locator("#claim-panel blockquote")).to_have_text(claim.text)
    page.locator("#claim-panel").get_by_label("Supported").check()
    page.locator("#claim-panel").get_by_label("Rationale").fill("Matches the filing.")
    page.locator("#claim-panel").get_by_role("button", name="Save verdict").click()
    expect(page.locator("#claim-panel").get_by_role("status")).to_have_text("Verdict saved.")

    assert page.evaluate("window.__pwned === undefined")
    assert violations == [], violations
    # The highlight is swapped in by htmx after the panel: wait for it rather than race it.
    expect(mark).to_have_class(re.compile(r"verdict-supported"))


def test_the_admin_works_under_csp(page, live_server, transactional_db, django_user_model):
    from tests.factories import ClaimFactory

    claim = ClaimFactory()
    django_user_model.objects.create_superuser("root", "r@x.org", "pw-root-1")
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security" in m.text else 0)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", "pw-root-1")
    page.click("input[type=submit]")
    page.goto(live_server.url + "/admin/claims/claim/")
    page.locator("#action-toggle").check()  # admin JavaScript runs: select-all works
    expect(page.locator(".action-counter")).to_contain_text("1 of 1 selected")
    page.goto(live_server.url + f"/admin/claims/claim/{claim.pk}/change/")
    expect(page.locator("#content h1")).to_contain_text("Change claim")
    assert violations == [], violations
