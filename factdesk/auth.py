"""Django's ModelBackend, with the request's user and their permissions read in one query.

Every desk request loads its user from the session and checks a permission. ModelBackend
does that in three queries (the user, then own and groups' permissions). On PostgreSQL the
user is read here with the ids of all their permissions as two more columns (each an
`ArraySubquery` over one of Django's own link tables, public ORM API), elsewhere the
permissions' names in one more query. Ids become names ("claims.record_verdict") through a
table of every permission this process has seen: permissions are rows migrations add and
never rename, so an id not in it (a migration since) reloads it, and a migration or an edit
of a permission in this process clears it (an edit rolled back afterwards is not seen:
permissions change in migrations only). The names are cached on the user object for the
request in an attribute of our own. Passwords, superusers, inactive users and object
permissions are ModelBackend's own. Why it is kept: docs/operations.md, "Load".
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import OuterRef, QuerySet, Value
from django.db.models.functions import Concat
from django.db.models.signals import post_delete, post_migrate, post_save

# The set of the user's permission names ("app_label.codename"), as read for this request.
CACHE_ATTRIBUTE = "desk_permission_names"

# Permission id -> "app_label.codename", for every permission this process has seen.
_names_by_id: dict[int, str] = {}


def _names(permissions: QuerySet) -> QuerySet:
    return (
        permissions.annotate(full_name=Concat("content_type__app_label", Value("."), "codename"))
        .order_by()  # Permission's default ordering would only sort a set
        .values_list("full_name", flat=True)
    )


def permission_names(user) -> QuerySet:
    """The names ("app_label.codename") of a user's own and groups' permissions, each once,
    in one query. Two joins each filtered by the user's id, as ModelBackend reads them: one
    `Q(user=…) | Q(group__user=…)` would outer-join every member of every group (0.5 s a
    request at 5,000 users; docs/operations.md)."""
    own = _names(Permission.objects.filter(user=user))
    return own.union(_names(Permission.objects.filter(group__user=user))).order_by()


def load_permission_names() -> None:
    """Read the table of every permission's name (one query)."""
    _names_by_id.update(_names(Permission.objects.all()).values_list("pk", "full_name"))


def names_of(permission_ids) -> set[str]:
    """The names of these permissions; reads the table of them only when one is new here."""
    if any(pk not in _names_by_id for pk in permission_ids):
        load_permission_names()
    return {_names_by_id[pk] for pk in permission_ids if pk in _names_by_id}


def forget_permission_names(**kwargs) -> None:
    _names_by_id.clear()


for model in (Permission, ContentType):
    post_save.connect(forget_permission_names, sender=model, dispatch_uid=f"desk-{model}-save")
    post_delete.connect(forget_permission_names, sender=model, dispatch_uid=f"desk-{model}-del")
# A migration (or a test's flush) creates permissions in bulk, without post_save.
post_migrate.connect(forget_permission_names, dispatch_uid="desk-permissions-migrate")


class DeskBackend(ModelBackend):
    """ModelBackend's answers with the user and their permissions in one query."""

    def get_user(self, user_id):
        if connection.vendor != "postgresql":
            return super().get_user(user_id)
        user_model = get_user_model()
        own = user_model.user_permissions.through.objects.filter(user_id=OuterRef("pk"))
        grouped = Group.permissions.through.objects.filter(group__user=OuterRef("pk"))
        # The manager ModelBackend.get_user reads through.
        user = (
            user_model._default_manager.annotate(
                own_permission_ids=ArraySubquery(own.values("permission_id")),
                group_permission_ids=ArraySubquery(grouped.values("permission_id")),
            )
            .filter(pk=user_id)
            .first()
        )
        if user is None or not self.user_can_authenticate(user):
            return None
        ids = {*user.own_permission_ids, *user.group_permission_ids}
        setattr(user, CACHE_ATTRIBUTE, names_of(ids))
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
