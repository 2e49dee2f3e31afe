"""Load: the desk under gunicorn, PostgreSQL, Redis and Celery, with locust (headless).

Measures, with 50 simulated users for 60 s (45 fact-checkers browsing their queue, opening
claim panels and recording verdicts, reading articles; 5 editors reading story and compare
pages and exporting, CSV streamed and XLSX prepared by the worker), each page's requests,
req/s, p50/p95/p99 latency and failures, plus a health probe (/healthz: one SELECT 1)
in the same run as the floor, and each page's p95 as a ratio to the floor's.

Run:  .venv/bin/python bench/load.py [--users 50] [--seconds 60] [--spawn-rate 10]

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth) and Redis on
127.0.0.1:6379; everything else is set up here (about 15 s, then ~15 s of logins):
- database `factdesk_load`, dropped and recreated at the start of each run and *kept*
  afterwards for inspection; Redis db 12 only, emptied at the start (never FLUSHALL);
- migrate, the sample story (extracted by a real Celery worker started for the run, which
  also prepares the editors' XLSX exports), 20,000 seeded claims, ANALYZE;
- the desk's users, each checker with claims of their own (assigned to them), so two
  checkers never write the same claim and a 409 conflict cannot happen by design;
- gunicorn on a free 127.0.0.1 port (DEBUG off, gthread workers, no keep-alive as
  behind a proxy), every page the load hits checked for a 200 before the load;
- locust as a subprocess (bench/load_users.py). Users log in first; the measured window
  starts once the whole desk is in (a login is ~0.4 s of PBKDF2 on purpose, and fifty at
  once would be what the first seconds measure). Logins are reported apart.
gunicorn, the worker and locust are stopped on exit, Ctrl-C or error; logs stay in the
temporary folder printed at the end.

Targets (exit status 1 if one is missed, after printing everything):
- zero errors (failed requests, exceptions in the simulated users, failed logins);
- claim panel p95 <= 4x the /healthz p95, and verdict save p95 <= 4x the /healthz p95
  (4x since issue 15: Django's own ORM, sessions and auth, no raw-SQL shortcuts);
- no verdict lost: every verdict save the server acknowledged ("Verdict saved.") is a row
  in claims_verdict, checked per checker against the database after the run.
"""

import argparse
import csv
import json
import os
import re
import secrets
import shutil
import signal
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from harness.processes import (  # noqa: E402  (the repository root is on the path now)
    Service,
    app_environment,
    celery_worker,
    gunicorn,
    wait_for,
)

DATABASE = "factdesk_load"
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
REDIS_URL = "redis://127.0.0.1:6379/12"  # a db of its own: only this one is emptied
SEEDED_CLAIMS = 20_000  # a realistic queue: 500 articles in 10 stories besides the sample
SEEDED_CLAIMS_PER_CHECKER = 28  # plus their share of the sample story's ~80 claims
TARGET_RATIO = 4.0
# 2 cores, shared with PostgreSQL, the worker and locust itself: 3 gthread workers keep
# both cores busy while one waits on the database, and 4 threads each overlap those
# waits; 12 requests in flight is plenty for 50 people who think 1-3 s between clicks.
GUNICORN_WORKERS, GUNICORN_THREADS, GUNICORN_WORKER_CLASS = 3, 4, "gthread"
# A new connection per request, as behind a proxy (nginx speaks HTTP/1.0 to its upstream
# by default). With keep-alive, a busy gthread worker resets a connection whose idle time
# (2 s by default) runs out just as the client's next request arrives: a browser retries
# that silently, locust reports "connection reset by peer" (seen 1 in ~2,000 requests).
GUNICORN_KEEP_ALIVE = 0
PAGES = [  # the order of the table; the names are those in bench/load_users.py
    "healthz",
    "queue refresh",
    "queue",
    "queue next page",
    "claim panel",
    "verdict save",
    "article",
    "story",
    "story claims",
    "compare",
    "story list",
    "export CSV stream",
    "export XLSX start",
    "export poll",
    "export download",
]


def load_environment(work: Path) -> dict[str, str]:
    return app_environment(
        DATABASE_URL,
        REDIS_URL,
        EXPORT_DIR=str(work / "exports"),
        LOG_LEVEL="WARNING",
    )


def recreate_database_and_redis() -> None:
    import psycopg
    import redis

    with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    redis.Redis.from_url(REDIS_URL).flushdb()


def wait_until_worker_idle() -> None:
    """Matching runs after extraction: let it finish before the clock starts."""
    import redis

    from factdesk.celery import app

    broker = redis.Redis.from_url(REDIS_URL)

    def idle() -> bool:
        if broker.llen("celery"):
            return False
        active = app.control.inspect(timeout=1).active()
        return active is not None and not any(active.values())

    wait_for(idle, 60, "the Celery worker to finish matching", every=0.5)


