"""Hostile values the Django admin would hand to the database unchecked.

The admin passes list filters, search terms and autocomplete terms straight into queries,
and an action's selected ids straight into `pk__in`. PostgreSQL cannot compare text with a
NUL character in it, and a selection that is no id fails when the action runs; either way
Django answers 500. This middleware answers first: a NUL anywhere in an admin request, or a
list's date drill-down that is no date, is a 400 with a plain message; a selection of rows
that cannot exist goes back to the list with a message, as when nothing is selected.
"""

import re

from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils.html import escape

NUL = "\x00"
NUL_MESSAGE = (
    "The request contains a null character, which FactDesk cannot store or search for. "
    "Remove it and try again."
)
SELECTION_MESSAGE = "Some of the selected items are not rows of this list; select them again."
DATE_MESSAGE = "A date in the address is not a date; choose it from the list's date links."
# The date drill-down of a list (`created_at__year=2026&created_at__month=3`): Django turns
# an overlong number into an OverflowError, which it does not catch.
DATE_PART = re.compile(r"__(year|month|day)$")
DATE_VALUE = re.compile(r"\d{1,4}")


def has_nul(query_dict) -> bool:
    return any(
        NUL in key or any(NUL in value for value in values) for key, values in query_dict.lists()
    )


class AdminInputGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(reverse("admin:index")):
            refusal = self.refuse(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    def refuse(self, request):
        post = request.POST if request.method == "POST" else None
        if has_nul(request.GET) or (post is not None and has_nul(post)):
            return bad_request(NUL_MESSAGE)
        if any(
            DATE_PART.search(key) and not DATE_VALUE.fullmatch(value)
            for key, value in request.GET.items()
        ):
            return bad_request(DATE_MESSAGE)
        if post is not None and post.getlist(ACTION_CHECKBOX_NAME):
            model = changelist_model(request)
            if model is not None and not all(
                is_id_of(model, v) for v in post.getlist(ACTION_CHECKBOX_NAME)
            ):
                messages.error(request, SELECTION_MESSAGE)
                return HttpResponseRedirect(request.get_full_path())
        return None


def bad_request(message: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(
        f"<!doctype html><title>Bad request</title><p>{escape(message)}</p>"
    )


def changelist_model(request):
    """The model whose admin list this request posts to, if it is one."""
    try:
        name = resolve(request.path_info).url_name or ""
    except Resolver404:
        return None
    for model in apps.get_models():
        if f"{model._meta.app_label}_{model._meta.model_name}_changelist" == name:
            return model if admin.site.is_registered(model) else None
    return None


def is_id_of(model, value: str) -> bool:
    field = model._meta.pk
    try:
        field.run_validators(field.to_python(value))
    except ValidationError:
        return False
    return True
