"""Fact-checkers and editors may export verdict reports."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ["fact-checker", "editor"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label="claims", codename="export_claims")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(*Permission.objects.filter(codename="export_claims"))


class Migration(migrations.Migration):
    dependencies = [("claims", "0006_exports")]

    operations = [migrations.RunPython(grant, revoke)]
