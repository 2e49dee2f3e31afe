"""A corpus of hostile values sent to every form field and query parameter of the desk, and to
every admin list filter, search, autocomplete and change form: none may answer 500.

The desk's parameters come from the URL sweep's table (tests/test_url_sweep.py), which
fails when a pattern is missing from it; the admin's are read off its own pages, so a new
filter or field is covered without being listed here.
"""

from html.parser import HTMLParser
from urllib.parse import parse_qsl

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from tests.test_url_sweep import CHECKER, PROJECT, allowed_user, build_desk, send, staff


@pytest.fixture
def desk(db, django_user_model, settings, tmp_path):
    """The URL sweep's desk: real rows for every id a URL can carry, and their users."""
    return build_desk(django_user_model, settings, tmp_path)


HOSTILE = [
    "\x00",
    "a\x00b",
    "\x01\x08\x1b\x7f",  # control characters
    "\u202eevil\u200b\ufeff",  # bidi override, zero-width characters
    "\uff45\uff44\uff49\uff54\uff4f\uff52",  # fullwidth look-alike of "editor"
    "A" * 100_000,
    "-1",
    "0",
    "99999999999999999999999999",
    "1.5e308",
    "NaN",
    "abc",
    "../../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR '1'='1' --",
    "%00%ff",
    "\U0001f642" * 2_000,
    "",
]


# The admin's pages are slower to render; there, values that test the same paths as others
# are left out (no second number, no second kind of markup).
ADMIN_HOSTILE = [
    v for v in HOSTILE if v not in {"0", "NaN", "%00%ff", "../../../etc/passwd", "' OR '1'='1' --"}
]


def hostile_ids(value: str) -> str:
    return repr(value[:12]) + (f"…({len(value)})" if len(value) > 12 else "")


def assert_no_server_error(response, where: str) -> None:
    assert response.status_code < 500, f"{where}: HTTP {response.status_code}"


# The desk: every field and parameter each pattern reads, from the sweep's table.


@pytest.mark.parametrize("name", list(PROJECT))
def test_hostile_values_in_any_desk_parameter_get_an_answer_not_a_server_error(desk, name):
    route = PROJECT[name]
    client = Client()
    if route.allowed:
        client.force_login(allowed_user(name, desk))
    elif name == "logout":
        client.force_login(desk.users[CHECKER])
    data = route.data(desk) if route.data else {}
    for key in [*data, *route.inputs]:
        for value in HOSTILE:
            response = send(client, name, desk, data={**data, key: value})
            assert_no_server_error(response, f"{name} {key}={hostile_ids(value)}")


# The admin: filters, search, sorting and paging of every list; every add and change form.


class FormFields(HTMLParser):
    """Names of the fields of a page's forms, and the links of its filter sidebar."""

    def __init__(self):
        super().__init__()
        self.fields: set[str] = set()
        self.query_keys: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        named = tag in {"input", "textarea", "select"} and attrs.get("name")
        if named and attrs.get("type") not in {"submit", "button"}:
            self.fields.add(attrs["name"])
        if tag == "a" and (attrs.get("href") or "").startswith("?"):
            self.query_keys.update(key for key, _ in parse_qsl(attrs["href"][1:]))


def read_page(client: Client, url: str) -> FormFields:
    response = client.get(url)
    assert response.status_code == 200, f"{url}: HTTP {response.status_code}"
    parsed = FormFields()
    parsed.feed(response.text)
    return parsed


# What every list takes besides its filters: search, order, page, error flag, popups.
LIST_PARAMETERS = {"q", "o", "p", "e", "all", "_to_field", "_popup", "_changelist_filters"}


def registered_models():
    return [m for m in apps.get_models() if admin.site.is_registered(m)]


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def superuser_client(desk):
    client = Client()
    client.force_login(staff(desk, "superuser"))
    return client


@pytest.mark.parametrize("model", registered_models(), ids=lambda m: m._meta.label)
def test_hostile_values_in_admin_list_filters_search_and_paging_get_no_server_error(
    superuser_client, model
):
    changelist = admin_url(model, "changelist")
    keys = read_page(superuser_client, changelist).query_keys | LIST_PARAMETERS
    model_admin = admin.site.get_model_admin(model)
    if model_admin.date_hierarchy:
        field = model_admin.date_hierarchy
        keys |= {f"{field}__year", f"{field}__month", f"{field}__day"}
    for key in sorted(keys):
        for value in ADMIN_HOSTILE:
            response = superuser_client.get(changelist, {key: value})
            assert_no_server_error(response, f"{changelist} ?{key}={hostile_ids(value)}")


def test_hostile_values_in_admin_autocomplete_get_no_server_error(superuser_client):
    url = reverse("admin:autocomplete")
    valid = {"app_label": "articles", "model_name": "article", "field_name": "story"}
    for key in [*valid, "term", "page"]:
        for value in HOSTILE:
            response = superuser_client.get(url, {**valid, "term": "port", key: value})
            assert_no_server_error(response, f"autocomplete {key}={hostile_ids(value)}")


def change_pages(model) -> list[str]:
    pages = []
    model_admin = admin.site.get_model_admin(model)
    row = model.objects.order_by("pk").first()
    if row is not None:
        pages.append(admin_url(model, "change", row.pk))
    if model_admin.has_add_permission(_superuser_request()):
        pages.append(admin_url(model, "add"))
    return pages


def _superuser_request():
    from django.contrib.auth.models import User
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    return request


CSRF = "csrfmiddlewaretoken"


# Each field's value is checked on its own, so one post per hostile value tries it in every
# field at once; a few values are also sent to one field at a time, with the others empty.
ONE_FIELD_AT_A_TIME = ["abc", "\x01\x08\x1b\x7f", "99999999999999999999999999"]


@pytest.mark.parametrize("model", registered_models(), ids=lambda m: m._meta.label)
def test_hostile_values_in_every_admin_form_field_get_no_server_error(superuser_client, model):
    for page in change_pages(model):
        fields = sorted(read_page(superuser_client, page).fields - {CSRF})
        for value in ADMIN_HOSTILE:
            response = superuser_client.post(page, {**dict.fromkeys(fields, value), "_save": "1"})
            assert_no_server_error(response, f"{page} every field={hostile_ids(value)}")
        for field in fields:
            for value in ONE_FIELD_AT_A_TIME:
                response = superuser_client.post(page, {field: value, "_save": "Save"})
                assert_no_server_error(response, f"{page} {field}={hostile_ids(value)}")


def test_the_pages_read_above_do_yield_fields_and_filters(superuser_client):
    # A control: if the parser found nothing, the tests above would prove nothing.
    from articles.models import Story
    from claims.models import Claim

    assert {"title", "slug"} <= read_page(superuser_client, change_pages(Story)[0]).fields
    keys = read_page(superuser_client, admin_url(Claim, "changelist")).query_keys
    assert {"kind__exact", "review_state__exact", "story", "outlet"} <= keys, keys
