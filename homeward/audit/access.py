"""Scoped reads of the trail: an organisation's events, never another's."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

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
