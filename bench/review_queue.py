"""Queue paging at 100,000 claims: keyset cursor vs OFFSET, first page vs a deep page.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/factdesk .venv/bin/python bench/review_queue.py
It creates and drops its own throwaway database (test_<name>); nothing else is touched.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdesk.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import get_runner  # noqa: E402

CLAIMS = 100_000
ARTICLES = 2_500
REPEATS = 20


def seed() -> None:
    from articles.models import Article, Story
    from claims.models import Claim

    rng = random.Random(7)
    story = Story.objects.create(slug="bench", title="Bench")
    articles = Article.objects.bulk_create(
        Article(story=story, headline=f"A{n}", body="x" * 400, content_hash=f"{n:064d}")
        for n in range(ARTICLES)
    )
    per_article = CLAIMS // ARTICLES
    Claim.objects.bulk_create(
        (
            Claim(
                article=article,
                text=f"claim {n}",
                start=n * 5,
                end=n * 5 + 4,
                checkworthiness=round(rng.random(), 3),
            )
            for article in articles
            for n in range(per_article)
        ),
        batch_size=5_000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def timed(fn) -> float:
    runs = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1000


def main() -> None:
    from claims.models import OPEN_STATES, Claim
    from claims.paging import PAGE_SIZE, keyset_page
    from claims.selectors import claims_for_queue

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL server: this benchmark is about its plans.")
    runner = get_runner(django.conf.settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        start = time.perf_counter()
        seed()
        took = time.perf_counter() - start
        print(f"seeded {CLAIMS:,} claims in {ARTICLES:,} articles: {took:.1f} s")
        queue = claims_for_queue().filter(review_state__in=OPEN_STATES, assignee__isnull=True)
        depth = CLAIMS // 2
        ordered = queue.order_by("-checkworthiness", "id")
        pivot = ordered[depth - 1]
        cursor = f"{pivot.checkworthiness!r}_{pivot.pk}"
        first = timed(lambda: keyset_page(queue))
        deep = timed(lambda: keyset_page(queue, cursor))
        offset = timed(lambda: list(ordered[depth : depth + PAGE_SIZE]))
        assert [c.pk for c in keyset_page(queue, cursor)[0]] == [
            c.pk for c in ordered[depth : depth + PAGE_SIZE]
        ]
        print(f"first page (keyset):              {first:7.2f} ms")
        print(f"page at row {depth:,} (keyset):    {deep:7.2f} ms")
        print(f"page at row {depth:,} (OFFSET):    {offset:7.2f} ms  (baseline)")
        print(f"deep / first page, keyset:        {deep / first:7.2f}x")
        print(f"OFFSET / keyset at the same depth: {offset / deep:6.1f}x")
        total = Claim.objects.count()
        assert total == CLAIMS, total
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
