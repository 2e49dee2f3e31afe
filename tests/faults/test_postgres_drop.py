"""PostgreSQL drops FactDesk's connections or restarts between requests: the next request
succeeds; while it is down the desk answers 503, and nothing saved is lost."""

import pytest

from harness.processes import DeskBrowser, app_environment, gunicorn, manage
from tests.conftest import SAMPLE_CORPUS

pytestmark = pytest.mark.faults

DATABASE = "factdesk"
STORY = "/stories/pg-drop/"


@pytest.fixture
def desk_on_private_postgres(private_postgres, private_redis, tmp_path):
    private_postgres.execute(f"CREATE DATABASE {DATABASE}")
    env = app_environment(private_postgres.url(DATABASE), private_redis.url)
    manage(env, "migrate", "--noinput")
    manage(env, "create_demo_users")
    sample = sorted(SAMPLE_CORPUS.glob("*.txt"))[0]
    manage(env, "ingest", str(sample), "--story", "pg-drop")
    # One gunicorn worker: every request uses the same persistent connection (CONN_MAX_AGE).
    web, base = gunicorn(env, tmp_path / "gunicorn.log", workers=1)
    desk = DeskBrowser(base)
    desk.log_in("checker", "checker-factdesk")
    yield private_postgres, desk
    web.stop()


def app_connections(server) -> int:
    rows = server.execute(
        f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{DATABASE}' "
        "AND pid <> pg_backend_pid()"
    )
    return rows[0][0]


def test_the_next_request_succeeds_after_the_server_drops_the_connection(
    desk_on_private_postgres,
):
    server, desk = desk_on_private_postgres
    assert desk.get(STORY).status_code == 200
    assert app_connections(server) == 1  # the worker kept its connection open

    # With a timeout, pg_terminate_backend waits until the backend has exited: without it the
    # signal is only sent, and the backend may still be listed a moment later.
    terminated = server.execute(
        f"SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
        f"WHERE datname = '{DATABASE}' AND pid <> pg_backend_pid()"
    )
    assert terminated == [(True,)]
    assert app_connections(server) == 0

    page = desk.get(STORY)
    assert page.status_code == 200 and "Netflix" in page.text


def test_a_database_restart_answers_503_while_down_and_loses_nothing(desk_on_private_postgres):
    server, desk = desk_on_private_postgres
    assert desk.get(STORY).status_code == 200

    server.stop()
    assert desk.get("/healthz").status_code == 503
    down = desk.get(STORY)
    assert down.status_code == 503
    assert "cannot reach its database" in down.text and down.headers["Retry-After"] == "10"

    server.start()
    assert desk.get("/healthz").status_code == 200
    page = desk.get(STORY)
    assert page.status_code == 200 and "Netflix" in page.text  # still logged in, data intact
