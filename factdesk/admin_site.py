"""The admin site as FactDesk runs it: throttled login, and django-axes' pages trimmed.

Imported by the URL configuration, after every app has registered its admin pages.
"""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin

from factdesk.login import DeskAdminAuthenticationForm


class FailedLoginAdmin(AccessAttemptAdmin):
    """Axes' list of failed logins; deleting an entry unlocks that account at once.

    Without axes' "Clean up expired attempts" action: it fails on any request that is not
    a login (axes 8.3.1 reads login-only request attributes), and every login clears
    expired attempts anyway.
    """

    actions = []


def configure_admin_site() -> None:
    admin.site.login_form = DeskAdminAuthenticationForm
    admin.site.unregister(AccessAttempt)
    admin.site.register(AccessAttempt, FailedLoginAdmin)
