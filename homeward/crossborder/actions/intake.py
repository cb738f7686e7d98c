"""The receiving hotline opens its own case from an incoming request, prefilled from what the
sender shared (the latest snapshot, and nothing more), and linked to the request."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from homeward.cases import actions as case_actions
from homeward.cases.actions.common import add_timeline
from homeward.cases.choices import BirthPrecision, TimelineKind
from homeward.cases.models import Case
from homeward.crossborder.actions.common import audit, locked, require_side
from homeward.crossborder.choices import OPEN_STATES, State
from homeward.crossborder.models import CooperationRequest, Snapshot
from homeward.organisations.models import Membership, User

# what a snapshot holds as it is in a case (category and sex are shown as labels there, in the
# sender's language: the receiver chooses them)
COPIED_CHILD_FIELDS = (
    "given_names",
    "family_name",
    "original_script_name",
    "nationalities",
    "languages",
    "physical_description",
    "other_names",
    "clothing",
)
COPIED_CASE_FIELDS = ("last_seen_locality", "last_seen_description")


def shared_children(snapshot: Snapshot | None) -> list[dict[str, Any]]:
    """The children of a snapshot as a new case takes them: names, languages, description and
    the date of birth in whichever precision was shared."""
    children = []
    for entry in (snapshot.data if snapshot else {}).get("children", []):
        shared: dict[str, Any] = entry.get("fields", {})
        child = {name: shared[name] for name in COPIED_CHILD_FIELDS if shared.get(name)}
        if shared.get("birth_date"):
            child["birth_precision"] = BirthPrecision.EXACT
            child["birth_date"] = date.fromisoformat(str(shared["birth_date"]))
        elif shared.get("birth_year"):
            child["birth_precision"] = BirthPrecision.YEAR
            child["birth_year"] = int(shared["birth_year"])
        elif shared.get("estimated_age") and snapshot is not None:
            child["birth_precision"] = BirthPrecision.ESTIMATED
            child["estimated_age"] = int(shared["estimated_age"])
            child["age_estimated_on"] = snapshot.pushed_at.date()
        if any(child.get(n) for n in ("given_names", "family_name", "original_script_name")):
            children.append(child)
    return children


def open_case_from_request(
    *,
    acting_user: User,
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
            acting_user=acting_user,
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
            actor=acting_user,
            message="crossborder_opened",
            params={"ref": request.reference, "org": request.sender.name},
        )
        audit(membership, "request.open_case", request, ["receiver_case"])
    return case
