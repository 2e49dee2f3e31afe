"""Login with throttling: after repeated failures for one username from one address,
further attempts are refused for a while, so passwords cannot be guessed at speed."""

from django.conf import settings
from django.contrib.auth.views import LoginView
from django.core.cache import cache


def _failure_key(request) -> str:
    username = request.POST.get("username", "").strip().lower()
    address = request.META.get("REMOTE_ADDR", "")
    return f"login-failures:{address}:{username}"


class ThrottledLoginView(LoginView):
    def post(self, request, *args, **kwargs):
        key = _failure_key(request)
        if cache.get(key, 0) >= settings.LOGIN_MAX_FAILURES:
            form = self.get_form()
            minutes = settings.LOGIN_LOCKOUT_SECONDS // 60
            form.add_error(None, f"Too many failed attempts. Try again in {minutes} minutes.")
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        key = _failure_key(self.request)
        cache.add(key, 0, settings.LOGIN_LOCKOUT_SECONDS)
        cache.incr(key)
        return super().form_invalid(form)

    def form_valid(self, form):
        cache.delete(_failure_key(self.request))
        return super().form_valid(form)
