"""Appending to the audit trail. Every action elsewhere calls `record_event` inside its own
transaction, so the change and its audit event commit or roll back together."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from django.db import models, transaction
from django.utils import timezone

from homeward.audit.chain import GENESIS_HASH, canonical_payload, event_hash, lock_chain_head
from homeward.audit.context import current_request_context
from homeward.audit.models import AuditEvent


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
    if target is not None:
        object_type = object_type or target._meta.label_lower
        object_id = object_id or str(target.pk)
    context = current_request_context()
    request_id = context.request_id if context else ""
    client_address = context.client_address if context else None

    lock_chain_head()
    head = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
    seq, prev_hash = (head[0] + 1, head[1]) if head else (1, GENESIS_HASH)
    occurred_at = timezone.now()
    actor_id = int(str(actor.pk)) if actor is not None else None
    organisation_id = int(str(organisation.pk)) if organisation is not None else None
    field_names = sorted(set(fields))
    payload = canonical_payload(
        seq=seq,
        occurred_at=occurred_at,
        actor_id=actor_id,
        organisation_id=organisation_id,
        action=action,
        object_type=object_type,
        object_id=object_id,
        fields=field_names,
        request_id=request_id,
        client_address=client_address,
        prev_hash=prev_hash,
    )
    return AuditEvent.objects.create(
        seq=seq,
        occurred_at=occurred_at,
        actor_id=actor_id,
        organisation_id=organisation_id,
        action=action,
        object_type=object_type,
        object_id=object_id,
        fields=field_names,
        request_id=request_id,
        client_address=client_address,
        prev_hash=prev_hash,
        hash=event_hash(payload),
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
    """Log a read of personal data; reads run outside a transaction, so this opens its own."""
    with transaction.atomic():
        return record_event(
            actor=actor,
            organisation=organisation,
            action=action,
            target=target,
            object_type=object_type,
            object_id=object_id,
            fields=fields,
        )
