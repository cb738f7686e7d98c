"""What the alert actions share: the tenancy re-check, the locked alert and the audit record."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from homeward.alerts.choices import AlertState
from homeward.alerts.models import Alert
from homeward.audit.actions import record_event
from homeward.cases.actions import add_timeline
from homeward.cases.choices import TimelineKind
from homeward.cases.models import Case
from homeward.organisations.access import require_own
from homeward.organisations.models import Membership, Organisation


def audit(
    membership: Membership | None,
    action: str,
    target: models.Model,
    fields: list[str],
    *,
    organisation: Organisation | None = None,
) -> None:
    """The event of an action; a system action (the expiry sweep) has no membership and names
    the `organisation`."""
    record_event(
        actor=membership.user if membership else None,
        organisation=membership.organisation if membership else organisation,
        action=f"alerts.{action}",
        target=target,
        fields=fields,
    )


def timeline(
    case: Case, membership: Membership | None, message: str, params: dict[str, str]
) -> None:
    """An entry in the case's timeline (alerts/timeline.py), put into words when read."""
    add_timeline(case, TimelineKind.PUBLICITY, actor=membership.user if membership else None,
                 message=message, params=params)  # fmt: skip


def locked_active(membership: Membership | None, alert: Alert) -> Alert:
    """The alert, locked, still active; another organisation's is a 404."""
    if membership is not None:
        require_own(membership, alert.organisation_id, "alert")
    row = Alert.objects.select_for_update().select_related("organisation").get(pk=alert.pk)
    if row.state != AlertState.ACTIVE:
        raise ValidationError({"state": _("This alert has already ended.")})
    return row
