"""Appending to the audit trail. Every action elsewhere calls `record_event` inside its own
transaction, so the change and its audit event commit or roll back together."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Protocol

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
) -> AuditEvent:
    """Append one event. Must run inside the transaction of the change (or read) it records."""
    if not transaction.get_connection().in_atomic_block:
        raise AuditTransactionError(f"audit event {action!r} recorded outside a transaction")
    return _append(_event(actor, organisation, action, target, object_type, object_id, fields))


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


_INSERT_RETURNING_CHAIN = f"""
    INSERT INTO {TABLE} (occurred_at, actor_id, organisation_id, action, object_type,
                         object_id, fields, request_id, client_address)
    VALUES (%s, %s, %s, %s, %s, %s, %s::jsonb, %s, %s)
    RETURNING id, seq, prev_hash, hash
"""  # noqa: S608 (a constant table name)


def _insert_chained_by_the_database(event: AuditEvent) -> None:
    """PostgreSQL: one statement; the trigger (triggers.py) sets seq, prev_hash and hash."""
    with connection.cursor() as cursor:
        cursor.execute(
            _INSERT_RETURNING_CHAIN,
            [
                event.occurred_at,
                event.actor_id,
                event.organisation_id,
                event.action,
                event.object_type,
                event.object_id,
                json.dumps(event.fields),
                event.request_id,
                event.client_address,
            ],
        )
        row = cursor.fetchone()
    assert row is not None
    event.pk, event.seq, event.prev_hash, event.hash = row
    event._state.adding = False
