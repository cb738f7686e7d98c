"""The receiving hotline opens its own case from an incoming request, prefilled from what the
sender shared (the latest snapshot, and nothing more), and linked to the request."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from homeward.cases import actions as case_actions
from homeward.cases.actions import add_timeline
from homeward.cases.choices import TimelineKind
from homeward.cases.models import Case
from homeward.crossborder.actions.common import audit, locked, require_side
from homeward.crossborder.choices import OPEN_STATES, State
from homeward.crossborder.models import CooperationRequest
from homeward.crossborder.prefill import COPIED_CASE_FIELDS, shared_children
from homeward.organisations.models import Membership


def open_case_from_request(
    *,
    membership: Membership,
    request: CooperationRequest,
    category: str,
    subcategory: str = "",
    summary: str = "",
) -> Case:
    require_side(membership, request, "receiver")
    if request.receiver_case_id is not None:
        raise ValidationError({"state": _("Your hotline already linked a case to this request.")})
    snapshot = request.snapshots.first() if request.share_active else None
    children = shared_children(snapshot)
    if not children:
        raise ValidationError(
            {"children": _("No child's name was shared: open the case from a contact instead.")}
        )
    shared_case: dict[str, Any] = (snapshot.data if snapshot else {}).get("case", {})
    fields = {name: shared_case[name] for name in COPIED_CASE_FIELDS if shared_case.get(name)}
    if shared_case.get("disappeared_on"):
        fields["disappeared_on"] = date.fromisoformat(str(shared_case["disappeared_on"]))
    with transaction.atomic():
        request = locked(request, [State.SENT, *OPEN_STATES])
        case = case_actions.open_case(
            membership=membership,
            children=children,
            category=category,
            subcategory=subcategory,
            summary=summary.strip(),
            is_cross_border=True,
            **fields,
        )
        request.receiver_case = case
        request.save(update_fields=["receiver_case"])
        add_timeline(
            case,
            TimelineKind.INFORMATION,
            actor=membership.user,
            message="crossborder_opened",
            params={"ref": request.reference, "org": request.sender.name},
        )
        audit(membership, "request.open_case", request, ["receiver_case"])
    return case
