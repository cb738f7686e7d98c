"""The hash chain: canonical serialisation and verification. Appending: actions.py, and on
PostgreSQL the chaining trigger in triggers.py, which must serialise events the same way."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64


def canonical_payload(
    *,
    seq: int,
    occurred_at: datetime,
    actor_id: int | None,
    organisation_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    fields: Iterable[str],
    request_id: str,
    client_address: str | None,
    prev_hash: str,
) -> bytes:
    record: dict[str, Any] = {
        "seq": seq,
        "occurred_at": occurred_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "actor_id": actor_id,
        "organisation_id": organisation_id,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "fields": sorted(fields),
        "request_id": request_id,
        "client_address": client_address,
        "prev_hash": prev_hash,
    }
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def payload_of(event: Any) -> bytes:
    """The canonical serialisation of an audit event, from its own fields."""
    return canonical_payload(
        seq=event.seq,
        occurred_at=event.occurred_at,
        actor_id=event.actor_id,
        organisation_id=event.organisation_id,
        action=event.action,
        object_type=event.object_type,
        object_id=event.object_id,
        fields=event.fields,
        request_id=event.request_id,
        client_address=event.client_address,
        prev_hash=event.prev_hash,
    )


def event_hash(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


@dataclass(frozen=True)
class Break:
    seq: int
    event_id: int
    reason: str

    def __str__(self) -> str:
        return f"event #{self.seq} (id {self.event_id}): {self.reason}"


@dataclass(frozen=True)
class Verification:
    checked: int
    head: str
    broken: Break | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def verify(events: Iterator[Any], *, anchor: str | None = None) -> Verification:
    """Walk the events in sequence order and name the first one that breaks the chain.

    `anchor` is a head printed earlier and kept elsewhere: it must still be in the chain,
    which catches the removal of events from its end."""
    previous_hash = GENESIS_HASH
    previous_seq = 0
    checked = 0
    anchor_seen = anchor is None
    for event in events:
        checked += 1
        if event.seq != previous_seq + 1:
            return Verification(
                checked,
                previous_hash,
                Break(
                    event.seq,
                    event.pk,
                    f"sequence jumps from {previous_seq}: events are missing before it",
                ),
            )
        if event.prev_hash != previous_hash:
            return Verification(
                checked,
                previous_hash,
                Break(
                    event.seq,
                    event.pk,
                    "its link to the previous event is broken: "
                    "an event before it was changed, removed or inserted",
                ),
            )
        payload = payload_of(event)
        if event_hash(payload) != event.hash:
            return Verification(
                checked,
                previous_hash,
                Break(
                    event.seq, event.pk, "its contents do not match its hash: the event was changed"
                ),
            )
        previous_hash = event.hash
        previous_seq = event.seq
        anchor_seen = anchor_seen or event.hash == anchor
    if not anchor_seen:
        return Verification(
            checked,
            previous_hash,
            Break(
                previous_seq + 1,
                0,
                f"the anchored head {anchor} is no longer in the chain: "
                f"events after #{previous_seq} were removed",
            ),
        )
    return Verification(checked, previous_hash, None)
