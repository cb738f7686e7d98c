"""Scoped reads of the trail: an organisation's events, never another's."""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import QuerySet
from django.utils import timezone

from homeward.audit.models import AuditEvent


def events_of_organisation(
    organisation_id: int,
    *,
    action: str = "",
    actor_id: int | None = None,
    object_type: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.filter(organisation_id=organisation_id)
    if action:
        events = events.filter(action__startswith=action)
    if actor_id is not None:
        events = events.filter(actor_id=actor_id)
    if object_type:
        events = events.filter(object_type=object_type)
    if since:
        events = events.filter(
            occurred_at__gte=timezone.make_aware(datetime.combine(since, time.min))
        )
    if until:
        events = events.filter(
            occurred_at__lt=timezone.make_aware(datetime.combine(until, time.max))
        )
    return events.order_by("-seq")
