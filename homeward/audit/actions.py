"""Appending to the audit trail. Every action elsewhere calls `record_event` inside its own
transaction, so the change and its audit event commit or roll back together."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any, Protocol

from django.db import connection, models, transaction
from django.db.models import Field, signals
from django.utils import timezone

from homeward.audit.chain import GENESIS_HASH, event_hash, payload_of
from homeward.audit.context import current_request_context
from homeward.audit.models import AuditEvent
from homeward.audit.triggers import TABLE


class HasPk(Protocol):
    @property
    def pk(self) -> object: ...


class AuditTransactionError(RuntimeError):
    """An audit event was recorded outside the transaction of the change it describes."""


def record_event(
    *,
    actor: HasPk | None,
    organisation: HasPk | None,
    action: str,
    target: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    fields: Iterable[str] = (),
) -> AuditEvent:
    """Append one event. Must run inside the transaction of the change (or read) it records."""
    if not transaction.get_connection().in_atomic_block:
        raise AuditTransactionError(f"audit event {action!r} recorded outside a transaction")
    return _append(_event(actor, organisation, action, target, object_type, object_id, fields))


def insert_with_event(
    instance: models.Model,
    *,
    actor: HasPk | None,
    organisation: HasPk | None,
    action: str,
    fields: Iterable[str] = (),
) -> AuditEvent:
    """Insert a new row and the event recording its creation, together or not at all.

    On PostgreSQL this is one statement (a data-modifying WITH), atomic by itself: no BEGIN and
    COMMIT round trips when the caller needs nothing else in the transaction, and the chain's
    lock is held for that statement only. Elsewhere it is the ORM's save and `record_event`
    in a transaction. Inside a caller's transaction, both join it.
    """
    if instance._meta.auto_field is not None and instance.pk is not None:
        raise ValueError(f"{instance!r} has a key already: this inserts new rows only")
    if connection.vendor != "postgresql":
        with transaction.atomic():
            instance.save(force_insert=True)
            return record_event(
                actor=actor, organisation=organisation, action=action, target=instance,
                fields=fields,
            )  # fmt: skip
    model = type(instance)
    # as a save does: refuse a foreign key to an unsaved row (it would be stored as NULL)
    instance._prepare_related_fields_for_save(operation_name="save")  # type: ignore[attr-defined]
    signals.pre_save.send(
        sender=model, instance=instance, raw=False, using=connection.alias, update_fields=None
    )
    insert, insert_params = _insert_statement(instance)
    event = _event(actor, organisation, action, None, model._meta.label_lower, "", fields)
    with connection.cursor() as cursor:
        cursor.execute(
            _INSERT_WITH_EVENT.format(insert=insert), [*insert_params, *_event_params(event)]
        )
        row = cursor.fetchone()
    assert row is not None
    event.object_id, event.pk, event.seq, event.prev_hash, event.hash = row
    instance.pk = model._meta.pk.to_python(event.object_id)
    event._state.adding = False
    instance._state.adding = False
    instance._state.db = connection.alias
    signals.post_save.send(
        sender=model,
        instance=instance,
        created=True,
        update_fields=None,
        raw=False,
        using=connection.alias,
    )
    return event


def _insert_statement(instance: models.Model) -> tuple[str, list[Any]]:
    """The INSERT of a new instance, its values prepared as the ORM's save prepares them
    (defaults, auto_now_add, conversions), returning its primary key as "pk"."""
    sql, fields = _insert_template(type(instance))
    values = [field.pre_save(instance, True) for field in fields]
    if any(hasattr(value, "resolve_expression") for value in values):
        raise TypeError(f"{instance!r}: expressions as values are not supported here")
    return sql, [
        field.get_db_prep_save(value, connection)
        for field, value in zip(fields, values, strict=True)
    ]


@cache
def _insert_template(model: type[models.Model]) -> tuple[str, tuple[Field[Any, Any], ...]]:
    meta = model._meta
    if meta.parents:
        raise TypeError(f"{model.__name__}: inherited tables are not supported here")
    fields = tuple(
        field
        for field in meta.local_concrete_fields
        if not field.generated and field is not meta.auto_field
    )
    if any(hasattr(field, "get_placeholder") for field in fields):
        raise TypeError(f"{model.__name__}: fields with their own placeholder are not supported")
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    return (
        f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders}) "  # noqa: S608
        f"RETURNING {quote(meta.pk.column)} AS pk",  # (names from the model's metadata)
        fields,
    )


def record_read(
    *,
    actor: HasPk | None,
    organisation: HasPk | None,
    action: str,
    target: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    fields: Iterable[str] = (),
) -> AuditEvent:
    """Log a read of personal data. Reads run outside a transaction: on PostgreSQL the append
    is one statement, atomic by itself; elsewhere it takes a transaction of its own."""
    event = _event(actor, organisation, action, target, object_type, object_id, fields)
    if connection.vendor == "postgresql":
        return _append(event)
    with transaction.atomic():
        return _append(event)


def read_with_event(
    statement: str,
    params: Sequence[Any],
    *,
    actor: HasPk | None,
    organisation: HasPk | None,
    action: str,
    object_type: str,
    object_id: str,
    fields: Iterable[str] = (),
) -> tuple[Any, ...] | None:
    """The row of a one-row read of personal data, recorded as read only if there is a row.

    On PostgreSQL the read and its event are one statement (the read a MATERIALIZED WITH the
    event is inserted from): one round trip, one transaction. Elsewhere the read and
    `record_read`'s append share a transaction."""
    event = _event(actor, organisation, action, None, object_type, object_id, fields)
    if connection.vendor != "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(statement, params)
                row = cursor.fetchone()
            if row is not None:
                _append(event)
        return None if row is None else tuple(row)
    with connection.cursor() as cursor:
        cursor.execute(
            _READ_WITH_EVENT.format(read=statement),
            [*params, *_event_params(event), object_id],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    *values, event.pk, event.seq, event.prev_hash, event.hash = row
    return tuple(values)


def rows_with_event(
    statement: str,
    params: Sequence[Any],
    *,
    order_by: str,
    actor: HasPk | None,
    organisation: HasPk | None,
    action: str,
    object_type: str,
    object_id: str,
    fields: Iterable[str] = (),
) -> list[tuple[Any, ...]]:
    """The rows of a read of personal data, in `order_by` (an ORDER BY list naming the read's
    output columns), recorded as one event whether or not it found anything: a search that
    finds nobody is still a search.

    On PostgreSQL the read and its event are one statement (the event is inserted after the
    read is done, so the chain's lock is held only from the insert to the commit). Elsewhere
    the read, then `record_read`."""
    event = _event(actor, organisation, action, None, object_type, object_id, fields)
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM ({statement}) AS read ORDER BY {order_by}", params)  # noqa: S608 (ours)
            rows = cursor.fetchall()
        with transaction.atomic():
            _append(event)
        return list(rows)
    with connection.cursor() as cursor:
        cursor.execute(
            _ROWS_WITH_EVENT.format(read=statement, order_by=order_by),
            [*params, *_event_params(event), object_id],
        )
        return list(cursor.fetchall())


def _event(
    actor: HasPk | None,
    organisation: HasPk | None,
    action: str,
    target: models.Model | None,
    object_type: str,
    object_id: str,
    fields: Iterable[str],
) -> AuditEvent:
    if target is not None:
        object_type = object_type or target._meta.label_lower
        object_id = object_id or str(target.pk)
    context = current_request_context()
    return AuditEvent(
        occurred_at=timezone.now(),
        actor_id=int(str(actor.pk)) if actor is not None else None,
        organisation_id=int(str(organisation.pk)) if organisation is not None else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        fields=sorted(set(fields)),
        request_id=context.request_id if context else "",
        client_address=context.client_address if context else None,
    )


def _append(event: AuditEvent) -> AuditEvent:
    if connection.vendor == "postgresql":
        _insert_chained_by_the_database(event)
    else:
        _chain_and_insert(event)
    return event


def _chain_and_insert(event: AuditEvent) -> None:
    """SQLite: its IMMEDIATE transactions let one writer at a time read the head."""
    head = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
    event.seq, event.prev_hash = (head[0] + 1, head[1]) if head else (1, GENESIS_HASH)
    event.hash = event_hash(payload_of(event))
    event.save(force_insert=True)


_COLUMNS = (
    "occurred_at, actor_id, organisation_id, action, object_type, fields, request_id, "
    "client_address, object_id"
)
_VALUES = "%s, %s, %s, %s, %s, %s::jsonb, %s, %s"  # object_id follows
_RETURNING = "RETURNING object_id, id, seq, prev_hash, hash"
# constants only
_INSERT_RETURNING_CHAIN = f"INSERT INTO {TABLE} ({_COLUMNS}) VALUES ({_VALUES}, %s) {_RETURNING}"  # noqa: S608
# {insert}: a new row's INSERT returning its key as "pk" (_insert_statement)
_INSERT_WITH_EVENT = (
    "WITH created AS ({insert}) "  # noqa: S608
    f"INSERT INTO {TABLE} ({_COLUMNS}) SELECT {_VALUES}, created.pk::text FROM created "
    f"{_RETURNING}"
)


# {read}: a statement of one row; the event is inserted only if it gives one
_READ_WITH_EVENT = (
    "WITH read AS MATERIALIZED ({read}), recorded AS ("  # noqa: S608
    f"INSERT INTO {TABLE} ({_COLUMNS}) SELECT {_VALUES}, %s FROM (SELECT FROM read LIMIT 1) one "
    f"{_RETURNING}) "
    "SELECT read.*, recorded.id, recorded.seq, recorded.prev_hash, recorded.hash "
    "FROM read CROSS JOIN recorded"
)


# {read}: any read; the event is inserted once, from a count of its rows, after it is done
_ROWS_WITH_EVENT = (
    "WITH read AS MATERIALIZED ({read}), recorded AS ("  # noqa: S608
    f"INSERT INTO {TABLE} ({_COLUMNS}) SELECT {_VALUES}, %s "
    "FROM (SELECT count(*) FROM read) counted RETURNING id) "
    "SELECT read.* FROM read ORDER BY {order_by}"
)


def _insert_chained_by_the_database(event: AuditEvent) -> None:
    """PostgreSQL: one statement; the trigger (triggers.py) sets seq, prev_hash and hash."""
    with connection.cursor() as cursor:
        cursor.execute(_INSERT_RETURNING_CHAIN, [*_event_params(event), event.object_id])
        row = cursor.fetchone()
    assert row is not None
    _, event.pk, event.seq, event.prev_hash, event.hash = row
    event._state.adding = False


def _event_params(event: AuditEvent) -> list[Any]:
    """The values of `_COLUMNS` but the last, object_id, which an insert with its event takes
    from the row it creates."""
    return [
        event.occurred_at,
        event.actor_id,
        event.organisation_id,
        event.action,
        event.object_type,
        json.dumps(event.fields),
        event.request_id,
        event.client_address,
    ]
