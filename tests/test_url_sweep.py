"""Every URL pattern the project resolves, swept for every kind of visitor.

One table classifies each pattern; a pattern missing from it fails the first test, so a
new URL cannot escape the sweep. Each URL is built from real rows, and every piece of
desk data carries MARK, so a refused response that leaks any of it is caught.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from articles.models import Article, ExtractionStatus, Feed, FeedPoll, Story
from claims.models import Claim, ClaimCluster, ClaimComment, ClaimEvent, Verdict
from claims.services.review import add_comment, record_verdict
from factdesk.roles import CHECKER, EDITOR, REPORTER
from reports.models import ExportJob
from reports.services import build_export_file
from tests.conftest import user_with_role
from tests.factories import ArticleFactory, ClaimFactory, StoryFactory

MARK = "zqmarkzq"
HTMX = {"HTTP_HX_REQUEST": "true"}
ROLES = (REPORTER, CHECKER, EDITOR)
NO_ROLE = "no role"

# Kinds of pattern.
PUBLIC = "public"  # anyone: login, logout, health check
SCREEN = "screen"  # a page or fragment behind a role permission
WRITE = "write"  # a POST behind a role permission
OWNED = "owned"  # behind a role permission and visible to its owner only
ADMIN = "admin"

ANY_ROLE = frozenset(ROLES)
ADDERS = frozenset({REPORTER, EDITOR})
CHECKERS = frozenset({CHECKER, EDITOR})
EDITORS = frozenset({EDITOR})

# Ids that name nothing: one no test reaches, and one too big for any id column.
NO_PK = [{"pk": 2**31 - 1}, {"pk": 10**20}]
NO_SLUG = [{"slug": "no-such-story"}]
NO_UUID = [{"pk": uuid.UUID("00000000-0000-4000-8000-000000000000")}]


@dataclass
class Desk:
    """Real rows for every id a URL can carry, and the users who ask for them."""

    users: dict
    story: Story
    article: Article
    claim: Claim
    cluster: ClaimCluster
    other_cluster: ClaimCluster
    verdict: Verdict
    comment: ClaimComment
    event: ClaimEvent
    feed: Feed
    poll: FeedPoll
    job: ExportJob
    # Login throttling's records (django-axes), which only a superuser sees.
    attempt: AccessAttempt
    access: AccessLog
    failure: AccessFailureLog


@dataclass(frozen=True)
class Route:
    kind: str
    allowed: frozenset = frozenset()  # the roles whose permission lets them through
    method: str = "GET"
    kwargs: Callable[[Desk], dict] | None = None
    missing: list = field(default_factory=list)  # kwargs naming no row
    data: Callable[[Desk], dict] | None = None  # query string for GET, form for POST
    path: Callable[[Desk], str] | None = None  # unnamed patterns cannot be reversed
    shows_data: bool = True  # the allowed role's response carries desk data
    inputs: tuple = ()  # other request parameters the view reads, for the NUL test
    staff: int = 403  # what a staff user with no model permission gets (admin only)


EXPORT_INPUTS = ("article", "label", "checker", "checked_from", "checked_to", "signed_off_only")
PASSWORD = {role: f"pw-sweep-{role}-1" for role in ROLES}  # what user_with_role sets


def _story(d: Desk) -> dict:
    return {"slug": d.story.slug}


def _article(d: Desk) -> dict:
    return {"pk": d.article.pk}


def _claim(d: Desk) -> dict:
    return {"pk": d.claim.pk}


def _job(d: Desk) -> dict:
    return {"pk": d.job.pk}


PROJECT = {
    "login": Route(
        PUBLIC,
        method="POST",
        data=lambda d: {"username": d.users[CHECKER].username, "password": PASSWORD[CHECKER]},
        inputs=("next",),
    ),
    "logout": Route(PUBLIC, method="POST"),
    "healthz": Route(PUBLIC),
    "story-list": Route(SCREEN, ANY_ROLE),
    "queue": Route(
        SCREEN, ANY_ROLE, inputs=("story", "kind", "state", "assignee", "after", "seen")
    ),
    "story-detail": Route(SCREEN, ANY_ROLE, kwargs=_story, missing=NO_SLUG),
    "story-claims": Route(
        SCREEN, ANY_ROLE, kwargs=_story, missing=NO_SLUG, inputs=("kind", "after")
    ),
    "story-compare": Route(SCREEN, ANY_ROLE, kwargs=_story, missing=NO_SLUG),
    "article-detail": Route(SCREEN, ANY_ROLE, kwargs=_article, missing=NO_PK, inputs=("claim",)),
    # Polled while extraction runs: a status line, no article text.
    "article-status": Route(
        SCREEN, ANY_ROLE, kwargs=_article, missing=NO_PK, shows_data=False, inputs=("inline",)
    ),
    "claim-detail": Route(SCREEN, ANY_ROLE, kwargs=_claim, missing=NO_PK),
    # The panel's lazy parts: every verdict, the audit trail, the clusters to move into.
    "claim-verdicts": Route(SCREEN, ANY_ROLE, kwargs=_claim, missing=NO_PK),
    "claim-audit": Route(SCREEN, ANY_ROLE, kwargs=_claim, missing=NO_PK),
    "claim-move-choices": Route(SCREEN, CHECKERS, kwargs=_claim, missing=NO_PK),
    # The story picker lists every story by title.
    "add-articles": Route(SCREEN, ADDERS, inputs=("story",)),
    "export-stream": Route(
        SCREEN,
        CHECKERS,
        data=lambda d: {"story": d.story.slug, "format": "csv"},
        inputs=EXPORT_INPUTS,
    ),
    "story-assign": Route(
        WRITE, EDITORS, "POST", _story, NO_SLUG, lambda d: {"assignee": d.users[CHECKER].pk}
    ),
    # `mode` is one of three fixed ways in, not a row; an unknown one has its own test.
    "submit-articles": Route(
        WRITE,
        ADDERS,
        "POST",
        lambda d: {"mode": "paste"},
        data=lambda d: {
            "story": d.story.slug,
            "headline": "Port budget",
            "text": "The port spent $3 million on dredging in 2025, the harbour board said.",
        },
        inputs=("new_story", "outlet"),
    ),
    "add-feed": Route(
        WRITE, ADDERS, "POST", _story, NO_SLUG, lambda d: {"url": "https://example.org/news.xml"}
    ),
    "article-reextract": Route(WRITE, EDITORS, "POST", _article, NO_PK),
    "claim-verdict": Route(
        WRITE,
        CHECKERS,
        "POST",
        _claim,
        NO_PK,
        lambda d: {"label": "varied", "rationale": "The board says $4.10."},
        inputs=("evidence", "version"),
    ),
    "claim-take": Route(WRITE, CHECKERS, "POST", _claim, NO_PK),
    "claim-assign": Route(
        WRITE, EDITORS, "POST", _claim, NO_PK, lambda d: {"assignee": d.users[CHECKER].pk}
    ),
    "claim-review": Route(
        WRITE,
        EDITORS,
        "POST",
        _claim,
        NO_PK,
        lambda d: {"step": "send_back", "comment": "Redo."},
        inputs=("version",),
    ),
    "claim-comment": Route(
        WRITE, CHECKERS, "POST", _claim, NO_PK, lambda d: {"text": "Ask the harbour board."}
    ),
    "claim-split": Route(WRITE, CHECKERS, "POST", _claim, NO_PK),
    "claim-reference": Route(WRITE, CHECKERS, "POST", _claim, NO_PK),
    "claim-move": Route(
        WRITE,
        CHECKERS,
        "POST",
        _claim,
        NO_PK,
        lambda d: {"cluster": d.other_cluster.pk},
        inputs=("scope",),
    ),
    "export-start": Route(
        WRITE,
        CHECKERS,
        "POST",
        data=lambda d: {"story": d.story.slug, "format": "pdf"},
        inputs=EXPORT_INPUTS,
    ),
    # The job's status fragment names the format, not the claims.
    "export-job": Route(OWNED, CHECKERS, kwargs=_job, missing=NO_UUID, shows_data=False),
    "export-file": Route(OWNED, CHECKERS, kwargs=_job, missing=NO_UUID),
}


def _admin_model(app: str, model: str, row: Callable[[Desk], object]) -> dict[str, Route]:
    """The six patterns Django's admin adds for each registered model."""
    prefix = f"admin:{app}_{model}"

    def object_id(d: Desk) -> dict:
        return {"object_id": row(d).pk}

    return {
        f"{prefix}_changelist": Route(ADMIN),
        f"{prefix}_add": Route(ADMIN),
        f"{prefix}_change": Route(ADMIN, kwargs=object_id),
        f"{prefix}_history": Route(ADMIN, kwargs=object_id),
        f"{prefix}_delete": Route(ADMIN, kwargs=object_id),
        # The old-style URL only redirects to the change page, which then refuses.
        f"admin/{app}/{model}/<path:object_id>/": Route(
            ADMIN, path=lambda d: f"/admin/{app}/{model}/{row(d).pk}/", staff=302
        ),
    }


