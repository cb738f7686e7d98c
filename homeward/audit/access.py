"""Scoped reads of the trail: an organisation's events, never another's."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet

from homeward.audit.models import AuditEvent


def events_of_organisation(
    organisation_id: int,
    *,
    action: str = "",
    actor_id: int | None = None,
    object_type: str = "",
    occurred_from: datetime | None = None,
    occurred_before: datetime | None = None,
) -> QuerySet[AuditEvent]:
    """The organisation's events, newest first; `occurred_from` included, `occurred_before`
    excluded (the caller turns days into moments in the organisation's time zone)."""
    events = AuditEvent.objects.filter(organisation_id=organisation_id)
    if action:
        events = events.filter(action__startswith=action)
    if actor_id is not None:
        events = events.filter(actor_id=actor_id)
    if object_type:
        events = events.filter(object_type=object_type)
    if occurred_from is not None:
        events = events.filter(occurred_at__gte=occurred_from)
    if occurred_before is not None:
        events = events.filter(occurred_at__lt=occurred_before)
    return events.order_by("-seq")


READ_ACTIONS_ENDING = (".read", ".read_for_edit", ".photo_read", "cases.search")
EXPORT_ACTIONS = ("cases.export", "audit.export")


def recent_reads(organisation_id: int, limit: int) -> list[AuditEvent]:
    """The organisation's latest reads of personal data (records, photos, lists, searches)."""
    reads = Q()
    for ending in READ_ACTIONS_ENDING:
        reads |= Q(action__endswith=ending)
    return list(events_of_organisation(organisation_id).filter(reads)[:limit])


def recent_exports(organisation_id: int, limit: int) -> list[AuditEvent]:
    return list(events_of_organisation(organisation_id).filter(action__in=EXPORT_ACTIONS)[:limit])
