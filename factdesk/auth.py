"""Django's ModelBackend, with the request's user and their permissions read in one query.

Every desk request loads its user from the session and checks a permission. ModelBackend
does that in three queries (the user, then own and groups' permissions). On PostgreSQL the
user is read here with the names of all their permissions as one more column (an
`ArraySubquery`, Django's public API for it), elsewhere the permissions in one more query;
all through the ORM, cached on the user object for the request in an attribute of our own.
Passwords, superusers, inactive users and object permissions are ModelBackend's own.
Why it is kept: docs/operations.md, "Load".
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import OuterRef, QuerySet, Value
from django.db.models.functions import Concat

# The set of the user's permission names ("app_label.codename"), as read for this request.
CACHE_ATTRIBUTE = "desk_permission_names"


def _names(permissions: QuerySet) -> QuerySet:
    return (
        permissions.annotate(full_name=Concat("content_type__app_label", Value("."), "codename"))
        .order_by()  # Permission's default ordering would only sort a set
        .values_list("full_name", flat=True)
    )


def own_permission_names(user) -> QuerySet:
    """The names ("app_label.codename") of a user's own permissions; `user` is a user, their
    id or an `OuterRef` to one."""
    return _names(Permission.objects.filter(user=user))


def group_permission_names(user) -> QuerySet:
    """The names of the permissions of a user's groups (as `own_permission_names`)."""
    return _names(Permission.objects.filter(group__user=user))


def permission_names(user) -> QuerySet:
    """Both, each once, in one query. Two joins each filtered by the user's id, as
    ModelBackend reads them: one `Q(user=…) | Q(group__user=…)` would outer-join every
    member of every group (0.5 s a request at 5,000 users; docs/operations.md)."""
    return own_permission_names(user).union(group_permission_names(user)).order_by()


class DeskBackend(ModelBackend):
    """ModelBackend's answers with the user and their permissions in one query."""

    def get_user(self, user_id):
        if connection.vendor != "postgresql":
            return super().get_user(user_id)
        # The manager ModelBackend.get_user reads through.
        user = (
            get_user_model()
            ._default_manager.annotate(
                own_permission_names=ArraySubquery(own_permission_names(OuterRef("pk"))),
                group_permission_names=ArraySubquery(group_permission_names(OuterRef("pk"))),
            )
            .filter(pk=user_id)
            .first()
        )
        if user is None or not self.user_can_authenticate(user):
            return None
        names = {*user.own_permission_names, *user.group_permission_names}
        setattr(user, CACHE_ATTRIBUTE, names)
        return user

    def get_all_permissions(self, user_obj, obj=None):
        if (
            user_obj.is_superuser
            or not user_obj.is_active
            or user_obj.is_anonymous
            or obj is not None
        ):
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, CACHE_ATTRIBUTE):
            setattr(user_obj, CACHE_ATTRIBUTE, set(permission_names(user_obj)))
        return getattr(user_obj, CACHE_ATTRIBUTE)
