"""Permissions come from one query, with the same answers as Django's ModelBackend."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from tests.conftest import user_with_role

ROLES = ["reporter", "fact-checker", "editor"]


def fresh(user):
    """The user as the next request loads it: nothing cached yet."""
    return type(user).objects.get(pk=user.pk)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_has_the_same_permissions_as_model_backend_gives(role, django_user_model):
    user = user_with_role(django_user_model, "someone", role)
    user.user_permissions.add(Permission.objects.get(codename="export_claims"))
    assert fresh(user).get_all_permissions() == ModelBackend().get_all_permissions(fresh(user))
    assert "claims.export_claims" in fresh(user).get_all_permissions()


def test_a_request_reads_permissions_once_granted_or_not(
    django_user_model, django_assert_num_queries
):
    user = fresh(user_with_role(django_user_model, "checker", "fact-checker"))
    with django_assert_num_queries(1):
        assert user.has_perm("claims.record_verdict")
        # Denied here, then asked of ModelBackend, which answers from the same cache.
        assert not user.has_perm("claims.sign_off_claims")
        assert not user.has_perm("claims.assign_claims")


def test_inactive_users_have_no_permissions_and_superusers_all(db, django_user_model):
    inactive = user_with_role(django_user_model, "gone", "editor", is_active=False)
    assert not fresh(inactive).has_perm("claims.record_verdict")
    boss = django_user_model.objects.create_superuser("boss", password="pw-boss-1")
    assert fresh(boss).get_all_permissions() == ModelBackend().get_all_permissions(fresh(boss))


def test_logging_in_still_goes_through_model_backend(client, django_user_model):
    # Sessions keep naming ModelBackend, so nobody was logged out when this backend came.
    user_with_role(django_user_model, "checker", "fact-checker")
    assert client.login(username="checker", password="pw-checker-1")
    assert client.session[BACKEND_SESSION_KEY] == "django.contrib.auth.backends.ModelBackend"
    assert not client.login(username="checker", password="wrong")
