"""The end of an alert: the child found, the case closed, the duration over or the authority
ending it. A Cancel is published in the same transaction, every feed drops the details at once
(they read the state), and the published photo is deleted from public storage on commit."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.alerts.actions.common import audit, locked_active, timeline
from homeward.alerts.actions.publication import publish
from homeward.alerts.choices import AlertState, EndReason, MsgType
from homeward.alerts.models import Alert
from homeward.cases.actions import change_status
from homeward.cases.choices import STATUS_FLOW, Status
from homeward.cases.models import Case
from homeward.core.storage import public_storage
from homeward.crossborder import actions as crossborder
from homeward.crossborder.choices import OPEN_STATES, RequestType
from homeward.crossborder.models import CooperationRequest
from homeward.organisations.access import require_permission
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission


def _end(alert: Alert, membership: Membership | None, reason: str) -> Alert:
    """Within a transaction, on an alert still active (locked)."""
    alert = locked_active(membership, alert)
    alert.state = AlertState.ENDED
    alert.ended_at = timezone.now()
    alert.end_reason = reason
    alert.ended_by = membership.user if membership else None
    photo = alert.photo.name if alert.photo else ""
    alert.photo = ""
    alert.photo_sha1, alert.photo_size = "", None
    alert.save()
    publish(alert, MsgType.CANCEL, membership)
    org = alert.organisation
    audit(membership, "alert.end", alert, ["state", "ended_at", "end_reason"], organisation=org)
    audit(membership, "alert.takedown", alert, ["cap_cancel", "photo", "feeds"], organisation=org)
    timeline(alert.case, membership, "alert_ended", {"ref": alert.reference, "reason": reason})
    if photo:
        transaction.on_commit(lambda: public_storage().delete(photo))
    if membership is not None:
        _withdraw_relays(membership, alert)
    return alert


def _withdraw_relays(membership: Membership, alert: Alert) -> None:
    """The hotlines asked to relay are told to stop: their requests are withdrawn with the
    reason (a closed case's requests were already withdrawn by crossborder). The duration's
    sweep acts for no member and withdraws nothing: the Cancel in the feed tells them."""
    relays = CooperationRequest.objects.filter(
        case=alert.case, request_type=RequestType.ALERT_RELAY, state__in=OPEN_STATES
    )
    reason = _(
        "The child alert %(reference)s has ended (%(why)s). Please stop relaying it and take "
        "down what you published: the photo and the details may no longer be shown."
    ) % {"reference": alert.reference, "why": alert.get_end_reason_display()}
    for request in relays.order_by("pk"):
        crossborder.withdraw(membership=membership, request=request, reason=reason)


def end_alert(*, membership: Membership, alert: Alert, reason: str) -> Alert:
    """Ending must be easy: any member who edits cases may end an alert, with the reason. Ended
    because the child is found, an open case (or one in active search) moves to *found*."""
    require_permission(membership, Permission.EDIT_CASES)
    if reason not in EndReason.values:
        raise ValidationError({"reason": _("Say why the alert ends.")})
    with transaction.atomic():
        ended = _end(alert, membership, reason)
        case = ended.case
        if reason == EndReason.CHILD_FOUND and Status.FOUND in STATUS_FLOW.get(case.status, ()):
            # the case says so too, as if the status had been changed by hand: its other
            # publicity (appeals) is taken down by the same hooks
            change_status(membership=membership, case=case, status=Status.FOUND)
        return ended


def _end_case_alerts(membership: Membership, case: Case, reason: str) -> None:
    for alert in Alert.objects.filter(case=case, state=AlertState.ACTIVE).order_by("pk"):
        _end(alert, membership, reason)


def end_alerts_when_child_found(*, membership: Membership, case: Case) -> None:
    """cases.closing: the child is reported found, in that action's transaction."""
    _end_case_alerts(membership, case, EndReason.CHILD_FOUND)


def end_alerts_when_case_closes(*, membership: Membership, case: Case) -> None:
    """cases.closing: the case closes, in the closure's transaction."""
    _end_case_alerts(membership, case, EndReason.CASE_CLOSED)


def end_expired_alerts() -> int:
    """The periodic sweep: every active alert whose duration is over ends with a Cancel (the
    feeds already hide it from its expiry on). Returns how many ended."""
    ended = 0
    due = Alert.objects.filter(state=AlertState.ACTIVE, expires_at__lte=timezone.now())
    for alert in due.order_by("pk"):
        try:
            with transaction.atomic():
                _end(alert, None, EndReason.DURATION_OVER)
        except ValidationError:  # ended meanwhile by someone else
            continue
        ended += 1
    return ended
