"""Django's ModelBackend, with the request's user and their permissions read in one query.

Every desk request loads its user from the session and checks a permission. ModelBackend
does that in three queries (the user, then own and groups' permissions). On PostgreSQL the
user is read here with the names of all their permissions as one more column (an
`ArraySubquery`, Django's public API for it), elsewhere the permissions in one more query;
all through the ORM, cached on the user object for the request in an attribute of our own.
Passwords, superusers, inactive users and object permissions are ModelBackend's own.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db import connection
from django.db.models import OuterRef, Q, QuerySet, Value
from django.db.models.functions import Concat

# The user's permission names ("app_label.codename"), as read for this request.
CACHE_ATTRIBUTE = "desk_permission_names"


def permission_names(user_id) -> QuerySet:
    """The names of a user's own permissions and their groups' (`user_id` may be an
    OuterRef to the user), each once."""
    return (
        Permission.objects.filter(Q(user=user_id) | Q(group__user=user_id))
        .annotate(full_name=Concat("content_type__app_label", Value("."), "codename"))
        .values("full_name")
        .distinct()
    )


class DeskBackend(ModelBackend):
    """ModelBackend's answers with the user and their permissions in one query."""

    def get_user(self, user_id):
        users = get_user_model()._default_manager.all()
        if connection.vendor == "postgresql":
            from django.contrib.postgres.expressions import ArraySubquery

            users = users.annotate(
                **{CACHE_ATTRIBUTE: ArraySubquery(permission_names(OuterRef("pk")))}
            )
        user = users.filter(pk=user_id).first()
        if user is None or not self.user_can_authenticate(user):
            return None
        return user

    def get_all_permissions(self, user_obj, obj=None):
        if (
            user_obj.is_superuser
            or not user_obj.is_active
            or user_obj.is_anonymous
            or obj is not None
        ):
            return super().get_all_permissions(user_obj, obj)
        names = getattr(user_obj, CACHE_ATTRIBUTE, None)
        if names is None:
            names = list(permission_names(user_obj.pk).values_list("full_name", flat=True))
            setattr(user_obj, CACHE_ATTRIBUTE, names)
        return set(names)
