"""The simulated desk for bench/load.py: fact-checkers, editors and a health probe (locust).

Not run on its own: bench/load.py writes the plan (users, their claims, the stories) to
the JSON file named by LOAD_PLAN, starts locust on this file and reads back the CSV stats
and the tally this file writes to LOAD_TALLY (verdicts acknowledged per checker, 409s,
logins, exports, the measured window).

Everyone logs in first (PBKDF2 makes a login cost ~0.4 s of CPU on purpose), and only when
the whole desk is in do the stats reset and the measured window of LOAD_SECONDS start:
fifty logins at once would otherwise be what the first seconds measure.
"""

import html
import itertools
import json
import os
import random
import re
import time
from pathlib import Path

import gevent
from gevent.event import Event
from locust import HttpUser, between, constant_pacing, events, task
from locust.exception import StopUser

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text(encoding="utf-8"))
TALLY_PATH = Path(os.environ["LOAD_TALLY"])
# How long to wait for every user to log in before measuring anyway (and saying so).
WARM_UP_LIMIT = float(PLAN.get("warm_up_limit", 120))
EXPORT_WAIT = 30.0  # seconds an editor waits for a prepared export before calling it failed

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION_INPUT = re.compile(r'name="version" value="(\d+)"')
QUEUE_ROW = re.compile(r'data-claim-id="(\d+)"')
POLL_URL = re.compile(r'id="queue-results" hx-get="([^"]+)"')
NEXT_PAGE = re.compile(r'href="\?([^"]*after=[^"]+)"')
EXPORT_JOB = re.compile(r'id="export-job-([0-9a-f-]{36})"')
RATIONALES = [
    "Matches the wire copy and the company's own statement.",
    "The figure differs from the earnings release; the other outlets agree with it.",
    "The quote loses a word compared with the primary transcript.",
    "Checked against the original interview; wording is the same.",
]

tally = {
    "acked": {},  # checker -> verdict saves the server confirmed ("Verdict saved.")
    "conflicts": 0,  # 409s: the partition should make these impossible
    "logins_ok": 0,
    "logins_failed": [],
    "login_seconds": [],
    "exports": {"done": 0, "failed": 0, "timed_out": 0},
    "window": [None, None],
    "barrier_timed_out": False,
}


def answer(response) -> str:
    """The status for a failure message, or the connection error when there was none."""
    return f"HTTP {response.status_code}" if response.status_code else repr(response.error)


desk_in = Event()  # set once every desk user has logged in: the measured window starts
arrived = itertools.count(1)
checker_slots = itertools.count()
editor_slots = itertools.count()


def start_window(environment) -> None:
    if desk_in.is_set():
        return
    environment.runner.stats.reset_all()
    tally["window"][0] = time.time()
    gevent.spawn_later(PLAN["seconds"], environment.runner.quit)
    desk_in.set()


@events.test_start.add_listener
def on_test_start(environment, **kwargs):
    def too_slow():
        if not desk_in.is_set():
            tally["barrier_timed_out"] = True
            start_window(environment)

    gevent.spawn_later(WARM_UP_LIMIT, too_slow)


@events.test_stop.add_listener
def on_test_stop(environment, **kwargs):
    tally["window"][1] = time.time()
    tally["requests"] = environment.runner.stats.total.num_requests  # to check the CSV by
    TALLY_PATH.write_text(json.dumps(tally), encoding="utf-8")


@events.quitting.add_listener
def on_quitting(environment, **kwargs):
    # Locust rewrites its CSV every second and not again when it closes the files: give
    # its writer one more turn, now that every user has stopped, so the CSV is final.
    gevent.sleep(1.5)


class DeskUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)  # a click every two seconds or so: a busy desk

    username = ""

    def on_start(self):
        logged_in = self.log_in()
        if next(arrived) == PLAN["desk_users"]:
            start_window(self.environment)
        if not logged_in:
            raise StopUser()
        desk_in.wait()
        # Do not start the window with everybody clicking in the same instant.
        gevent.sleep(random.uniform(0, 2))

    def log_in(self) -> bool:
        started = time.perf_counter()
        page = self.client.get("/login/", name="login page")
        token = CSRF_INPUT.search(page.text or "")
        with self.client.post(
            "/login/",
            data={
                "username": self.username,
                "password": PLAN["password"],
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 302 and "/login/" not in response.headers.get(
                "Location", ""
            ):
                tally["logins_ok"] += 1
                tally["login_seconds"].append(time.perf_counter() - started)
                return True
            response.failure(f"login refused: {answer(response)}")
        tally["logins_failed"].append(f"{self.username}: {answer(response)}")
        return False

    def htmx_headers(self, current: str = "/queue/") -> dict[str, str]:
        return {
            "HX-Request": "true",
            "HX-Current-URL": self.host + current,
            "X-CSRFToken": self.client.cookies.get("csrftoken", ""),
        }

    def get_page(self, path: str, name: str, **kwargs):
        with self.client.get(path, name=name, catch_response=True, **kwargs) as response:
            if response.status_code != 200:
                response.failure(answer(response))
            return response


class FactChecker(DeskUser):
    """Works through their own queue: reads claims, records verdicts, reads articles."""

    weight = 1

    def on_start(self):
        slot = next(checker_slots)
        mine = PLAN["checkers"][slot % len(PLAN["checkers"])]
        self.username = mine["username"]
        # Claims assigned to this checker alone, so two checkers never write one claim.
        self.claims = mine["claims"]
        self.in_view = list(self.claims)
        self.poll_url = None  # the queue's poll address, as its last results gave it
        super().on_start()

    @task(5)
    def record_verdict(self):
        claim = random.choice(self.in_view or self.claims)
        panel = self.get_page(f"/claims/{claim}/", "claim panel", headers=self.htmx_headers())
        version = VERSION_INPUT.search(panel.text or "")
        if panel.status_code != 200 or version is None:
            return
        gevent.sleep(random.uniform(0.5, 2))  # reads the versions, types a rationale
        with self.client.post(
            f"/claims/{claim}/verdict/",
            data={
                "label": random.choice(["supported", "varied", "erroneous"]),
                "rationale": random.choice(RATIONALES),
                "evidence": "https://example.org/press-release",
                "version": version.group(1),
            },
            headers=self.htmx_headers(),
            name="verdict save",
            catch_response=True,
        ) as response:
            if response.status_code == 409:
                tally["conflicts"] += 1
                response.failure("409 conflict: someone else changed the claim")
            elif response.status_code != 200 or "Verdict saved." not in response.text:
                response.failure(f"not saved: {answer(response)}")
            else:
                tally["acked"][self.username] = tally["acked"].get(self.username, 0) + 1

    @task(3)
    def refresh_queue(self):
        # The open queue page refreshes its results every 5 s (htmx polling), asking
        # with the fingerprint of what it shows: 204 when nothing on it changed.
        url = self.poll_url or "/queue/?assignee=me"
        with self.client.get(
            url, headers={"HX-Request": "true"}, name="queue refresh", catch_response=True
        ) as response:
            if response.status_code == 204:
                return
            if response.status_code != 200:
                response.failure(answer(response))
                return
        shown = {int(pk) for pk in QUEUE_ROW.findall(response.text or "")}
        self.in_view = [pk for pk in self.claims if pk in shown]
        poll = POLL_URL.search(response.text or "")
        self.poll_url = html.unescape(poll.group(1)) if poll else None

    @task(1)
    def open_queue(self):
        response = self.get_page("/queue/", "queue")
        after = NEXT_PAGE.search(response.text or "")
        if after and random.random() < 0.5:
            self.get_page("/queue/?" + after.group(1).replace("&amp;", "&"), "queue next page")

    @task(1)
    def read_article(self):
        self.get_page(f"/articles/{random.choice(PLAN['sample_articles'])}/", "article")

    @task(1)
    def browse_story(self):
        self.get_page(f"/stories/{PLAN['sample_story']}/", "story")


class Editor(DeskUser):
    """Reads stories side by side and exports reports, streamed or prepared."""

    fixed_count = PLAN["editor_count"]

    def on_start(self):
        self.username = PLAN["editors"][next(editor_slots) % len(PLAN["editors"])]
        super().on_start()

    def any_story(self) -> str:
        # Mostly the five-outlet story; sometimes a 2,000-claim seeded one.
        if random.random() < 0.7:
            return PLAN["sample_story"]
        return random.choice(PLAN["seeded_stories"])

    @task(2)
    def story(self):
        self.get_page(f"/stories/{self.any_story()}/", "story")

    @task(2)
    def compare(self):
        self.get_page(f"/stories/{PLAN['sample_story']}/compare/", "compare")

    @task(1)
    def story_claims(self):
        self.get_page(f"/stories/{self.any_story()}/claims/", "story claims")

    @task(1)
    def story_list(self):
        self.get_page("/", "story list")

    @task(2)
    def export_csv(self):
        self.get_page(f"/exports/stream/?format=csv&story={self.any_story()}", "export CSV stream")

    @task(1)
    def export_xlsx(self):
        with self.client.post(
            "/exports/",
            data={"format": "xlsx", "story": PLAN["sample_story"]},
            headers=self.htmx_headers(f"/stories/{PLAN['sample_story']}/"),
            name="export XLSX start",
            catch_response=True,
        ) as response:
            job = EXPORT_JOB.search(response.text or "")
            if response.status_code != 200 or job is None:
                response.failure(f"no export job: {answer(response)}")
                return
        self.wait_for_export(job.group(1), response.text)

    def wait_for_export(self, job: str, fragment: str) -> None:
        deadline = time.monotonic() + EXPORT_WAIT
        while "Download" not in fragment:
            if "export failed" in fragment or time.monotonic() > deadline:
                key = "failed" if "export failed" in fragment else "timed_out"
                tally["exports"][key] += 1
                # Reported as a failure of the last poll, so it counts as an error.
                self.environment.events.request.fire(
                    request_type="GET",
                    name="export poll",
                    response_time=0,
                    response_length=0,
                    exception=RuntimeError(f"export {job} {key.replace('_', ' ')}"),
                    context={},
                )
                return
            gevent.sleep(1)  # the fragment polls every second (hx-trigger="every 1s")
            fragment = self.get_page(
                f"/exports/{job}/", "export poll", headers={"HX-Request": "true"}
            ).text
        tally["exports"]["done"] += 1
        self.get_page(f"/exports/{job}/file/", "export download")


class HealthProbe(HttpUser):
    """The floor: /healthz (one SELECT 1) four times a second, under the same load."""

    fixed_count = 1
    wait_time = constant_pacing(0.25)

    @task
    def healthz(self):
        with self.client.get("/healthz", name="healthz", catch_response=True) as response:
            if response.status_code != 200 or response.text.strip() != "ok":
                response.failure(answer(response))
