"""The receiving hotline's actions: acknowledge, start work, complete, decline, report the child
located, link its own case."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.cases.actions import add_timeline
from homeward.cases.choices import TimelineKind
from homeward.cases.models import Case
from homeward.crossborder.actions.common import add_event, audit, locked, require_side
from homeward.crossborder.choices import FINAL_STATES, OPEN_STATES, EventKind, State
from homeward.crossborder.models import (
    CooperationRequest,
)
from homeward.crossborder.notify import ASKS_TO_ACKNOWLEDGE, mark_done, notify
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission


def receiver_transition(
    membership: Membership,
    request: CooperationRequest,
    allowed: Iterable[str],
    new_state: str,
    kind: str,
    body: str = "",
) -> CooperationRequest:
    require_side(membership, request, "receiver")
    with transaction.atomic():
        request = locked(request, allowed)
        now = timezone.now()
        request.state = new_state
        if new_state == State.ACKNOWLEDGED:
            request.acknowledged_at = now
        if new_state in FINAL_STATES:
            request.completed_at = now
        if new_state == State.DECLINED:
            request.decline_reason = body
        request.save()
        add_event(request, kind, membership, body)
        mark_done(request, ASKS_TO_ACKNOWLEDGE)  # any answer answers "acknowledge"
        notify(
            request.sender,
            request,
            "state",
            what=request.state,
        )
        audit(
            membership,
            f"request.{new_state}",
            request,
            ["state"] + (["decline_reason"] if body else []),
        )
    return request


def acknowledge(*, membership: Membership, request: CooperationRequest) -> CooperationRequest:
    return receiver_transition(
        membership, request, [State.SENT], State.ACKNOWLEDGED, EventKind.ACKNOWLEDGED
    )


def start_work(*, membership: Membership, request: CooperationRequest) -> CooperationRequest:
    return receiver_transition(
        membership,
        request,
        [State.SENT, State.ACKNOWLEDGED],
        State.IN_PROGRESS,
        EventKind.IN_PROGRESS,
    )


def complete(
    *, membership: Membership, request: CooperationRequest, summary: str = ""
) -> CooperationRequest:
    return receiver_transition(
        membership,
        request,
        [State.ACKNOWLEDGED, State.IN_PROGRESS],
        State.COMPLETED,
        EventKind.COMPLETED,
        summary,
    )


def decline(
    *, membership: Membership, request: CooperationRequest, reason: str
) -> CooperationRequest:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why you decline.")})
    return receiver_transition(
        membership, request, OPEN_STATES, State.DECLINED, EventKind.DECLINED, reason.strip()
    )


def report_located(
    *, membership: Membership, request: CooperationRequest, note: str = ""
) -> CooperationRequest:
    """The receiver reports the child located: the sender is told at once and the 12-hour
    decision clock starts (Regulation (EU) 2018/1862 art. 33)."""
    require_side(membership, request, "receiver")
    with transaction.atomic():
        request = locked(request, OPEN_STATES)
        now = timezone.now()
        request.located_at = now
        request.decision_due_at = now + timedelta(hours=settings.CROSSBORDER_LOCATED_DECISION_HOURS)
        if request.state == State.SENT:
            request.state, request.acknowledged_at = State.ACKNOWLEDGED, now
        request.save()
        add_event(request, EventKind.CHILD_LOCATED, membership, note)
        mark_done(request, ASKS_TO_ACKNOWLEDGE)
        add_timeline(
            request.case,
            TimelineKind.INFORMATION,
            actor=None,
            message="crossborder_located",
            params={
                "org": request.receiver.name,
                "ref": request.reference,
                "due": request.decision_due_at.isoformat(),
            },
        )
        notify(
            request.sender,
            request,
            "located",
            permission=Permission.EDIT_CASES,
        )
        audit(membership, "request.located", request, ["located_at", "decision_due_at"])
    return request


def link_receiver_case(
    *, membership: Membership, request: CooperationRequest, case: Case
) -> CooperationRequest:
    """The receiver's own case for this request: each side then sees the other's status only."""
    require_side(membership, request, "receiver")
    if case.organisation_id != membership.organisation_id:
        raise ValidationError({"case": _("No such case.")})
    with transaction.atomic():
        request = locked(request, [State.SENT, *OPEN_STATES])
        request.receiver_case = case
        request.save(update_fields=["receiver_case"])
        audit(membership, "request.link_case", request, ["receiver_case"])
    return request
