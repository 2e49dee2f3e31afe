"""A GIN index for the admin's full-text search on claim text (PostgreSQL only).

SQLite, used by `make run` without services, has no GIN indexes; search there falls
back to a plain substring match, so the index is simply not created.
"""

from django.db import migrations

INDEX = "claim_text_search_idx"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON claims_claim "
        "USING gin (to_tsvector('english'::regconfig, COALESCE(text, '')))"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("claims", "0008_merge_event")]

    operations = [migrations.RunPython(create_index, drop_index)]