ADMIN_SITE = {
    "admin:login": Route(PUBLIC),
    "admin:logout": Route(ADMIN, method="POST", staff=302),
    # A staff user's own pages: the index lists only what they may see (here, nothing).
    "admin:index": Route(ADMIN, staff=200),
    "admin:password_change": Route(ADMIN, staff=200),
    "admin:password_change_done": Route(ADMIN, staff=200),
    "admin:jsi18n": Route(ADMIN, staff=200),
    "admin:autocomplete": Route(
        ADMIN,
        data=lambda d: {
            "app_label": "articles",
            "model_name": "article",
            "field_name": "story",
            "term": MARK,
        },
    ),
    # Hands over to the desk's own URL for the row, which does its own permission check.
    "admin:view_on_site": Route(
        ADMIN,
        kwargs=lambda d: {
            "content_type_id": ContentType.objects.get_for_model(Story).pk,
            "object_id": d.story.pk,
        },
        staff=302,
    ),
    "admin:app_list": Route(ADMIN, kwargs=lambda d: {"app_label": "claims"}, staff=404),
    "admin:auth_user_password_change": Route(
        ADMIN, kwargs=lambda d: {"id": d.users["colleague"].pk}
    ),
    "admin/(?P<url>.*)$": Route(ADMIN, path=lambda d: "/admin/claims/nothing-here/", staff=404),
}

