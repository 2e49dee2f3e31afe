"""CSV export speed and memory at 1,000 and 100,000 claims, each in a fresh process.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/factdesk .venv/bin/python bench/export.py
It creates and drops its own throwaway database (test_<name>). Targets: 100,000 rows in
under 10 s, peak memory under 150 MB, and peak memory nearly the same at both sizes.
"""

import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdesk.settings")

SIZES = [1_000, 100_000]
CLAIMS_PER_ARTICLE = 40


def peak_memory_mb() -> float:
    # VmHWM, not ru_maxrss: the latter keeps the parent's peak across fork and exec.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(slug: str) -> None:
    """Export one story to a null sink; print seconds, rows and peak memory (MB)."""
    import django

    django.setup()
    from articles.models import Story
    from reports.selectors import ExportScope, claims_in_scope
    from reports.tabular import csv_lines

    scope = ExportScope(story=Story.objects.get(slug=slug))
    baseline = peak_memory_mb()
    start = time.perf_counter()
    rows = -1  # the header is not a claim
    size = 0
    for line in csv_lines(claims_in_scope(scope)):
        rows += 1
        size += len(line)
    seconds = time.perf_counter() - start
    peak = peak_memory_mb()
    print(json.dumps({"rows": rows, "seconds": seconds, "peak_mb": peak, "baseline_mb": baseline,
                      "bytes": size}))  # fmt: skip


def seed(size: int) -> str:
    from django.contrib.auth import get_user_model

    from articles.models import Article, Story
    from claims.models import Claim, Verdict

    rng = random.Random(size)
    checker = get_user_model().objects.get_or_create(username="bench-checker")[0]
    story = Story.objects.create(slug=f"bench-{size}", title=f"Bench {size}")
    articles = Article.objects.bulk_create(
        Article(story=story, headline=f"Headline {n}", outlet=f"Outlet {n % 50}",
                body="x" * 800, content_hash=f"{size}-{n}".rjust(64, "0"))
        for n in range(size // CLAIMS_PER_ARTICLE)
    )  # fmt: skip
    claims = Claim.objects.bulk_create(
        (
            Claim(article=article, text=f"Netflix reported ${n}.5 billion, up {n % 30}%.",
                  start=n * 10, end=n * 10 + 9, kind="statistic",
                  checkworthiness=round(rng.random(), 3))
            for article in articles
            for n in range(CLAIMS_PER_ARTICLE)
        ),
        batch_size=5_000,
    )  # fmt: skip
    verdicts = Verdict.objects.bulk_create(
        (
            Verdict(claim=claim, label=rng.choice(["supported", "varied", "erroneous"]),
                    rationale="=Compared with the shareholder letter.", checked_by=checker,
                    evidence=["https://example.org/letter"])
            for claim in claims
        ),
        batch_size=5_000,
    )  # fmt: skip
    for claim, verdict in zip(claims, verdicts, strict=True):
        claim.latest_verdict = verdict
    Claim.objects.bulk_update(claims, ["latest_verdict"], batch_size=5_000)
    return story.slug


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import get_runner

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL server.")
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    test_db = connection.settings_dict["NAME"]
    try:
        slugs = {}
        for size in SIZES:
            start = time.perf_counter()
            slugs[size] = seed(size)
            print(f"seeded {size:,} claims with verdicts in {time.perf_counter() - start:.1f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{test_db}"
        results = {}
        for size in SIZES:
            out = subprocess.run(
                [sys.executable, __file__, "--child", slugs[size]],
                env={**os.environ, "DATABASE_URL": url},
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            results[size] = json.loads(out.stdout.strip().splitlines()[-1])
        for size, r in results.items():
            rate = r["rows"] / r["seconds"]
            print(
                f"{size:>7,} claims: {r['rows']:>7,} rows in {r['seconds']:6.2f} s"
                f" = {rate:>9,.0f} rows/s; peak memory {r['peak_mb']:.0f} MB"
                f" (after start-up {r['baseline_mb']:.0f} MB); {r['bytes'] / 1e6:.1f} MB of CSV"
            )
        small, large = results[SIZES[0]], results[SIZES[-1]]
        ratio = large["peak_mb"] / small["peak_mb"]
        print(f"peak memory ratio {SIZES[-1]:,} / {SIZES[0]:,} claims: {ratio:.2f}")
        checks = [
            ("100,000 rows in under 10 s", large["seconds"] < 10),
            ("peak memory under 150 MB", large["peak_mb"] < 150),
            ("memory ratio near 1 (under 1.25)", ratio < 1.25),
        ]
        for name, ok in checks:
            print(f"target {name}: {'met' if ok else 'NOT met'}")
        assert large["rows"] == SIZES[-1] and small["rows"] == SIZES[0]
    finally:
        connection.close()
        runner.teardown_databases(old)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        main()
