"""PostgreSQL chains each new event in a trigger (see audit/triggers.py); the append-only
triggers stay.

The SQL is frozen here as this migration first ran it: audit/triggers.py is what the code uses
today, and changing it must not change what an old migration does (a change there needs a new
migration; test_triggers.py checks that the latest one matches)."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

TABLE = "audit_auditevent"
CHAIN_LOCK_KEY = 0x686F6D6577617264  # "homeward"; serialises appends across processes

# Field by field, in sorted key order, exactly as json.dumps(sort_keys=True,
# separators=(",", ":"), ensure_ascii=False): to_json escapes text as Python's encoder does.
_CANONICAL_PAYLOAD = """
    '{"action":' || to_json(NEW.action)::text
    || ',"actor_id":' || coalesce(NEW.actor_id::text, 'null')
    || ',"client_address":' || coalesce(to_json(host(NEW.client_address))::text, 'null')
    || ',"fields":[' || coalesce((
        SELECT string_agg(to_json(f.value)::text, ',' ORDER BY f.value COLLATE "C")
        FROM jsonb_array_elements_text(NEW.fields) AS f(value)
    ), '') || ']'
    || ',"object_id":' || to_json(NEW.object_id)::text
    || ',"object_type":' || to_json(NEW.object_type)::text
    || ',"occurred_at":"'
    || to_char(NEW.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '"'
    || ',"organisation_id":' || coalesce(NEW.organisation_id::text, 'null')
    || ',"prev_hash":' || to_json(NEW.prev_hash)::text
    || ',"request_id":' || to_json(NEW.request_id)::text
    || ',"seq":' || NEW.seq::text
    || '}'
"""

POSTGRES_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION {TABLE}_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'the audit trail is append-only: % refused', TG_OP;
    END;
    $$ LANGUAGE plpgsql
    """,
    f"DROP TRIGGER IF EXISTS {TABLE}_no_change ON {TABLE}",
    f"""
    CREATE TRIGGER {TABLE}_no_change BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {TABLE}_append_only()
    """,
    f"""
    CREATE OR REPLACE FUNCTION {TABLE}_chain() RETURNS trigger AS $$
    DECLARE
        head_seq bigint;
        head_hash varchar(64);
    BEGIN
        -- a volatile function's next query takes a fresh snapshot: it sees the head
        -- committed by whoever held the lock before us
        PERFORM pg_advisory_xact_lock({CHAIN_LOCK_KEY});
        SELECT seq, hash INTO head_seq, head_hash FROM {TABLE} ORDER BY seq DESC LIMIT 1;
        IF NOT FOUND THEN
            head_seq := 0;
            head_hash := repeat('0', 64);
        END IF;
        NEW.seq := head_seq + 1;
        NEW.prev_hash := head_hash;
        NEW.hash := encode(sha256(convert_to({_CANONICAL_PAYLOAD}, 'UTF8')), 'hex');
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql
    """,  # noqa: S608 (constants only)
    f"DROP TRIGGER IF EXISTS {TABLE}_chain ON {TABLE}",
    f"""
    CREATE TRIGGER {TABLE}_chain BEFORE INSERT ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {TABLE}_chain()
    """,
]
POSTGRES_REMOVE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_no_change ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {TABLE}_append_only()",
    f"DROP TRIGGER IF EXISTS {TABLE}_chain ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {TABLE}_chain()",
]
SQLITE_INSTALL = [
    f"""
    CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: UPDATE refused'); END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS {TABLE}_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: DELETE refused'); END
    """,
]
SQLITE_REMOVE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_no_update",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_delete",
]

INSTALL = {"postgresql": POSTGRES_INSTALL, "sqlite": SQLITE_INSTALL}
# reversed, only the chain goes: 0002's append-only triggers stay until 0002 is reversed
REMOVE_CHAIN = {"postgresql": POSTGRES_REMOVE[2:], "sqlite": []}


def _execute(schema_editor: BaseDatabaseSchemaEditor, statements: dict[str, list[str]]) -> None:
    with schema_editor.connection.cursor() as cursor:
        for statement in statements[schema_editor.connection.vendor]:
            cursor.execute(statement)


def install(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _execute(schema_editor, INSTALL)


def remove_chain(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _execute(schema_editor, REMOVE_CHAIN)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]
    operations = [migrations.RunPython(install, remove_chain)]
