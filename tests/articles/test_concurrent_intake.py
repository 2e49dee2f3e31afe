"""The same article sent several times at once is saved once; the rest are duplicates.

Real concurrent requests on PostgreSQL, each thread with its own connection. A barrier
holds every request just after its duplicate check, so all of them pass it before any
inserts: the race the attack report hit, made to happen every time.
"""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from articles import services
from articles.models import Article
from articles.services import get_or_create_story
from tests.conftest import user_with_role

HTMX = {"HTTP_HX_REQUEST": "true"}
TEXT = "Harbour report\nThe port moved 3 million tonnes in 2025, the board said."
SENDERS = 10


@pytest.fixture
def everyone_past_the_duplicate_check(monkeypatch):
    """Each request's first duplicate check waits until every request has made its own."""
    barrier = threading.Barrier(SENDERS, timeout=30)
    checked = threading.local()
    real_find_duplicate = services.find_duplicate

    def find_duplicate(story, text):
        found = real_find_duplicate(story, text)
        if not getattr(checked, "once", False):
            checked.once = True
            barrier.wait()
        return found

    monkeypatch.setattr(services, "find_duplicate", find_duplicate)


@pytest.fixture
def user(transactional_db, django_user_model):
    return user_with_role(django_user_model, "concurrent-reporter", "reporter")


def send_at_once(user, send) -> list:
    """``send(client)`` from SENDERS threads at once; their responses, or what they raised."""
    results: list = [None] * SENDERS

    def run(n: int) -> None:
        client = Client()
        client.force_login(user)
        try:
            results[n] = send(client)
        except Exception as exc:  # a crash is what the test looks for
            results[n] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(SENDERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def assert_one_added_and_the_rest_duplicates(results) -> None:
    crashes = [r for r in results if isinstance(r, Exception)]
    assert not crashes, crashes[0]
    assert all(r.status_code == 200 for r in results)
    added = [r for r in results if "Added to" in r.text]
    duplicates = [r for r in results if "has the same text as" in r.text]
    assert (len(added), len(duplicates)) == (1, SENDERS - 1)
    assert Article.objects.count() == 1


def test_ten_identical_pastes_at_once_give_one_article_and_nine_duplicates(
    user, everyone_past_the_duplicate_check
):
    story = get_or_create_story("harbour", "Harbour")

    def paste(client):
        return client.post(
            reverse("submit-articles", args=["paste"]),
            {"text": TEXT, "story": story.slug},
            **HTMX,
        )

    assert_one_added_and_the_rest_duplicates(send_at_once(user, paste))


def test_ten_identical_uploads_at_once_give_one_article_and_nine_duplicates(
    user, everyone_past_the_duplicate_check
):
    story = get_or_create_story("harbour", "Harbour")

    def upload(client):
        files = [SimpleUploadedFile("report.txt", TEXT.encode())]
        return client.post(
            reverse("submit-articles", args=["upload"]),
            {"files": files, "story": story.slug},
            **HTMX,
        )

    assert_one_added_and_the_rest_duplicates(send_at_once(user, upload))
