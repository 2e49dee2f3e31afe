"""Admin changelist render times at 1,000 and 100,000 claims, and their ratio (target < 2).

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/factdesk .venv/bin/python bench/admin.py
It creates and drops its own throwaway database (test_<name>).
"""

import os
import statistics
import sys
import time
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdesk.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import get_runner  # noqa: E402
from django.urls import reverse  # noqa: E402

PAGES = {
    "claims": "admin:claims_claim_changelist",
    "claims, searched": "admin:claims_claim_changelist",
    "claims, filtered by verdict": "admin:claims_claim_changelist",
    "verdicts": "admin:claims_verdict_changelist",
    "articles": "admin:articles_article_changelist",
    "history": "admin:claims_claimevent_changelist",
}
PARAMS = {
    "claims, searched": {"q": "Wonka"},
    "claims, filtered by verdict": {"latest_verdict__label__exact": "varied"},
}
REPEATS = 7


def render_times(client: Client) -> dict[str, tuple[float, int]]:
    """Median render time of each changelist, and how many rows its page showed."""
    times = {}
    for name, url_name in PAGES.items():
        runs = []
        for _ in range(REPEATS):
            start = time.perf_counter()
            response = client.get(reverse(url_name), PARAMS.get(name, {}))
            runs.append(time.perf_counter() - start)
            assert response.status_code == 200, (name, response.status_code)
        rows = response.content.count(b'class="action-select"')
        times[name] = (statistics.median(runs) * 1000, rows)
    return times


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL server.")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        from django.contrib.auth import get_user_model

        editor = get_user_model().objects.create_superuser("bench", "b@x.org", "bench-pw")
        client = Client()
        client.force_login(editor)
        results = {}
        for total, add in ((1_000, 1_000), (100_000, 99_000)):
            start = time.perf_counter()
            call_command("seed_load", "--claims", add, stdout=StringIO())
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            print(f"seeded to {total:,} claims in {time.perf_counter() - start:.1f} s")
            results[total] = render_times(client)
        print(f"{'changelist':30} {'1,000 claims':>18} {'100,000 claims':>18} {'ratio':>7}")
        worst = 0.0
        for name in PAGES:
            (small, small_rows), (large, large_rows) = results[1_000][name], results[100_000][name]
            # A page that is not full at the small size is not a fair baseline.
            fair = small_rows == large_rows
            if fair:
                worst = max(worst, large / small)
            note = "" if fair else f"  (not compared: {small_rows} vs {large_rows} rows shown)"
            print(
                f"{name:30} {small:7.1f}ms {small_rows:3} rows {large:7.1f}ms {large_rows:3} rows"
                f" {large / small:6.2f}x{note}"
            )
        print(f"worst ratio {worst:.2f}x (target < 2): {'met' if worst < 2 else 'NOT met'}")
    finally:
        connection.close()
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
