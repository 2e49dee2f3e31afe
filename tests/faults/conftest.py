"""Fixtures for the fault tests: private servers that the tests stop and start."""

import pytest

from harness.processes import PostgresServer, RedisServer


@pytest.fixture
def private_redis():
    server = RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def private_postgres():
    server = PostgresServer()
    server.create()
    server.start()
    yield server
    server.remove()


@pytest.fixture
def test_database_url(transactional_db) -> str:
    """The test database, for processes outside this one (they see committed rows only)."""
    from django.db import connection

    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
