"""Login throttling, by django-axes, for every way in (the desk's login and the admin's).

Axes counts failed logins per account and client address in the database and refuses an
account that reached the limit, before its password is checked. Three things are ours:

- the username is counted as Django authenticates it (NFKC-normalised, as the login
  form does), so "editor" in fullwidth letters counts against "editor";
- attempts at one account are judged one at a time (a row lock on the user), so parallel
  guesses cannot all be checked before the first failure is counted;
- the client address is read through a named number of trusted reverse proxies
  (`TRUSTED_PROXY_COUNT`), so clients behind the proxy are not all one address.

See docs/security.md ("Login throttling").
"""

import ipaddress

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import render


def normalised_username(username: object) -> str:
    """The username as the login form hands it to authentication (NFKC, trimmed)."""
    return AbstractBaseUser.normalize_username(str(username or "")).strip()


def attempted_username(request, credentials: dict | None) -> str:
    """AXES_USERNAME_CALLABLE: which account an attempt is counted against."""
    field = get_user_model().USERNAME_FIELD
    if credentials and credentials.get(field) is not None:
        return normalised_username(credentials[field])
    return normalised_username(request.POST.get(field, "") if request else "")


def client_address(request) -> str:
    """AXES_CLIENT_IP_CALLABLE: the address of the client, not of our own proxies.

    Each of the `TRUSTED_PROXY_COUNT` reverse proxies in front of the web server appends
    the address it was connected from to X-Forwarded-For, so the client is the entry that
    many places from the right; anything further left was written by the client and is
    ignored. With no trusted proxies (the default) the header is not read at all.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(hops) < proxies:
        return remote  # did not come through all our proxies
    try:
        return str(ipaddress.ip_address(hops[-proxies]))
    except ValueError:
        return remote


class OneAttemptAtATime:
    """Judge the login attempts at one account one after the other.

    Axes checks the count before the password and counts a failure after it; two
    requests in between would both be judged. Holding the user's row lock across the
    whole authentication makes check, password and count one step per account. (An
    unknown username has no row to lock, and no password to guess.)
    """

    def clean(self):
        raw = self.cleaned_data.get("username")
        if raw is not None and len(raw) > self.fields["username"].max_length:
            # Django's form sets this limit after building the field, so it is not
            # checked; no account has such a name, and axes could not store it.
            raise self.get_invalid_login_error()
        username = normalised_username(raw)
        refusal = None
        with transaction.atomic():
            # Evaluated for the lock alone; nothing is read from the row here.
            list(get_user_model().objects.select_for_update().filter(username=username))
            try:
                cleaned = super().clean()
            except ValidationError as error:
                # Raised outside the block: the failure axes just counted must commit.
                refusal = error
        if refusal is not None:
            raise refusal
        return cleaned


class DeskAuthenticationForm(OneAttemptAtATime, AuthenticationForm):
    pass


class DeskAdminAuthenticationForm(OneAttemptAtATime, AdminAuthenticationForm):
    pass


class DeskLoginView(LoginView):
    form_class = DeskAuthenticationForm


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the login page again, saying why, with 429."""
    minutes = max(1, settings.LOGIN_LOCKOUT_SECONDS // 60)
    form = DeskAuthenticationForm(
        request, initial={"username": attempted_username(request, credentials)}
    )
    context = {
        "form": form,
        "lockout": f"Too many failed attempts. Try again in {minutes} minutes.",
        "next": request.POST.get("next", "") if request.method == "POST" else "",
    }
    return render(request, "registration/login.html", context, status=429)
