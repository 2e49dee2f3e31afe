"""Redis stopped for a while: the desk keeps saving articles, says extraction is delayed,
and the delayed work resumes by itself once Redis is back."""

from dataclasses import dataclass

import pytest

from articles.models import Article, ExtractionStatus, Story
from claims.models import Claim, ClaimCluster
from claims.services.clusters import match_story
from harness.processes import (
    DeskBrowser,
    app_environment,
    celery_worker,
    gunicorn,
    manage,
    wait_for,
)
from reports.models import ExportJob
from tests.conftest import SAMPLE_CORPUS

pytestmark = pytest.mark.faults


def sample_text(index: int) -> str:
    return sorted(SAMPLE_CORPUS.glob("*.txt"))[index].read_text()


@dataclass
class Desk:
    base: str
    editor: DeskBrowser


@pytest.fixture
def desk(private_redis, test_database_url, tmp_path):
    """FactDesk under gunicorn on the private Redis, a worker with beat, an editor logged in."""
    # Beat's sweep every 2 s instead of every minute, so the tests need not wait long.
    env = app_environment(test_database_url, private_redis.url, RESUME_DELAYED_WORK_SECONDS="2")
    manage(env, "create_demo_users")
    web, base = gunicorn(env, tmp_path / "gunicorn.log")
    worker = celery_worker(env, tmp_path / "worker.log", beat=True)
    try:
        wait_for(lambda: "ready." in worker.output(), 60, "the worker to start")
        editor = DeskBrowser(base)
        editor.log_in("editor", "editor-factdesk")
        yield Desk(base, editor)
    finally:
        worker.stop()
        web.stop()


def test_articles_saved_while_redis_is_down_are_extracted_once_it_is_back(private_redis, desk):
    editor, base = desk.editor, desk.base
    private_redis.stop()

    # Logging in still works (failed-login counts live in PostgreSQL) and so does every screen.
    checker = DeskBrowser(base)
    checker.log_in("checker", "checker-factdesk")
    assert checker.get("/").status_code == 200

    saved = editor.post(
        "/articles/new/paste/",
        {
            "new_story": "Redis outage",
            "headline": "Saved in the outage",
            "text": sample_text(0),
        },
    )
    assert saved.status_code == 200
    assert "extraction is delayed" in saved.text
    article = Article.objects.get(headline="Saved in the outage")
    assert article.extraction_status == ExtractionStatus.DELAYED
    page = editor.get(article.get_absolute_url())
    assert page.status_code == 200 and "extraction delayed" in page.text

    # An export cannot be prepared now, and the editor is told so at once.
    export = editor.post("/exports/", {"format": "xlsx", "story": "redis-outage"})
    assert export.status_code == 200 and "task queue cannot be reached" in export.text
    assert ExportJob.objects.get().status == ExportJob.Status.FAILED

    private_redis.start()

    wait_for(
        lambda: Article.objects.get(pk=article.pk).extraction_status == ExtractionStatus.DONE,
        120,
        "the delayed extraction to run once Redis is back",
    )
    assert Claim.objects.filter(article=article).count() > 0
    # The rest of the pipeline resumed too: matching gave the claims their clusters.
    wait_for(
        lambda: not Claim.objects.filter(article=article, cluster__isnull=True).exists(),
        60,
        "matching after the delayed extraction",
    )
    later = editor.post(
        "/articles/new/paste/",
        {"story": "redis-outage", "headline": "Saved after", "text": sample_text(1)},
    )
    assert "extraction is delayed" not in later.text


def test_a_rematch_asked_for_while_redis_is_down_resumes_as_a_full_rebuild(private_redis, desk):
    editor = desk.editor
    for index in range(3):
        story = {"story": "rebuild-owed"} if index else {"new_story": "Rebuild owed"}
        text = {"headline": f"Version {index}", "text": sample_text(index)}
        assert editor.post("/articles/new/paste/", {**story, **text}).status_code == 200
    story = Story.objects.get(slug="rebuild-owed")
    claims = Claim.objects.filter(article__story=story)
    wait_for(
        lambda: claims.count() > 30 and not claims.filter(cluster__isnull=True).exists(),
        120,
        "extraction and matching",
    )
    # The clusters as a rebuild makes them (articles in id order): matched as they were
    # extracted, in whatever order the worker finished them, they may differ.
    match_story(story.pk, rebuild=True)
    # A claim stranded in a cluster of its own: only a rebuild puts it back.
    shared = ClaimCluster.objects.filter(story=story, outlet_count__gte=2).first()
    stray, sibling = shared.claims.order_by("pk")[:2]
    Claim.objects.filter(pk=stray.pk).update(cluster=ClaimCluster.objects.create(story=story))

    private_redis.stop()
    rematch = {"action": "rematch", "_selected_action": story.pk, "index": 0}
    assert editor.post("/admin/articles/story/", rematch, htmx=False).status_code == 302
    owed = Story.objects.get(pk=story.pk)
    assert owed.matching_delayed and owed.matching_rebuild_delayed

    private_redis.start()
    wait_for(
        lambda: (
            Claim.objects.get(pk=stray.pk).cluster_id == Claim.objects.get(pk=sibling.pk).cluster_id
        ),
        120,
        "the owed rebuild to put the stray claim back with its siblings",
    )
    done = Story.objects.get(pk=story.pk)
    assert not done.matching_delayed and not done.matching_rebuild_delayed
