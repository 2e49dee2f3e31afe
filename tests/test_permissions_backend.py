"""The user and their permissions come from one query, with ModelBackend's answers."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.urls import reverse

from factdesk.auth import DeskBackend, forget_permission_names
from tests.conftest import user_with_role

ROLES = ["reporter", "fact-checker", "editor"]


def claim_type():
    from django.contrib.contenttypes.models import ContentType

    from claims.models import Claim

    return ContentType.objects.get_for_model(Claim)


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


def test_a_request_reads_its_user_and_every_permission_in_one_query(
    django_user_model, django_assert_num_queries
):
    checker = user_with_role(django_user_model, "checker", "fact-checker")
    checker.user_permissions.add(Permission.objects.get(codename="export_claims"))
    expected = ModelBackend().get_all_permissions(fresh(checker))
    DeskBackend().get_user(checker.pk)  # the process's first: it reads the permissions' names
    with django_assert_num_queries(1):
        user = DeskBackend().get_user(checker.pk)
        assert user == checker
        assert user.get_all_permissions() == expected
        assert user.has_perm("claims.export_claims")
        assert not user.has_perm("claims.sign_off_claims")


def test_a_permission_added_since_the_names_were_read_is_named(db, django_user_model):
    checker = user_with_role(django_user_model, "checker", "fact-checker")
    DeskBackend().get_user(checker.pk)
    # bulk_create, as a migration adds permissions: no signal tells this process.
    (added,) = Permission.objects.bulk_create(
        [Permission(codename="weigh_claims", name="Can weigh", content_type=claim_type())]
    )
    checker.user_permissions.add(added)
    assert DeskBackend().get_user(checker.pk).has_perm("claims.weigh_claims")


@pytest.fixture
def forget_names_afterwards():
    """The test's rename is rolled back with its transaction; the process's table of names
    must not keep it for the tests that follow."""
    yield
    forget_permission_names()


def test_a_renamed_permission_is_named_anew_in_this_process(
    db, django_user_model, forget_names_afterwards
):
    checker = user_with_role(django_user_model, "checker", "fact-checker")
    permission = Permission.objects.get(codename="export_claims")
    checker.user_permissions.add(permission)
    assert DeskBackend().get_user(checker.pk).has_perm("claims.export_claims")
    permission.codename = "export_everything"
    permission.save()
    user = DeskBackend().get_user(checker.pk)
    assert user.has_perm("claims.export_everything")
    assert not user.has_perm("claims.export_claims")


def test_an_inactive_or_unknown_user_is_nobody(db, django_user_model):
    gone = user_with_role(django_user_model, "gone", "editor", is_active=False)
    assert DeskBackend().get_user(gone.pk) is None
    assert DeskBackend().get_user(10**9) is None


def test_a_superuser_loaded_for_a_request_has_every_permission(db, django_user_model):
    boss = django_user_model.objects.create_superuser("boss", password="pw-boss-1")
    loaded = DeskBackend().get_user(boss.pk)
    assert loaded.get_all_permissions() == ModelBackend().get_all_permissions(fresh(boss))


def test_logging_in_checks_the_password_and_names_this_backend(client, django_user_model):
    user_with_role(django_user_model, "checker", "fact-checker")
    # Through the login page: authentication needs the request (axes counts attempts).
    login = reverse("login")
    assert (
        client.post(login, {"username": "checker", "password": "pw-checker-1"}).status_code == 302
    )
    assert client.session[BACKEND_SESSION_KEY] == "factdesk.auth.DeskBackend"
    client.logout()
    assert client.post(login, {"username": "checker", "password": "wrong"}).status_code == 200
    assert BACKEND_SESSION_KEY not in client.session