def seed_desk(users: int) -> dict:
    """The sample story, seeded claims and the desk's users; returns the locust plan."""
    import random

    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection

    from articles.models import Article, Story
    from claims.models import Claim
    from claims.services import review
    from factdesk.roles import CHECKER, EDITOR, ensure_role_groups

    out = StringIO()
    call_command("load_sample", wait=True, stdout=out, stderr=out)
    call_command("seed_load", claims=SEEDED_CLAIMS, stdout=out, stderr=out)
    wait_until_worker_idle()
    sample = Story.objects.get(slug="netflix-generative-ai")

    ensure_role_groups()
    editor_count = max(1, users // 10)
    checker_count = users - editor_count
    password = secrets.token_urlsafe(12)
    # One hash for all: hashing fifty passwords would take longer than the rest of setup.
    encoded = make_password(password)
    User = get_user_model()
    names = [f"load-checker-{n:02d}" for n in range(1, checker_count + 1)]
    names += [f"load-editor-{n:02d}" for n in range(1, editor_count + 1)]
    made = User.objects.bulk_create(User(username=name, password=encoded) for name in names)
    groups = {role: Group.objects.get(name=role) for role in (CHECKER, EDITOR)}
    Membership = User.groups.through
    Membership.objects.bulk_create(
        Membership(user=user, group=groups[EDITOR if "editor" in user.username else CHECKER])
        for user in made
    )
    checkers, editors = made[:checker_count], made[checker_count:]

    rng = random.Random(7)
    sample_claims = list(
        Claim.objects.filter(article__story=sample).order_by("pk").values_list("pk", flat=True)
    )
    seeded = list(
        Claim.objects.exclude(article__story=sample).order_by("pk").values_list("pk", flat=True)
    )
    seeded = rng.sample(seeded, SEEDED_CLAIMS_PER_CHECKER * checker_count)
    plan_checkers = []
    for n, checker in enumerate(checkers):
        own = sample_claims[n::checker_count] + seeded[n::checker_count]
        review.assign_claims(Claim.objects.filter(pk__in=own), assignee=checker, by=editors[0])
        plan_checkers.append({"username": checker.username, "claims": own})
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "password": password,
        "desk_users": users,
        "checkers": plan_checkers,
        "editors": [editor.username for editor in editors],
        "editor_count": editor_count,
        "sample_story": sample.slug,
        "sample_articles": list(
            Article.objects.filter(story=sample).order_by("pk").values_list("pk", flat=True)
        ),
        "seeded_stories": list(
            Story.objects.exclude(pk=sample.pk).order_by("pk").values_list("slug", flat=True)
        ),
    }


def smoke_test(base: str, plan: dict) -> None:
    """Every page the load hits answers 200 before the load starts."""
    import requests

    def session_for(username: str) -> requests.Session:
        session = requests.Session()
        page = session.get(base + "/login/", timeout=10)
        assert page.status_code == 200, f"login page: HTTP {page.status_code}"
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        form = {"username": username, "password": plan["password"]}
        answer = session.post(
            base + "/login/",
            data={**form, "csrfmiddlewaretoken": token[1]},
            allow_redirects=False,
            timeout=10,
        )
        assert answer.status_code == 302, f"login as {username}: HTTP {answer.status_code}"
        return session

    def ok(session: requests.Session, path: str, **kwargs) -> requests.Response:
        response = session.get(base + path, timeout=30, allow_redirects=False, **kwargs)
        assert response.status_code == 200, f"{path}: HTTP {response.status_code}"
        return response

    checker = session_for(plan["checkers"][0]["username"])
    story = plan["sample_story"]
    htmx = {"HX-Request": "true"}
    for path in ["/", "/queue/", f"/stories/{story}/", f"/stories/{story}/claims/",
                 f"/stories/{story}/compare/", f"/articles/{plan['sample_articles'][0]}/",
                 f"/exports/stream/?format=csv&story={story}"]:  # fmt: skip
        ok(checker, path)
    assert "data-claim-id" in ok(checker, "/queue/?assignee=me", headers=htmx).text
    panel = ok(checker, f"/claims/{plan['checkers'][0]['claims'][0]}/", headers=htmx)
    assert 'name="version"' in panel.text, "the claim panel shows no verdict form"

    editor = session_for(plan["editors"][0])
    started = editor.post(
        base + "/exports/",
        data={"format": "xlsx", "story": story},
        headers={**htmx, "X-CSRFToken": editor.cookies["csrftoken"]},
        timeout=30,
    )
    job = re.search(r'id="export-job-([0-9a-f-]{36})"', started.text)
    assert started.status_code == 200 and job, f"export start: HTTP {started.status_code}"
    wait_for(
        lambda: "Download" in ok(editor, f"/exports/{job[1]}/", headers=htmx).text,
        30,
        "the worker to prepare an XLSX export",
        every=0.5,
    )
    ok(editor, f"/exports/{job[1]}/file/")


