"""Asking the hotline of another country to relay an alert: a cross-border request of the type
"Relay a child alert" that shares no case field, only what the alert publishes and its public
addresses."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from homeward.alerts.actions.common import audit, locked_active, timeline
from homeward.alerts.cap.build import absolute
from homeward.alerts.models import Alert
from homeward.crossborder import actions as crossborder
from homeward.crossborder.choices import RequestType, Urgency
from homeward.crossborder.models import CooperationRequest
from homeward.organisations.access import require_permission
from homeward.organisations.models import Membership, Organisation
from homeward.organisations.roles import Permission


def _question(alert: Alert) -> str:
    """The request's question: the published content and the public addresses, nothing more."""
    lines = [
        _("Please relay this child alert (%(reference)s) in your country.")
        % {"reference": alert.reference},
        "",
        alert.headline,
        alert.description,
        alert.instruction,
        _("Number to call: %(number)s") % {"number": alert.hotline_number},
        "",
        _("Public page: %(url)s")
        % {"url": absolute(reverse("alert_public", args=[alert.public_id]))},
        _("CAP message: %(url)s")
        % {"url": absolute(reverse("alert_cap_latest", args=[alert.public_id]))},
    ]  # fmt: skip
    return "\n".join(lines)


def ask_relay(
    *, membership: Membership, alert: Alert, receiver: Organisation
) -> CooperationRequest:
    require_permission(membership, Permission.APPROVE)
    with transaction.atomic():
        alert = locked_active(membership, alert)
        if receiver.pk == membership.organisation_id:
            raise ValidationError({"receiver": _("Choose the hotline of another country.")})
        request = crossborder.draft_request(
            membership=membership,
            case=alert.case,
            receiver=receiver,
            request_type=RequestType.ALERT_RELAY,
            urgency=Urgency.URGENT,
            question=_question(alert),
            shared_fields=(),
        )
        crossborder.send_request(membership=membership, request=request)
        audit(membership, "alert.relay", alert, ["receiver", "request"])
        timeline(alert.case, membership, "alert_relay",
                 {"ref": alert.reference, "org": receiver.name})  # fmt: skip
    return request
