"""The admin site as FactDesk runs it: throttled login, and django-axes' pages trimmed.

Imported by the URL configuration, after every app has registered its admin pages.
"""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError

from factdesk.login import DeskAdminAuthenticationForm


class FailedLoginAdmin(AccessAttemptAdmin):
    """Axes' list of failed logins; deleting an entry unlocks that account at once.

    Without axes' "Clean up expired attempts" action: it fails on any request that is not
    a login (axes 8.3.1 reads login-only request attributes), and every login clears
    expired attempts anyway.
    """

    actions = []


class CheckedAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete box, which redraws a refused form with the value sent back;
    Django would look that value up as an id even when it is none (a 500)."""

    def optgroups(self, name, value, attr=None):
        target = self.field.target_field
        return super().optgroups(name, [v for v in value if _is_value_of(target, v)], attr)


def _is_value_of(field, value) -> bool:
    try:
        field.run_validators(field.to_python(value))
    except ValidationError:
        return False
    return True


class CheckedAutocompleteMixin:
    """For a ModelAdmin with `autocomplete_fields`: use the box above for them."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def configure_admin_site() -> None:
    admin.site.login_form = DeskAdminAuthenticationForm
    admin.site.unregister(AccessAttempt)
    admin.site.register(AccessAttempt, FailedLoginAdmin)
