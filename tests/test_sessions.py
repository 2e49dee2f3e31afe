"""Sessions are Django's database sessions; a logout or a password change ends one."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone


def test_the_desk_uses_djangos_own_database_sessions():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_a_saved_session_is_read_back_with_its_data(db):
    store = SessionStore()
    store["claim"] = 42
    store.create()
    assert SessionStore(store.session_key).load() == {"claim": 42}


def test_an_expired_session_reads_as_empty_and_is_not_reused(db):
    store = SessionStore()
    store["claim"] = 42
    store.create()
    Session.objects.filter(pk=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = SessionStore(store.session_key)
    assert expired.load() == {}
    assert expired.session_key is None


def test_an_unknown_session_key_reads_as_empty(db):
    assert SessionStore("x" * 32).load() == {}


def test_after_logging_out_the_old_session_cookie_no_longer_logs_in(client, checker):
    client.force_login(checker)
    old_cookie = client.cookies["sessionid"].value
    client.post("/logout/")
    client.cookies["sessionid"] = old_cookie
    response = client.get("/queue/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_after_a_password_change_the_old_session_no_longer_logs_in(client, checker):
    client.force_login(checker)
    assert client.get("/queue/").status_code == 200
    checker.set_password("pw-checker-2-changed")
    checker.save()
    response = client.get("/queue/")
    assert response.status_code == 302 and "/login/" in response["Location"]