ADMIN_ROUTES = {
    **ADMIN_SITE,
    **_admin_model("auth", "group", lambda d: Group.objects.get(name=CHECKER)),
    **_admin_model("auth", "user", lambda d: d.users["colleague"]),
    **_admin_model("articles", "story", lambda d: d.story),
    **_admin_model("articles", "article", lambda d: d.article),
    # The correction form: the corrected text becomes the article's next revision.
    "admin:articles_article_correct": Route(ADMIN, kwargs=lambda d: {"object_id": d.article.pk}),
    **_admin_model("articles", "feed", lambda d: d.feed),
    **_admin_model("articles", "feedpoll", lambda d: d.poll),
    **_admin_model("claims", "claim", lambda d: d.claim),
    **_admin_model("claims", "verdict", lambda d: d.verdict),
    **_admin_model("claims", "claimcluster", lambda d: d.cluster),
    **_admin_model("claims", "claimevent", lambda d: d.event),
    **_admin_model("claims", "claimcomment", lambda d: d.comment),
    **_admin_model("axes", "accessattempt", lambda d: d.attempt),
    **_admin_model("axes", "accesslog", lambda d: d.access),
    **_admin_model("axes", "accessfailurelog", lambda d: d.failure),
}

ROUTES = {**PROJECT, **ADMIN_ROUTES}

GUARDED = [name for name, route in PROJECT.items() if route.kind != PUBLIC]
REFUSED_ROLES = [
    (name, role) for name in GUARDED for role in ROLES if role not in PROJECT[name].allowed
]
WITH_IDS = [name for name in GUARDED if PROJECT[name].missing]


