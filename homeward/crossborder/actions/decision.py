"""The decision on a located child: what was decided, by which authority, when. Recording it
stops the 12-hour clock (Regulation (EU) 2018/1862 art. 33), and both hotlines see it."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.cases.actions import add_timeline
from homeward.cases.choices import TimelineKind
from homeward.crossborder.actions.common import add_event, audit, locked, require_side
from homeward.crossborder.choices import OPEN_STATES, EventKind, State
from homeward.crossborder.models import CooperationRequest
from homeward.crossborder.notify import ASKS_TO_DECIDE, mark_done, notify
from homeward.organisations.models import Membership

DECISION_FIELDS = ["decision", "decision_authority", "decided_at", "decision_recorded_by"]


def record_decision(
    *,
    membership: Membership,
    request: CooperationRequest,
    decision: str,
    authority: str,
    decided_at: datetime,
) -> CooperationRequest:
    """Either hotline records the decision once, when it hears of it. The time it was taken
    is neither in the future nor before the request was sent."""
    require_side(membership, request, "either")
    errors: dict[str, str] = {}
    if not decision.strip():
        errors["decision"] = _("Say what was decided.")
    if not authority.strip():
        errors["decision_authority"] = _("Name the authority that decided.")
    if decided_at > timezone.now():
        errors["decided_at"] = _("This time is in the future.")
    # to the minute, as people give the time: a decision in the minute the request left is valid
    elif request.sent_at is not None and decided_at < request.sent_at.replace(
        second=0, microsecond=0
    ):
        errors["decided_at"] = _("This is before the request was sent.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        request = locked(request, [*OPEN_STATES, State.COMPLETED])
        if request.located_at is None:
            raise ValidationError({"state": _("The child has not been reported located.")})
        if request.decided_at is not None:
            raise ValidationError({"state": _("The decision was already recorded.")})
        request.decision, request.decision_authority = decision.strip(), authority.strip()
        request.decided_at, request.decision_recorded_by = decided_at, membership.user
        request.decision_organisation = membership.organisation
        request.save(update_fields=[*DECISION_FIELDS, "decision_organisation"])
        add_event(request, EventKind.DECISION, membership, request.decision)
        sender_side = membership.organisation_id == request.sender_id
        # the sender's case always (its clock); the receiver's linked case only for what the
        # receiver wrote itself: what the sender shares never outlives a revocation there
        cases = [request.case]
        if not sender_side and request.receiver_case is not None:
            cases.append(request.receiver_case)
        for case in cases:
            own = case.organisation_id == membership.organisation_id
            add_timeline(
                case,
                TimelineKind.INFORMATION,
                actor=membership.user if own else None,
                message="crossborder_decided",
                params={"ref": request.reference, "authority": request.decision_authority},
                text=request.decision,
                occurred_at=decided_at,
            )
        notify(
            request.receiver if sender_side else request.sender,
            request,
            "decided",
            org=membership.organisation.name,
        )
        mark_done(request, ASKS_TO_DECIDE)
        audit(membership, "request.decision", request, DECISION_FIELDS)
    return request
