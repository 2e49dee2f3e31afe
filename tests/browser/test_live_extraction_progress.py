"""The story page shows extraction finishing in the worker, without a manual reload."""

import re

import pytest
from playwright.sync_api import expect

from articles.reading import read_article_file
from articles.services import get_or_create_story
from claims.services.extraction import reextract_articles
from tests.conftest import user_with_role
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.worker]


def test_story_page_updates_as_the_worker_extracts(
    page, live_server, celery_worker, sample_paths, django_user_model
):
    story = get_or_create_story("live", "Live story")
    articles = []
    for path in sample_paths:
        text = read_article_file(path)
        articles.append(ArticleFactory(story=story, headline=text.headline, body=text.body))
    user_with_role(django_user_model, "editor", "editor")

    page.goto(live_server.url + story.get_absolute_url())
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-editor-1")
    page.click("button[type=submit]")
    progress = page.get_by_role("status").filter(has_text="Extraction:")
    expect(progress).to_contain_text("0 of 5 articles done")
    page.evaluate("window.__factdeskNoReload = true")

    reextract_articles([a.pk for a in articles])

    expect(progress).to_contain_text("5 of 5 articles done", timeout=30_000)
    expect(progress).not_to_contain_text("updating")
    expect(page.locator(".status-done")).to_have_count(5)
    claim_counts = page.locator("#articles-table tbody td.num:nth-child(4)").all_inner_texts()
    assert all(re.fullmatch(r"[1-9]\d*", count) for count in claim_counts)
    assert page.evaluate("window.__factdeskNoReload") is True
