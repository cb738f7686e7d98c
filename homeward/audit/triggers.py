"""Database triggers on the audit table: they refuse UPDATE and DELETE, and on PostgreSQL they
also chain each new event to the previous one.

Chaining in the database makes an append one statement: the trigger takes the chain's lock,
reads the head and computes the SHA-256 of the same canonical serialisation as
`chain.canonical_payload` (which `homeward audit verify` recomputes in Python; the tests check
that both agree on awkward text). Without the trigger an insert fails (seq, prev_hash and hash
arrive NULL), so no event is ever written unchained. On SQLite, whose transactions serialise
writers anyway, the application computes the chain (`actions.record_event`).

The migrations install them, each with its own frozen copy of this SQL (a change here needs a
new migration carrying it; test_trigger_migrations checks that the latest one matches).
`install` is also called by test set-up after a flush, which (like any maintenance with the
power to drop triggers) is outside what the trigger can stop and what the hash chain then
catches.
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

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


def _statements(vendor: str, *, install: bool) -> list[str]:
    if vendor == "postgresql":
        return POSTGRES_INSTALL if install else POSTGRES_REMOVE
    if vendor == "sqlite":
        return SQLITE_INSTALL if install else SQLITE_REMOVE
    raise NotImplementedError(f"no append-only trigger for {vendor}")


def install(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, install=True):
            cursor.execute(statement)


def remove(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, install=False):
            cursor.execute(statement)


def remove_chain(connection: BaseDatabaseWrapper) -> None:
    """Only the chaining trigger (reversing its migration); appending then fails on PostgreSQL
    until it is installed again."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for statement in POSTGRES_REMOVE[2:]:
                cursor.execute(statement)
