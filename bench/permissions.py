"""The claim panel (an htmx GET, a cluster of 10 versions) with Django's ModelBackend against
DeskBackend (factdesk/auth.py): each request's milliseconds, in process, and its queries.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/factdesk .venv/bin/python bench/permissions.py
It creates and drops its own throwaway database (test_<name>); nothing else is touched.
The backends take turns in rounds, so a drift of the machine falls on each alike.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdesk.settings")
os.environ.pop("DEBUG", None)

import django

django.setup()

from django.contrib.auth.backends import ModelBackend  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    get_runner,
    setup_test_environment,
)

from factdesk.auth import permission_names  # noqa: E402

AXES = "axes.backends.AxesStandaloneBackend"
ROUNDS, PER_ROUND, WARM_UP = 20, 10, 20
VERSIONS = 10


class OneQueryPermissionsBackend(ModelBackend):
    """ModelBackend's user query, then one query for every permission (no ArraySubquery)."""

    def get_all_permissions(self, user_obj, obj=None):
        if user_obj.is_superuser or not user_obj.is_active or obj is not None:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "bench_permissions"):
            user_obj.bench_permissions = set(permission_names(user_obj))
        return user_obj.bench_permissions


BACKENDS = {
    "Django ModelBackend": "django.contrib.auth.backends.ModelBackend",
    "ModelBackend + 1 permissions query": f"{__name__}.OneQueryPermissionsBackend",
    "DeskBackend (ArraySubquery)": "factdesk.auth.DeskBackend",
}


def seed():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from articles.models import Article, Story
    from claims.models import Claim, ClaimCluster
    from factdesk.roles import CHECKER, ensure_role_groups

    ensure_role_groups()
    checker = get_user_model().objects.create_user("bench-checker", password="pw-bench-1")
    checker.groups.add(Group.objects.get(name=CHECKER))
    story = Story.objects.create(slug="bench", title="Bench")
    cluster = ClaimCluster.objects.create(story=story, outlet_count=VERSIONS)
    claims = [
        Claim.objects.create(
            article=Article.objects.create(
                story=story,
                headline=f"A{n}",
                outlet=f"Outlet {n}",
                body="x" * 400,
                content_hash=f"{n:064d}",
            ),
            text=f"claim {n}",
            start=0,
            end=20,
            cluster=cluster,
        )
        for n in range(VERSIONS)
    ]
    return checker, claims[0].get_absolute_url()


def client_for(backend: str, user) -> Client:
    client = Client(HTTP_HX_REQUEST="true")
    client.force_login(user, backend=backend)
    return client


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL server: the desk's database.")
    setup_test_environment()
    runner = get_runner(django.conf.settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        user, url = seed()

        # Only the backend measured is listed: a permission check asks every backend listed.
        def only(path: str):
            return override_settings(AUTHENTICATION_BACKENDS=[AXES, path])

        clients, queries = {}, {}
        for name, path in BACKENDS.items():
            with only(path):
                clients[name] = client = client_for(path, user)
                for _ in range(WARM_UP):
                    assert client.get(url).status_code == 200
                with CaptureQueriesContext(connection) as captured:
                    assert "claim 0" in client.get(url).text
                queries[name] = len(captured)
        times: dict[str, list[float]] = {name: [] for name in clients}
        for _ in range(ROUNDS):
            for name, client in clients.items():
                with only(BACKENDS[name]):
                    for _ in range(PER_ROUND):
                        start = time.perf_counter()
                        client.get(url)
                        times[name].append((time.perf_counter() - start) * 1000)
        print(f"claim panel, {VERSIONS} versions, {ROUNDS * PER_ROUND} requests per backend")
        print(f"{'backend':36} {'queries':>7} {'median ms':>9} {'mean ms':>8} {'p95 ms':>7}")
        for name, runs in times.items():
            p95 = statistics.quantiles(runs, n=20)[-1]
            print(
                f"{name:36} {queries[name]:7d} {statistics.median(runs):9.2f}"
                f" {statistics.fmean(runs):8.2f} {p95:7.2f}"
            )
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
