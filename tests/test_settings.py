"""Settings come from the environment, with defaults that need no services."""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PROBE = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], "
    "'eager': s.CELERY_TASK_ALWAYS_EAGER, 'broker': s.CELERY_BROKER_URL, "
    "'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS, "
    "'options': s.DATABASES['default'].get('OPTIONS', {})}))"
)


def settings_with(**env) -> dict:
    ours = {"DATABASE_URL", "REDIS_URL", "DATABASE_PREPARED_STATEMENTS"}
    clean = {k: v for k, v in os.environ.items() if k not in ours}
    clean.update(env, DJANGO_SETTINGS_MODULE="factdesk.settings")
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=clean, cwd=REPO, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_without_services_the_app_uses_sqlite_and_runs_tasks_in_process():
    found = settings_with()
    assert found["engine"] == "django.db.backends.sqlite3"
    assert found["eager"] is True


def test_database_and_redis_urls_switch_to_postgresql_and_a_real_broker():
    found = settings_with(
        DATABASE_URL="postgres://u@db.example:5432/fd", REDIS_URL="redis://cache.example:6379/2"
    )
    assert found["engine"] == "django.db.backends.postgresql"
    assert found["eager"] is False
    assert found["broker"] == "redis://cache.example:6379/2"


def test_postgresql_connections_prepare_repeated_statements_unless_turned_off():
    postgres = "postgres://u@db.example:5432/fd"
    found = settings_with(DATABASE_URL=postgres)
    assert found["options"] == {"server_side_binding": True, "prepare_threshold": 5}
    # Behind PgBouncer in transaction mode, a statement prepared on one server connection
    # is unknown to the next.
    assert settings_with(DATABASE_URL=postgres, DATABASE_PREPARED_STATEMENTS="0")["options"] == {}
    assert settings_with()["options"] == {}  # SQLite


def test_debug_and_allowed_hosts_come_from_the_environment():
    found = settings_with(DEBUG="1", ALLOWED_HOSTS="desk.example.org, factdesk.local")
    assert found["debug"] is True
    assert found["hosts"] == ["desk.example.org", "factdesk.local"]
