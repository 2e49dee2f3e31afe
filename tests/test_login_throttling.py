"""Login throttling: every way in is counted, one account's attempts are judged one at a time,
look-alike spellings count as the account they log into, and behind a reverse proxy each
client is counted by its own address."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.conf import settings
from django.contrib.auth.hashers import MD5PasswordHasher
from django.urls import reverse

from factdesk.login import client_address
from tests.conftest import user_with_role

WRONG = "not-the-password"
FULLWIDTH_EDITOR = "\uff45\uff44\uff49\uff54\uff4f\uff52"


def fail_logins(client, url: str, username: str, times: int, **extra) -> None:
    """`times` wrong passwords; the one that reaches the limit already answers 429."""
    for attempt in range(1, times + 1):
        response = client.post(url, {"username": username, "password": WRONG}, **extra)
        expected = 429 if attempt >= settings.LOGIN_MAX_FAILURES else 200
        assert response.status_code == expected, f"attempt {attempt}"


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
def test_each_login_entry_point_locks_an_account_out_even_with_the_right_password(
    client, editor, url_name
):
    url = reverse(url_name)
    fail_logins(client, url, "editor", settings.LOGIN_MAX_FAILURES)
    locked = client.post(url, {"username": "editor", "password": "pw-editor-1"})
    assert locked.status_code == 429
    assert "Too many failed attempts" in locked.text
    assert "_auth_user_id" not in client.session


def test_failures_at_the_desk_login_also_lock_the_admin_login(client, editor, settings):
    fail_logins(client, reverse("login"), "editor", settings.LOGIN_MAX_FAILURES)
    locked = client.post(reverse("admin:login"), {"username": "editor", "password": "pw-editor-1"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_look_alike_spelling_of_a_locked_username_is_locked_too(client, editor, settings):
    url = reverse("login")
    fail_logins(client, url, "editor", settings.LOGIN_MAX_FAILURES)
    fullwidth = FULLWIDTH_EDITOR  # NFKC-normalised to "editor" before authenticating
    locked = client.post(url, {"username": fullwidth, "password": "pw-editor-1"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_look_alike_spellings_share_one_count_of_failures(client, editor, settings):
    url = reverse("login")
    spellings = ["editor", FULLWIDTH_EDITOR, "\uff45ditor", "ed\uff49tor", " editor "]
    for attempt in range(settings.LOGIN_MAX_FAILURES):
        username = spellings[attempt % len(spellings)]
        client.post(url, {"username": username, "password": WRONG})
    locked = client.post(url, {"username": "editor", "password": "pw-editor-1"})
    assert locked.status_code == 429


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
def test_an_overlong_username_is_a_wrong_login_not_a_server_error(client, url_name):
    response = client.post(reverse(url_name), {"username": "a" * 100_000, "password": WRONG})
    assert response.status_code == 200
    assert "correct username and password" in response.text


def test_a_lockout_for_one_user_does_not_block_another(client, checker, editor, settings):
    url = reverse("login")
    fail_logins(client, url, "checker", settings.LOGIN_MAX_FAILURES)
    assert client.post(url, {"username": "editor", "password": "pw-editor-1"}).status_code == 302


def test_a_successful_login_clears_earlier_failures(client, checker, settings):
    url = reverse("login")
    fail_logins(client, url, "checker", settings.LOGIN_MAX_FAILURES - 1)
    assert client.post(url, {"username": "checker", "password": "pw-checker-1"}).status_code == 302
    client.logout()
    fail_logins(client, url, "checker", settings.LOGIN_MAX_FAILURES - 1)
    assert client.post(url, {"username": "checker", "password": "pw-checker-1"}).status_code == 302


# Behind one reverse proxy (REMOTE_ADDR is the proxy), which appends the address it was
# connected from to X-Forwarded-For.
PROXY = "10.0.0.2"


def through_proxy(client_ip: str, *, claimed: str = "") -> dict:
    forwarded = f"{claimed}, {client_ip}" if claimed else client_ip
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


def test_behind_a_trusted_proxy_one_client_cannot_lock_out_another(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    url = reverse("login")
    attacker, victim = "203.0.113.7", "198.51.100.2"
    fail_logins(client, url, "editor", settings.LOGIN_MAX_FAILURES, **through_proxy(attacker))
    assert (
        client.post(
            url, {"username": "editor", "password": "pw-editor-1"}, **through_proxy(attacker)
        )
    ).status_code == 429
    answer = client.post(
        url, {"username": "editor", "password": "pw-editor-1"}, **through_proxy(victim)
    )
    assert answer.status_code == 302


def test_behind_a_trusted_proxy_a_forged_forwarded_address_does_not_escape_the_count(
    client, editor, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    url = reverse("login")
    attacker = "203.0.113.7"
    for attempt in range(settings.LOGIN_MAX_FAILURES):
        # A new made-up address each time, left of what the proxy appends.
        forged = through_proxy(attacker, claimed=f"192.0.2.{attempt + 1}")
        client.post(url, {"username": "editor", "password": WRONG}, **forged)
    forged = through_proxy(attacker, claimed="192.0.2.200")
    answer = client.post(url, {"username": "editor", "password": "pw-editor-1"}, **forged)
    assert answer.status_code == 429


def test_without_trusted_proxies_a_forwarded_header_is_ignored(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    url = reverse("login")
    for attempt in range(settings.LOGIN_MAX_FAILURES):
        spoofed = {"HTTP_X_FORWARDED_FOR": f"192.0.2.{attempt + 1}"}
        client.post(url, {"username": "editor", "password": WRONG}, **spoofed)
    answer = client.post(url, {"username": "editor", "password": "pw-editor-1"})
    assert answer.status_code == 429


@pytest.mark.parametrize(
    ("proxies", "meta", "expected"),
    [
        (0, {"REMOTE_ADDR": "192.0.2.1", "HTTP_X_FORWARDED_FOR": "198.51.100.9"}, "192.0.2.1"),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.9"}, "198.51.100.9"),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "1.1.1.1, 198.51.100.9"},
         "198.51.100.9"),
        (2, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "1.1.1.1, 198.51.100.9, 10.0.0.3"},
         "198.51.100.9"),
        (2, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.9"}, PROXY),
        (1, {"REMOTE_ADDR": PROXY}, PROXY),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "not-an-address"}, PROXY),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "2001:db8::7"}, "2001:db8::7"),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": " 198.51.100.9 ,"}, PROXY),
    ],
)  # fmt: skip
def test_the_client_address_is_read_from_the_named_number_of_proxies(
    rf, settings, proxies, meta, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(rf.post("/login/", **meta)) == expected


class CountingHasher(MD5PasswordHasher):
    """MD5 (fast, for tests) that counts how often a password is checked, and takes a
    moment over it, as real hashing does, so parallel attempts overlap."""

    algorithm = "counting_md5"
    checks = 0
    lock = threading.Lock()

    def verify(self, password, encoded):
        with CountingHasher.lock:
            CountingHasher.checks += 1
        threading.Event().wait(0.05)
        return super().verify(password, encoded)


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_parallel_wrong_guesses_are_judged_no_more_often_than_the_limit(
    live_server, transactional_db, django_user_model, settings
):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    user_with_role(django_user_model, "editor", "editor")
    CountingHasher.checks = 0
    url = live_server.url + reverse("login")
    sessions = []
    for _ in range(40):
        session = requests.Session()
        token = CSRF.search(session.get(url, timeout=10).text).group(1)
        sessions.append((session, token))
    start = threading.Barrier(len(sessions))

    def guess(session_and_token) -> int:
        session, token = session_and_token
        start.wait()
        data = {"username": "editor", "password": WRONG, "csrfmiddlewaretoken": token}
        return session.post(url, data=data, timeout=30, allow_redirects=False).status_code

    with ThreadPoolExecutor(len(sessions)) as pool:
        statuses = list(pool.map(guess, sessions))
    assert CountingHasher.checks <= settings.LOGIN_MAX_FAILURES
    # Each of the first guesses is a form error, the one reaching the limit and every
    # later one the lockout page.
    assert statuses.count(200) == settings.LOGIN_MAX_FAILURES - 1
    assert statuses.count(429) == len(sessions) - settings.LOGIN_MAX_FAILURES + 1