def url_patterns(patterns=None, prefix="", namespace=""):
    """(key, pattern) for every pattern: its full name, or its full route when unnamed."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            yield (f"{namespace}{pattern.name}" if pattern.name else route), pattern


def url(name: str, desk: Desk, kwargs: dict | None = None) -> str:
    route = ROUTES[name]
    if route.path:
        return route.path(desk)
    if kwargs is None:
        kwargs = route.kwargs(desk) if route.kwargs else {}
    return reverse(name, kwargs=kwargs)


def send(client: Client, name: str, desk: Desk, kwargs: dict | None = None, data=None, **extra):
    route = ROUTES[name]
    if data is None:
        data = route.data(desk) if route.data else {}
    if route.method == "POST":
        return client.post(url(name, desk, kwargs), data, **HTMX, **extra)
    return client.get(url(name, desk, kwargs), data, **extra)


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


DESK_APPS = ("articles", "claims", "reports", "auth")


def desk_rows() -> dict:
    """Every row the desk and its users own: a refused write must leave all of it as it was."""
    rows = {
        model._meta.label: list(model.objects.order_by("pk").values_list())
        for app in DESK_APPS
        for model in apps.get_app_config(app).get_models()
    }
    # Login throttling's records: the failed attempts, and the desk's own log rows (every
    # login adds an access log row of its own).
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        mine = (
            model.objects.all() if model is AccessAttempt else model.objects.filter(user_agent=MARK)
        )
        rows[model._meta.label] = list(mine.order_by("pk").values_list())
    return rows


@pytest.fixture
def desk(db, django_user_model, settings, tmp_path) -> Desk:
    return build_desk(django_user_model, settings, tmp_path)


def build_desk(django_user_model, settings, tmp_path) -> Desk:
    """The rows and users of `desk`; other sweeps (tests/test_hostile_input.py) reuse it."""
    settings.EXPORT_DIR = tmp_path / "exports"
    # A private cache: failed logins counted in the shared one would lock the next run out.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"url-sweep-{uuid.uuid4()}",
        }
    }
    users = {role: user_with_role(django_user_model, f"sweep-{role}", role) for role in ROLES}
    users[NO_ROLE] = django_user_model.objects.create_user("sweep-nobody", password="pw-nobody-1")
    users["colleague"] = user_with_role(
        django_user_model, "sweep-colleague", CHECKER, email=f"{MARK}@example.org"
    )
    users["staff"] = django_user_model.objects.create_user(
        "sweep-staff", password="pw-staff-1", is_staff=True
    )
    story = StoryFactory(slug="harbour-tolls", title=f"Harbour tolls {MARK}")
    article = ArticleFactory(
        story=story,
        headline=f"Tolls rise {MARK}",
        body=f"The toll rose 17% to $4.20 in March, {MARK} records show. The board agreed.",
        extraction_status=ExtractionStatus.DONE,
    )
    second = ArticleFactory(
        story=story,
        outlet="Second Outlet",
        body=f"Tolls rose 17% to $4.20 in March. The {MARK} board said nothing else.",
    )
    cluster = ClaimCluster.objects.create(story=story, label=f"Tolls rose {MARK}", outlet_count=2)
    other_cluster = ClaimCluster.objects.create(story=story, label=f"The board {MARK}")
    claim = ClaimFactory(article=article, cluster=cluster)
    ClaimFactory(article=second, cluster=cluster)
    ClaimFactory(article=second, start=34, end=len(second.body), cluster=other_cluster)
    # A verdict puts the claim in review, so an editor can send it back.
    verdict = record_verdict(
        claim=claim, checked_by=users[CHECKER], label="supported", rationale=f"Ledger {MARK}"
    )
    comment = add_comment(claim=claim, author=users[EDITOR], text=f"Call the port {MARK}")
    feed = Feed.objects.create(story=story, url=f"https://example.org/{MARK}.xml")
    poll = FeedPoll.objects.create(feed=feed, outcome=FeedPoll.Outcome.OK, message=MARK)
    job = ExportJob.objects.create(
        owner=users[CHECKER], export_format="csv", scope={"story": story.slug, "format": "csv"}
    )
    build_export_file(str(job.pk))  # the real file, in this test's own folder
    claim.refresh_from_db()
    who = {
        "username": f"sweep-{MARK}", "ip_address": "192.0.2.9", "user_agent": MARK,
        "http_accept": "*/*", "path_info": "/login/", "attempt_time": timezone.now(),
    }  # fmt: skip
    return Desk(
        users=users, story=story, article=article, claim=claim, cluster=cluster,
        other_cluster=other_cluster, verdict=verdict, comment=comment,
        event=claim.events.first(), feed=feed, poll=poll, job=job,
        attempt=AccessAttempt.objects.create(
            **who, get_data="", post_data=MARK, failures_since_start=1
        ),
        access=AccessLog.objects.create(**who),
        failure=AccessFailureLog.objects.create(**who),
    )  # fmt: skip


def allowed_user(name: str, desk: Desk):
    """The least-privileged role that may use the pattern (for an export, its owner)."""
    route = PROJECT[name]
    if route.kind == OWNED:
        return desk.job.owner
    return desk.users[next(role for role in ROLES if role in route.allowed)]


def logged_in(user, **options) -> Client:
    client = Client(**options)
    client.force_login(user)
    return client


# The table


def test_every_url_pattern_is_classified_in_the_sweep_table():
    keys = [key for key, _ in url_patterns()]
    assert len(keys) == len(set(keys)), "two patterns share a name"
    unclassified = sorted(set(keys) - set(ROUTES))
    assert not unclassified, f"add these URL patterns to the sweep table: {unclassified}"
    stale = sorted(set(ROUTES) - set(keys))
    assert not stale, f"these table entries match no URL pattern any more: {stale}"


# The desk: every project pattern, each kind of visitor


@pytest.mark.parametrize("name", GUARDED)
def test_anonymous_visitors_are_sent_to_log_in_and_see_no_data(
    desk, name, django_capture_on_commit_callbacks
):
    before = desk_rows()
    with django_capture_on_commit_callbacks() as queued:
        response = send(Client(), name, desk)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")
    assert MARK not in body(response)
    assert desk_rows() == before and not queued


@pytest.mark.parametrize("name", GUARDED)
def test_a_user_without_a_role_is_refused_and_sees_no_data(
    desk, name, django_capture_on_commit_callbacks
):
    client = logged_in(desk.users[NO_ROLE])
    before = desk_rows()
    with django_capture_on_commit_callbacks() as queued:
        response = send(client, name, desk)
    assert response.status_code == 403
    assert MARK not in body(response)
    assert desk_rows() == before and not queued


@pytest.mark.parametrize(("name", "role"), REFUSED_ROLES)
def test_a_role_without_the_permission_is_refused_and_changes_nothing(
    desk, name, role, django_capture_on_commit_callbacks
):
    client = logged_in(desk.users[role])
    before = desk_rows()
    with django_capture_on_commit_callbacks() as queued:
        response = send(client, name, desk)
    assert response.status_code == 403
    assert MARK not in body(response)
    assert desk_rows() == before and not queued


@pytest.mark.parametrize("name", GUARDED)
def test_an_allowed_role_with_the_csrf_token_gets_the_data_or_makes_the_change(
    desk, name, django_capture_on_commit_callbacks
):
    # The control for every refusal above: the same request, by a role that may make it,
    # through CSRF checks, does reach the data or change the desk.
    route = PROJECT[name]
    user = allowed_user(name, desk)
    client = logged_in(user, enforce_csrf_checks=True)
    token = client.get(reverse("story-list")).cookies["csrftoken"].value
    before = desk_rows()
    with django_capture_on_commit_callbacks() as queued:
        response = send(client, name, desk, HTTP_X_CSRFTOKEN=token)
    assert response.status_code in (200, 302), (user.username, response.status_code)
    if route.method == "POST":
        assert desk_rows() != before or queued, "the write changed nothing"
    elif route.shows_data:
        assert MARK in body(response)


@pytest.mark.parametrize("name", WITH_IDS)
def test_an_id_or_slug_that_does_not_exist_is_not_found(
    desk, name, django_capture_on_commit_callbacks
):
    route = PROJECT[name]
    client = logged_in(allowed_user(name, desk))
    before = desk_rows()
    for kwargs in route.missing:
        with django_capture_on_commit_callbacks() as queued:
            response = send(client, name, desk, kwargs)
        assert response.status_code == 404, kwargs
        assert MARK not in body(response)
        assert desk_rows() == before and not queued


@pytest.mark.parametrize("name", [name for name, r in PROJECT.items() if r.kind == OWNED])
def test_someone_elses_export_is_not_found_even_by_an_editor(desk, name):
    for user in (desk.users["colleague"], desk.users[EDITOR]):
        response = send(logged_in(user), name, desk)
        assert response.status_code == 404, user
        assert MARK not in body(response)


def test_an_unknown_way_to_add_articles_is_refused_without_saving_anything(desk):
    client = logged_in(desk.users[REPORTER])
    before = desk_rows()
    response = send(client, "submit-articles", desk, {"mode": "carrier-pigeon"})
    assert "Unknown way in." in response.text
    assert desk_rows() == before


@pytest.mark.parametrize("cluster", ["abc", "²", "-1", "", str(2**31 - 1), "9" * 24])
def test_moving_a_claim_to_a_cluster_that_does_not_exist_changes_nothing(desk, cluster):
    client = logged_in(desk.users[CHECKER])
    before = desk_rows()
    response = client.post(
        reverse("claim-move", args=[desk.claim.pk]), {"cluster": cluster}, **HTMX
    )
    assert response.status_code == 200
    assert "Choose a cluster to move it to." in response.text
    assert desk_rows() == before


def test_a_claim_cannot_be_moved_into_another_storys_cluster_by_its_id(desk):
    elsewhere = ClaimCluster.objects.create(story=StoryFactory(), label="Elsewhere")
    client = logged_in(desk.users[CHECKER])
    before = desk_rows()
    response = client.post(
        reverse("claim-move", args=[desk.claim.pk]), {"cluster": elsewhere.pk}, **HTMX
    )
    assert "A claim can only join a cluster of its own story." in response.text
    assert desk_rows() == before


# NUL characters and other hostile values in every parameter: tests/test_hostile_input.py.


@pytest.mark.parametrize("slug", ["a\x00b", "../harbour-tolls", "harbour tolls", "ü"])
def test_a_story_named_by_text_that_is_no_slug_is_no_story(desk, slug):
    client = logged_in(desk.users[REPORTER])
    page = client.get(reverse("add-articles"), {"story": slug})
    assert page.status_code == 200
    before = desk_rows()
    pasted = {"text": "Port news\nThe port moved 3 million tonnes.", "suggested_story": slug}
    response = client.post(reverse("submit-articles", args=["paste"]), pasted, **HTMX)
    assert response.status_code == 200
    assert desk_rows() == before  # no story, so only suggestions, nothing saved


# CSRF: every project pattern refuses a POST without the token


def _csrf_client(name: str, desk: Desk) -> Client:
    """A client that may make the request, except for the token."""
    client = Client(enforce_csrf_checks=True)
    if PROJECT[name].allowed:
        client.force_login(allowed_user(name, desk))
    elif name == "logout":
        client.force_login(desk.users[CHECKER])
    return client


@pytest.mark.parametrize("name", list(PROJECT))
def test_an_htmx_post_without_the_csrf_token_is_refused_and_changes_nothing(
    desk, name, django_capture_on_commit_callbacks
):
    # Every pattern, not only the writes: the middleware stands before every view, so a
    # view that opts out (csrf_exempt) shows up here whatever it does with a POST.
    client = _csrf_client(name, desk)
    session_user = client.session.get("_auth_user_id")
    data = PROJECT[name].data(desk) if PROJECT[name].data else {}
    before = desk_rows()
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(url(name, desk), data, **HTMX)
    assert response.status_code == 403
    assert "CSRF verification failed" in response.text
    assert desk_rows() == before and not queued
    # Nobody was logged in or out.
    assert client.session.get("_auth_user_id") == session_user


@pytest.mark.parametrize("name", ["login", "logout"])
def test_logging_in_and_out_goes_through_with_the_token(desk, name):
    client = _csrf_client(name, desk)
    token = client.get(reverse("login")).cookies["csrftoken"].value
    response = send(client, name, desk, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 302
    assert ("_auth_user_id" in client.session) == (name == "login")


# The admin: every pattern, anonymous, non-staff and staff without model permissions


def _admin_sweep(client: Client, desk: Desk, check) -> list[str]:
    failures = []
    # Logging out last: the requests after it would no longer be this user's.
    for name, route in sorted(ADMIN_ROUTES.items(), key=lambda item: item[0] == "admin:logout"):
        if route.kind == PUBLIC:
            continue
        response = send(client, name, desk)
        problem = check(name, route, response)
        if not problem and MARK in body(response):
            problem = "shows desk data"
        if problem:
            failures.append(f"{name}: {problem} ({response.status_code})")
    return failures


def _sent_to_admin_login(name, route, response) -> str:
    location = response.get("Location", "")
    if response.status_code != 302:
        return "not redirected"
    if name == "admin:logout":
        # Logging out a visitor who is not logged in only leads back to the index.
        return "" if location == reverse("admin:index") else f"sent to {location}"
    if not location.startswith(reverse("admin:login") + "?next="):
        return f"sent to {location}"
    return ""


def test_anonymous_visitors_are_sent_to_the_admin_login_from_every_admin_url(desk):
    before = desk_rows()
    assert _admin_sweep(Client(), desk, _sent_to_admin_login) == []
    assert desk_rows() == before


def test_logged_in_users_who_are_not_staff_are_sent_to_the_admin_login_too(desk):
    client = logged_in(desk.users[EDITOR])  # every desk permission, but not staff
    assert _admin_sweep(client, desk, _sent_to_admin_login) == []


def test_staff_without_model_permissions_are_refused_every_admin_object(desk):
    def refused(name, route, response) -> str:
        if response.status_code != route.staff:
            return f"expected {route.staff}"
        if route.staff == 302 and (route.kwargs or route.path):
            # A redirect from an object's URL must lead to another refusal, never the row.
            followed = client.get(response["Location"])
            if followed.status_code not in (403, 404) or MARK in body(followed):
                return f"redirect led to {followed.status_code}"
        return ""

    client = logged_in(desk.users["staff"])
    before = desk_rows()
    assert _admin_sweep(client, desk, refused) == []
    assert desk_rows() == before


def test_staff_without_model_permissions_cannot_add_change_or_delete_through_the_admin(desk):
    client = logged_in(desk.users["staff"])
    before = desk_rows()
    writes = [
        name
        for name in ADMIN_ROUTES
        if name not in ADMIN_SITE and name.endswith(("_add", "_change", "_delete", "_correct"))
    ]
    # "post" confirms a deletion; the other fields would fill a change form.
    data = {"post": "yes", "title": "Renamed", "text": "Rewritten", "username": "renamed"}
    refused = {name: client.post(url(name, desk), data).status_code for name in writes}
    assert set(refused.values()) == {403}, refused
    assert desk_rows() == before


# Admin actions: the admin's own write endpoints, posted to a changelist


@dataclass(frozen=True)
class Action:
    allowed: frozenset  # the staff roles that may run it ("superuser" for nobody else)
    data: Callable[[Desk], dict]  # the selection and, behind a confirmation page, the answer


def _selected(*rows: Callable[[Desk], object], **answer) -> Callable[[Desk], dict]:
    def data(d: Desk) -> dict:
        values = {k: v(d) if callable(v) else v for k, v in answer.items()}
        return {"index": 0, "_selected_action": [row(d).pk for row in rows], **values}

    return data


SUPERUSER = frozenset({"superuser"})
NOBODY = frozenset()


def _deletable(label: str, row: Callable[[Desk], object], allowed=SUPERUSER) -> dict:
    # No role carries a delete permission: at most a superuser deletes from the admin.
    return {(label, "delete_selected"): Action(allowed, _selected(row, post="yes"))}


ACTIONS = {
    **_deletable("auth.group", lambda d: Group.objects.get(name=CHECKER)),
    **_deletable("auth.user", lambda d: d.users["colleague"]),
    # These take claim events with them, and the audit trail is never deleted.
    **_deletable("articles.story", lambda d: d.story, NOBODY),
    **_deletable("articles.article", lambda d: d.article, NOBODY),
    **_deletable("articles.feed", lambda d: d.feed),
    **_deletable("articles.feedpoll", lambda d: d.poll),
    **_deletable("claims.claim", lambda d: d.claim, NOBODY),
    # Verdicts are history too: corrected by a new verdict, never deleted.
    **_deletable("claims.verdict", lambda d: d.verdict, NOBODY),
    **_deletable("claims.claimcluster", lambda d: d.cluster),
    **_deletable("claims.claimevent", lambda d: d.event, NOBODY),
    # Comments are part of a claim's history too: edited (and recorded), never deleted.
    **_deletable("claims.claimcomment", lambda d: d.comment, NOBODY),
    # Deleting a failed-login record unlocks that account: a superuser's call.
    **_deletable("axes.accessattempt", lambda d: d.attempt),
    **_deletable("axes.accesslog", lambda d: d.access),
    **_deletable("axes.accessfailurelog", lambda d: d.failure),
    ("articles.story", "rematch"): Action(EDITORS, _selected(lambda d: d.story)),
    ("articles.article", "reextract"): Action(EDITORS, _selected(lambda d: d.article)),
    ("claims.claim", "export_csv"): Action(CHECKERS, _selected(lambda d: d.claim)),
    ("claims.claim", "export_json"): Action(CHECKERS, _selected(lambda d: d.claim)),
    ("claims.claim", "reassign"): Action(
        EDITORS,
        _selected(lambda d: d.claim, apply="1", assignee=lambda d: d.users["colleague"].pk),
    ),
    ("claims.claim", "merge_duplicates"): Action(
        EDITORS,
        _selected(
            lambda d: d.claim,
            lambda d: d.cluster.claims.exclude(pk=d.claim.pk).first(),
            apply="1",
            keep=lambda d: d.claim.pk,
        ),
    ),
    ("claims.claim", "move_to_cluster"): Action(
        CHECKERS,
        _selected(lambda d: d.claim, apply="1", cluster=lambda d: d.other_cluster.pk),
    ),
    ("claims.verdict", "restore"): Action(EDITORS, _selected(lambda d: d.verdict)),
}


def _id(value) -> str:
    return "-".join(value) if isinstance(value, tuple) else value


ACTION_REFUSALS = [
    (key, role) for key, action in ACTIONS.items() for role in ROLES if role not in action.allowed
]


def admin_actions():
    """(model label, action name) for every action the admin offers, on lists or forms."""
    from django.contrib import admin
    from django.contrib.admin.options import ActionLocation

    for model, model_admin in admin.site._registry.items():
        for location in ActionLocation:
            for action in model_admin._get_base_actions(location):
                yield model._meta.label_lower, action.name


def post_action(client: Client, key: tuple[str, str], desk: Desk):
    app_label, model = key[0].split(".")
    data = {"action": key[1], **ACTIONS[key].data(desk)}
    return client.post(reverse(f"admin:{app_label}_{model}_changelist"), data)


def staff(desk: Desk, role: str):
    if role == "superuser":
        user = desk.users["staff"]
        user.is_superuser = True
    else:
        user = desk.users[role]
    user.is_staff = True
    user.save(update_fields=["is_staff", "is_superuser"])
    return user


def test_every_admin_action_is_classified_in_the_sweep_table():
    offered = set(admin_actions())
    assert sorted(offered - set(ACTIONS)) == [], "add these admin actions to the sweep table"
    assert sorted(set(ACTIONS) - offered) == [], "these actions are no longer offered"


def test_admin_actions_send_visitors_who_are_not_staff_to_the_admin_login(desk):
    clients = (Client(), logged_in(desk.users[EDITOR]))
    before = desk_rows()
    for client in clients:
        for key in ACTIONS:
            response = post_action(client, key, desk)
            assert response.status_code == 302, key
            assert response["Location"].startswith(reverse("admin:login")), key
    assert desk_rows() == before


def test_admin_actions_are_refused_to_staff_without_model_permissions(desk):
    client = logged_in(desk.users["staff"])
    before = desk_rows()
    for key in ACTIONS:
        response = post_action(client, key, desk)
        assert response.status_code == 403, key
        assert MARK not in body(response), key
    assert desk_rows() == before


@pytest.mark.parametrize(("key", "role"), ACTION_REFUSALS, ids=_id)
def test_an_admin_action_is_refused_to_a_staff_role_without_its_permission(
    desk, key, role, django_capture_on_commit_callbacks
):
    client = logged_in(staff(desk, role))
    before = desk_rows()
    with django_capture_on_commit_callbacks() as queued:
        response = post_action(client, key, desk)
    # Refused outright, or not offered: then the list comes back (the role may view it).
    assert response.status_code in (200, 302, 403), response.status_code
    assert "attachment" not in response.get("Content-Disposition", "")
    assert desk_rows() == before and not queued


@pytest.mark.parametrize("key", [k for k, a in ACTIONS.items() if not a.allowed], ids=_id)
def test_the_audit_trail_and_what_carries_it_cannot_be_deleted_even_by_a_superuser(desk, key):
    client = logged_in(staff(desk, "superuser"))
    before = desk_rows()
    # Not offered: the list comes back, or back to it when the model has other actions.
    assert post_action(client, key, desk).status_code in (200, 302, 403)
    assert desk_rows() == before


@pytest.mark.parametrize("key", [k for k, a in ACTIONS.items() if a.allowed], ids=_id)
def test_an_admin_action_does_its_work_for_a_staff_role_with_its_permission(
    desk, key, django_capture_on_commit_callbacks
):
    # The control for the refusals: the same selection and answer do act.
    role = next(role for role in (*ROLES, "superuser") if role in ACTIONS[key].allowed)
    client = logged_in(staff(desk, role))
    before = desk_rows()
    with django_capture_on_commit_callbacks() as queued:
        response = post_action(client, key, desk)
    assert response.status_code in (200, 302), response.status_code
    if key[1].startswith("export_"):
        assert MARK in body(response)
    else:
        assert desk_rows() != before or queued, "the action changed nothing"