def csv_rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as rows:
        return list(csv.DictReader(rows))


def read_stats(prefix: Path) -> tuple[dict[str, dict], dict, list[tuple[int, str]]]:
    """Per-page rows and the aggregate from locust's CSV, and its exceptions."""
    rows, total = {}, {}
    for row in csv_rows(Path(f"{prefix}_stats.csv")):
        if row["Name"] == "Aggregated":
            total = row
        elif int(row["Request Count"]):
            rows[row["Name"]] = row
    exceptions = csv_rows(Path(f"{prefix}_exceptions.csv"))
    return rows, total, [(int(r["Count"]), r["Message"]) for r in exceptions]


def failure_messages(prefix: Path) -> list[str]:
    return [
        f"{r['Occurrences']:>5} x {r['Name']}: {r['Error']}"
        for r in csv_rows(Path(f"{prefix}_failures.csv"))
    ]


def verdicts_written(since_id: int) -> dict[str, int]:
    from django.db.models import Count

    from claims.models import Verdict

    rows = (
        Verdict.objects.filter(pk__gt=since_id)
        .values("checked_by__username")
        .annotate(n=Count("pk"))
    )
    return {row["checked_by__username"]: row["n"] for row in rows}


def report(prefix: Path, tally: dict, written: dict[str, int]) -> bool:
    rows, total, exceptions = read_stats(prefix)
    start, end = tally["window"]
    window = (end - start) if start and end else float("nan")
    floor = float(rows["healthz"]["95%"]) if "healthz" in rows else float("nan")

    def ms(row: dict, column: str) -> float:
        return float(row[column]) if row[column] not in ("", "N/A") else float("nan")

    print(f"\nmeasured window {window:.1f} s (from the moment the whole desk was logged in)")
    head = f"{'page':20} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
    print(head + f" {'failures':>8} {'p95/floor':>9}")
    names = [n for n in PAGES if n in rows] + sorted(n for n in rows if n not in PAGES)
    for name in names:
        row = rows[name]
        count = int(row["Request Count"])
        print(
            f"{name:20} {count:8d} {count / window:7.1f} {ms(row, '50%'):7.0f}"
            f" {ms(row, '95%'):7.0f} {ms(row, '99%'):7.0f} {int(row['Failure Count']):8d}"
            f" {ms(row, '95%') / floor:8.1f}x"
        )
    requests_total = int(total.get("Request Count", 0))
    failures = int(total.get("Failure Count", 0))
    raised = sum(count for count, _ in exceptions)
    errors = failures + raised + len(tally["logins_failed"])
    print(f"{'total':20} {requests_total:8d} {requests_total / window:7.1f}")
    if requests_total != tally.get("requests"):
        print(f"  note: locust counted {tally.get('requests')} requests, its CSV {requests_total}")

    logins = sorted(tally["login_seconds"])
    if logins:
        median, worst = logins[len(logins) // 2], logins[-1]
        print(
            f"\nlogins before the window: {tally['logins_ok']} ok, "
            f"{len(tally['logins_failed'])} refused; median {median:.2f} s, slowest {worst:.2f} s"
        )
    exports = tally["exports"]
    print(
        f"XLSX exports prepared by the worker: {exports['done']} done, {exports['failed']} "
        f"failed, {exports['timed_out']} not ready within 30 s"
    )
    refused = len(tally["logins_failed"])
    print(
        f"errors: {errors} ({failures} failed requests, {raised} exceptions in the users, "
        f"{refused} refused logins); 409 conflicts among them: {tally['conflicts']}"
    )
    for line in failure_messages(prefix) + [f"{c:>5} x exception: {m}" for c, m in exceptions]:
        print("  " + line)
    for login in tally["logins_failed"]:
        print("  login refused: " + login)
    if tally["barrier_timed_out"]:
        print("  note: not every user had logged in after the warm-up limit; measured anyway")

    acked = tally["acked"]
    lost = sum(max(0, n - written.get(user, 0)) for user, n in acked.items())
    unacked = sum(max(0, n - acked.get(user, 0)) for user, n in written.items())
    print(
        f"verdicts: {sum(acked.values())} saves acknowledged, {sum(written.values())} rows "
        f"written; {lost} lost, {unacked} written without an acknowledgement"
    )

    def ratio(name: str) -> float:
        return ms(rows[name], "95%") / floor if name in rows else float("nan")

    targets = [
        ("zero errors", errors == 0, f"{errors} errors"),
        (
            f"claim panel p95 <= {TARGET_RATIO:g}x floor",
            ratio("claim panel") <= TARGET_RATIO,
            f"{ratio('claim panel'):.1f}x (floor p95 {floor:.0f} ms)",
        ),
        (
            f"verdict save p95 <= {TARGET_RATIO:g}x floor",
            ratio("verdict save") <= TARGET_RATIO,
            f"{ratio('verdict save'):.1f}x (floor p95 {floor:.0f} ms)",
        ),
        (
            "no verdict lost",
            lost == 0 and sum(acked.values()) > 0,
            f"{lost} of {sum(acked.values())} acknowledged saves missing",
        ),
    ]
    print("\ntargets:")
    for label, met, detail in targets:
        print(f"  {'PASS' if met else 'FAIL'}  {label}: {detail}")
    return all(met for _, met, _ in targets)


def start_locust(env: dict, work: Path, base: str, plan: dict, spawn_rate: float) -> Service:
    # --run-time is only a safety net: the locustfile ends the run after the window.
    return Service([
        sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "load_users.py"),
        "--headless", "--users", str(plan["desk_users"] + 1), "--spawn-rate", str(spawn_rate),
        "--run-time", f"{int(plan['warm_up_limit'] + plan['seconds'] + 60)}s",
        "--stop-timeout", "15", "--host", base, "--csv", str(work / "locust"),
        "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0",
    ], {**env, "LOAD_PLAN": str(work / "plan.json"), "LOAD_TALLY": str(work / "tally.json")},
        work / "locust.log", "locust").start()  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50, help="desk users (default 50)")
    parser.add_argument("--seconds", type=int, default=60, help="measured window (default 60)")
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started per second")
    parser.add_argument("--workers", type=int, default=GUNICORN_WORKERS, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=GUNICORN_THREADS, help="threads each")
    parser.add_argument(
        "--worker-class", default=GUNICORN_WORKER_CLASS, choices=["gthread", "sync"]
    )
    args = parser.parse_args()
    if args.users < 2:
        parser.error("--users must be at least 2: one editor and one fact-checker")
    # SIGTERM unwinds like Ctrl-C, through the finally below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    work = Path(tempfile.mkdtemp(prefix="factdesk-load-"))
    env = load_environment(work)
    # This process sets up and counts through Django on the same database as the server.
    for name in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "EXPORT_DIR", "LOG_LEVEL"):
        os.environ[name] = env[name]
    os.environ.pop("DEBUG", None)
    services: list[Service] = []
    try:
        started = time.perf_counter()
        recreate_database_and_redis()
        import django

        django.setup()
        from django.core.management import call_command

        from claims.models import Verdict

        call_command("migrate", verbosity=0)
        # One child: the sample's extraction and the editors' exports are small, and the
        # two cores are for the web.
        services.append(celery_worker(env, work / "celery.log", loglevel="WARNING"))
        plan = seed_desk(args.users)
        plan.update(seconds=args.seconds, warm_up_limit=max(60, 3 * args.users / args.spawn_rate))
        (work / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
        web, base = gunicorn(
            env,
            work / "gunicorn.log",
            workers=args.workers,
            threads=args.threads,
            worker_class=args.worker_class,
            keep_alive=GUNICORN_KEEP_ALIVE,
        )
        services.append(web)
        smoke_test(base, plan)
        before = Verdict.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        editors = plan["editor_count"]
        print(
            f"setup {time.perf_counter() - started:.0f} s: {len(plan['checkers'])} fact-checkers,"
            f" {editors} editor{'s' if editors != 1 else ''}, {SEEDED_CLAIMS:,} seeded claims and"
            f" the sample story; gunicorn {args.workers} {args.worker_class} workers"
            f" x {args.threads} threads at {base}, every page answers 200"
        )
        print(f"running locust: {args.users} users + 1 health probe for {args.seconds} s ...")

        locust = start_locust(env, work, base, plan, args.spawn_rate)
        services.append(locust)
        locust.process.wait()
        tally_path = work / "tally.json"
        if locust.process.returncode or not tally_path.exists():
            print((work / "locust.log").read_text(errors="replace")[-3000:])
            raise RuntimeError(f"locust failed (exit {locust.process.returncode})")
        tally = json.loads(tally_path.read_text(encoding="utf-8"))
        met = report(work / "locust", tally, verdicts_written(before))
        print(f"\nlogs and locust CSVs: {work}; database {DATABASE} kept for inspection")
        return 0 if met else 1
    except (KeyboardInterrupt, SystemExit):
        print("\ninterrupted: stopping gunicorn, the worker and locust", file=sys.stderr)
        raise
    finally:
        for service in reversed(services):
            service.stop()
        if "django.db" in sys.modules:
            sys.modules["django.db"].connections.close_all()
        shutil.rmtree(work / "exports", ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
