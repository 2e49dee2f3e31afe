"""The newsroom's roles as Django groups, and what each may do.

Kept as plain data so the migration that creates the groups, the demo users and the
permission-matrix test all read the same table. Migrations 0005 and 0007 applied it:
a change here needs a new data migration to reach existing databases.
"""

REPORTER, CHECKER, EDITOR = "reporter", "fact-checker", "editor"

READ = [
    "articles.view_story",
    "articles.view_article",
    "claims.view_claim",
    "claims.view_claimcluster",
    "claims.view_verdict",
    "claims.view_claimcomment",
    "claims.view_claimevent",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    REPORTER: [*READ, "articles.add_story", "articles.add_article"],
    CHECKER: [
        *READ,
        "claims.record_verdict",
        "claims.comment_on_claim",
        "claims.edit_clusters",
        "claims.export_claims",
    ],
    EDITOR: [
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
        "claims.export_claims",
    ],
}


def ensure_role_groups() -> None:
    """Create any missing role group with its permissions (after a database flush, say)."""
    from django.contrib.auth.models import Group, Permission

    for role, codenames in ROLE_PERMISSIONS.items():
        group, created = Group.objects.get_or_create(name=role)
        if not created:
            continue
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
