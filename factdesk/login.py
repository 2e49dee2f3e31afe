"""Login with throttling: after repeated failures for one username from one address,
further attempts are refused for a while, so passwords cannot be guessed at speed."""

import logging
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import LoginView
from django.core.cache import cache

logger = logging.getLogger(__name__)


def _failure_key(request) -> str:
    username = request.POST.get("username", "").strip().lower()
    address = request.META.get("REMOTE_ADDR", "")
    return f"login-failures:{address}:{username}"


def _tolerantly[T](what: str, fallback: T, operation: Callable[[], T]) -> T:
    # The counts live in Redis. With Redis away the desk still lets people log in (fail
    # open, loudly): an outage must not lock the whole newsroom out.
    try:
        return operation()
    except Exception:
        logger.exception("Login throttling could not %s: the cache cannot be reached", what)
        return fallback


def _failures(key: str) -> int:
    return _tolerantly("read failures", 0, lambda: cache.get(key, 0))


def _count_failure(key: str) -> None:
    def count() -> None:
        cache.add(key, 0, settings.LOGIN_LOCKOUT_SECONDS)
        cache.incr(key)

    _tolerantly("count a failure", None, count)


def _forget_failures(key: str) -> None:
    _tolerantly("clear failures", None, lambda: cache.delete(key))


class ThrottledLoginView(LoginView):
    def post(self, request, *args, **kwargs):
        if _failures(_failure_key(request)) >= settings.LOGIN_MAX_FAILURES:
            form = self.get_form()
            minutes = settings.LOGIN_LOCKOUT_SECONDS // 60
            form.add_error(None, f"Too many failed attempts. Try again in {minutes} minutes.")
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        _count_failure(_failure_key(self.request))
        return super().form_invalid(form)

    def form_valid(self, form):
        _forget_failures(_failure_key(self.request))
        return super().form_valid(form)
