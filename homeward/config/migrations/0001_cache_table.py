"""The database cache's table (settings.CACHE_TABLE), made whichever cache is configured, so
that switching from Redis back to the database needs no extra step. createcachetable builds it
with each database's own column types and does nothing when it exists."""

from django.core.management import call_command
from django.db import migrations

CACHE_TABLE = "homeward_cache"


def create(apps, schema_editor):
    call_command(
        "createcachetable", CACHE_TABLE, database=schema_editor.connection.alias, verbosity=0
    )


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(CACHE_TABLE)}")


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [migrations.RunPython(create, drop)]
