"""The deadline watch: reminders, then escalation to the supervisors of both hotlines."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from homeward.audit.actions import record_event
from homeward.crossborder.actions.common import add_event
from homeward.crossborder.choices import EventKind, State
from homeward.crossborder.models import (
    CooperationRequest,
)
from homeward.crossborder.notify import notify
from homeward.organisations.roles import Permission


def check_deadlines(*, now: datetime | None = None) -> dict[str, int]:
    """Reminders when three quarters of the time to acknowledge has passed; escalation to the
    supervisors of both hotlines once it has run out. Idempotent: each happens once."""
    now = now or timezone.now()
    counts = {"reminded": 0, "escalated": 0}
    pending = CooperationRequest.objects.filter(
        state=State.SENT, acknowledge_due_at__isnull=False, escalated_at__isnull=True
    )
    for request in pending.select_related("sender", "receiver"):
        with transaction.atomic():
            locked = CooperationRequest.objects.select_for_update().get(pk=request.pk)
            sent_at, due = locked.sent_at, locked.acknowledge_due_at
            if locked.state != State.SENT or sent_at is None or due is None:
                continue
            if now >= due:
                if locked.escalated_at is not None:
                    continue  # escalated once; never reminded after the deadline
                locked.escalated_at = now
                locked.save(update_fields=["escalated_at"])
                add_event(locked, EventKind.ESCALATED, None)
                for organisation in (locked.receiver, locked.sender):
                    notify(organisation, locked, "overdue", permission=Permission.APPROVE)
                record_event(
                    actor=None,
                    organisation=locked.sender,
                    action="crossborder.request.escalate",
                    target=locked,
                    fields=["escalated_at"],
                )
                counts["escalated"] += 1
                continue
            remind_at = sent_at + (due - sent_at) * settings.CROSSBORDER_REMINDER_FRACTION
            if now >= remind_at and locked.reminded_at is None:
                locked.reminded_at = now
                locked.save(update_fields=["reminded_at"])
                add_event(locked, EventKind.REMINDER, None)
                notify(
                    locked.receiver,
                    locked,
                    "reminder",
                    due=due.isoformat(),
                )
                record_event(
                    actor=None,
                    organisation=locked.receiver,
                    action="crossborder.request.remind",
                    target=locked,
                    fields=["reminded_at"],
                )
                counts["reminded"] += 1
    return counts
