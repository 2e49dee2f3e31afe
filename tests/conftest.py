"""Shared fixtures. Django imports stay inside fixtures so pure tests run without Django."""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM would
# otherwise refuse to run next to it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REPO = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = REPO / "articles" / "sample_corpus"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Production hashing is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def sample_paths() -> list[Path]:
    return sorted(SAMPLE_CORPUS.glob("*.txt"))


@pytest.fixture
def sample_story(db, sample_paths):
    """The five-outlet sample story, ingested and extracted in this process."""
    from articles.services import ingest_files
    from claims.services.extraction import extract_claims

    report = ingest_files(sample_paths, "netflix-ai", story_title="Netflix and AI")
    for article in report.created:
        extract_claims(article.pk)
    return report.story


def user_with_role(django_user_model, username: str, role: str, **extra):
    from django.contrib.auth.models import Group

    from factdesk.roles import ensure_role_groups

    ensure_role_groups()  # transactional tests flush the groups the migration made
    user = django_user_model.objects.create_user(
        username=username, password=f"pw-{username}-1", **extra
    )
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def checker(db, django_user_model):
    return user_with_role(django_user_model, "checker", "fact-checker")


@pytest.fixture
def editor(db, django_user_model):
    return user_with_role(django_user_model, "editor", "editor", is_staff=True)


@pytest.fixture
def reporter(db, django_user_model):
    return user_with_role(django_user_model, "reporter", "reporter")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def checker_client(client, checker):
    client.force_login(checker)
    return client


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker consuming from the Redis broker, in a thread of this process."""
    from celery.contrib.testing.worker import start_worker
    from django.conf import settings

    from factdesk.celery import app

    if not settings.REDIS_URL or app.conf.task_always_eager:
        pytest.fail("This test needs a real broker: set REDIS_URL (make test does).")
    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        yield app


def _with_permission_names_known(assert_queries):
    """A process reads its permissions' names once, on its first request (factdesk/auth.py);
    a query count is what every later request makes, whichever test ran first."""

    @contextmanager
    def counted(*args, **kwargs):
        from factdesk.auth import load_permission_names

        load_permission_names()
        with assert_queries(*args, **kwargs) as context:
            yield context

    return counted


@pytest.fixture
def django_assert_num_queries(django_assert_num_queries):
    return _with_permission_names_known(django_assert_num_queries)


@pytest.fixture
def django_assert_max_num_queries(django_assert_max_num_queries):
    return _with_permission_names_known(django_assert_max_num_queries)
