"""PostgreSQL chains each new event in a trigger (see audit/triggers.py)."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from homeward.audit import triggers


def install(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    triggers.install(schema_editor.connection)


def remove_chain(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    triggers.remove_chain(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]
    operations = [migrations.RunPython(install, remove_chain)]
