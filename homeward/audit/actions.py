"""Appending to the audit trail. Every action elsewhere calls `record_event` inside its own
transaction, so the change and its audit event commit or roll back together."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from django.db import connection, models, transaction
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
) -> None:
    """Append one event. Must run inside the transaction of the change (or read) it records."""
    if not transaction.get_connection().in_atomic_block:
        raise AuditTransactionError(f"audit event {action!r} recorded outside a transaction")
    _append(_event(actor, organisation, action, target, object_type, object_id, fields))


def record_read(
    *,
    actor: HasPk | None,
    organisation: HasPk | None,
    action: str,
    target: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    fields: Iterable[str] = (),
) -> None:
    """Log a read of personal data. Reads run outside a transaction: on PostgreSQL the append
    is one statement, atomic by itself; elsewhere it takes a transaction of its own."""
    event = _event(actor, organisation, action, target, object_type, object_id, fields)
    if connection.vendor == "postgresql":
        _append(event)
        return
    with transaction.atomic():
        _append(event)


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
    only_if_found: bool = False,
) -> list[tuple[Any, ...]]:
    """The rows of a read of personal data, in `order_by` (an ORDER BY list naming the read's
    output columns), recorded as one event whether or not it found anything (a search that
    finds nobody is still a search), or `only_if_found` (opening a record by its id: nothing
    was read when there is no such record).

    On PostgreSQL the read and its event are one statement (the event is inserted after the
    read is done, so the chain's lock is held only from the insert to the commit). Elsewhere
    the read, then `record_read`."""
    event = _event(actor, organisation, action, None, object_type, object_id, fields)
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM ({statement}) AS read ORDER BY {order_by}", params)  # noqa: S608 (ours)
            rows = cursor.fetchall()
        if rows or not only_if_found:
            with transaction.atomic():
                _append(event)
        return list(rows)
    found = "WHERE counted.n > 0" if only_if_found else ""
    with connection.cursor() as cursor:
        cursor.execute(
            _ROWS_WITH_EVENT.format(read=statement, order_by=order_by, found=found),
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


def _append(event: AuditEvent) -> None:
    """On PostgreSQL the trigger (triggers.py) sets seq, prev_hash and hash as the row goes in;
    on SQLite, whose transactions serialise writers anyway, they are computed here."""
    if connection.vendor == "postgresql":
        event.save(force_insert=True)
    else:
        _chain_and_insert(event)


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


# {read}: any read; the event is inserted once, from a count of its rows, after it is done
_ROWS_WITH_EVENT = (
    "WITH read AS MATERIALIZED ({read}), recorded AS ("  # noqa: S608
    f"INSERT INTO {TABLE} ({_COLUMNS}) SELECT {_VALUES}, %s "
    "FROM (SELECT count(*) AS n FROM read) counted {found} RETURNING id) "
    "SELECT read.* FROM read ORDER BY {order_by}"
)


def _event_params(event: AuditEvent) -> list[Any]:
    """The values of `_COLUMNS` but the last, object_id."""
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
