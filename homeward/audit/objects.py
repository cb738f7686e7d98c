"""What an event's object is, in words and as a link, for the DPO's page. The trail keeps
plain ids and depends on nothing above it, so the apps that own the objects register how to
name theirs (at start-up, in their AppConfig.ready); the audit page asks, scoped to the
reader."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Any, NamedTuple

from homeward.audit.models import AuditEvent


class ObjectName(NamedTuple):
    label: str
    url: str | None
    """None when the reader may not open it (or it no longer exists)."""


Namer = Callable[[Any, Collection[str]], dict[str, ObjectName]]
"""The reader (a membership: the trail knows nothing above it), the object ids of one type →
the names of those the reader's organisation has (an id missing is shown as recorded)."""

_NAMERS: dict[str, Namer] = {}


def register(object_type: str, namer: Namer) -> None:
    _NAMERS[object_type] = namer


def names_of(membership: Any, events: Iterable[AuditEvent]) -> dict[tuple[str, str], ObjectName]:
    """One query per object type shown, whatever the number of events."""
    wanted: dict[str, set[str]] = {}
    for event in events:
        if event.object_type in _NAMERS and event.object_id:
            wanted.setdefault(event.object_type, set()).add(event.object_id)
    found: dict[tuple[str, str], ObjectName] = {}
    for object_type, ids in wanted.items():
        for object_id, name in _NAMERS[object_type](membership, ids).items():
            found[(object_type, object_id)] = name
    return found
