"""Django's ModelBackend, with the request's user and their permissions read in one query."""

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection


def _permission_ids(user_id: str) -> str:
    """SQL for the ids of a user's own permissions and their groups' (`user_id` is SQL)."""
    own = get_user_model().user_permissions.field
    member = get_user_model().groups.field
    granted = Group.permissions.field
    return f"""
        SELECT {own.m2m_reverse_name()} FROM {own.m2m_db_table()}
        WHERE {own.m2m_column_name()} = {user_id}
        UNION
        SELECT gp.{granted.m2m_reverse_name()} FROM {granted.m2m_db_table()} gp
        JOIN {member.m2m_db_table()} ug ON ug.{member.m2m_reverse_name()} = gp.{granted.m2m_column_name()}
        WHERE ug.{member.m2m_column_name()} = {user_id}
    """  # noqa: E501


@cache
def _permissions_sql() -> str:
    """A user's permissions as (app_label, codename); the parameter is the user's id."""
    return f"""
        SELECT ct.app_label, p.codename
        FROM {Permission._meta.db_table} p
        JOIN {ContentType._meta.db_table} ct ON ct.id = p.content_type_id
        WHERE p.id IN ({_permission_ids("%s")})
    """


@cache
def _user_with_permissions_sql() -> str:
    """The user row plus `permission_names` ("app.codename", …); PostgreSQL only (ARRAY)."""
    user = get_user_model()._meta
    columns = ", ".join(f'u."{field.column}"' for field in user.concrete_fields)
    return f"""
        SELECT {columns}, ARRAY(
            SELECT ct.app_label || '.' || p.codename
            FROM {Permission._meta.db_table} p
            JOIN {ContentType._meta.db_table} ct ON ct.id = p.content_type_id
            WHERE p.id IN ({_permission_ids(f'u."{user.pk.column}"')})
        ) AS permission_names
        FROM {user.db_table} u WHERE u."{user.pk.column}" = %s
    """


class DeskBackend(ModelBackend):
    """ModelBackend's answers (passwords, permissions own and groups', every one for a
    superuser, none for an inactive user), with fewer queries.

    Every desk request loads its user from the session and checks permissions. Django
    does that in three queries built by the ORM (the user, then own and groups'
    permissions, ~1 ms each to compile); on PostgreSQL this reads the user and the
    permissions together in one fixed statement, elsewhere permissions in a second one.
    Both are cached on the user object for the request, in ModelBackend's own attribute.
    """

    def get_user(self, user_id):
        if connection.vendor != "postgresql":
            return super().get_user(user_id)
        users = list(get_user_model().objects.raw(_user_with_permissions_sql(), [user_id]))
        if not users or not self.user_can_authenticate(users[0]):
            return None
        user = users[0]
        if not user.is_superuser:
            user._perm_cache = set(user.permission_names)
        return user

    def get_all_permissions(self, user_obj, obj=None):
        if (
            user_obj.is_superuser
            or not user_obj.is_active
            or user_obj.is_anonymous
            or obj is not None
        ):
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            with connection.cursor() as cursor:
                cursor.execute(_permissions_sql(), [user_obj.pk, user_obj.pk])
                user_obj._perm_cache = {f"{app}.{name}" for app, name in cursor.fetchall()}
        return user_obj._perm_cache
