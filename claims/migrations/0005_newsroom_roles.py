"""Create the reporter, fact-checker and editor groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen copy of factdesk/roles.py as it was: later changes come in later migrations.
READ = [
    "articles.view_story",
    "articles.view_article",
    "claims.view_claim",
    "claims.view_claimcluster",
    "claims.view_verdict",
    "claims.view_claimcomment",
    "claims.view_claimevent",
]
ROLE_PERMISSIONS = {
    "reporter": [*READ, "articles.add_story", "articles.add_article"],
    "fact-checker": [
        *READ,
        "claims.record_verdict",
        "claims.comment_on_claim",
        "claims.edit_clusters",
    ],
    "editor": [
        *READ,
        "articles.add_story",
        "articles.add_article",
        "articles.change_story",
        "articles.change_article",
        "claims.change_claim",
        "claims.record_verdict",
        "claims.comment_on_claim",
        "claims.edit_clusters",
        "claims.assign_claims",
        "claims.sign_off_claims",
    ],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure ours exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLE_PERMISSIONS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("articles", "0003_primary_sources"),
        ("claims", "0004_review_workflow"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
