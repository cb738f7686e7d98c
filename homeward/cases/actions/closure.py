from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.audit.actions import record_event
from homeward.cases import closing
from homeward.cases.actions.common import add_timeline, require_editor
from homeward.cases.choices import Outcome, Status, Support, TimelineKind
from homeward.cases.models import Case, Closure
from homeward.organisations.access import require_own, require_permission
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission

FOUND_OUTCOMES = set(Outcome.values) - {Outcome.STILL_MISSING}


def request_closure(
    *,
    membership: Membership,
    case: Case,
    outcome: str,
    found_on: date | None = None,
    found_country: str = "",
    found_place: str = "",
    how_found: str = "",
    support_offered: Sequence[str] = (),
) -> Closure:
    """The operator proposes the outcome; a supervisor approves before the case closes."""
    require_editor(membership, case)
    errors: dict[str, str] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose an outcome.")
    elif outcome in FOUND_OUTCOMES and found_on is None:
        errors["found_on"] = _("When was the child found?")
    if found_on and found_on > timezone.localdate():
        errors["found_on"] = _("This date is in the future.")
    if found_on and case.disappeared_on and found_on < case.disappeared_on:
        errors["found_on"] = _("This is before the child disappeared.")
    unknown = [s for s in support_offered if s not in Support.values]
    if unknown:
        errors["support_offered"] = _("Unknown kind of support.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.status in (Status.CLOSED, Status.CLOSURE_REQUESTED):
            raise ValidationError(
                {"status": _("This case is already closed or awaiting approval.")}
            )
        closure = Closure.objects.create(
            case=case,
            outcome=outcome,
            found_on=found_on,
            found_country=found_country.upper(),
            found_place=found_place,
            how_found=how_found,
            support_offered=list(support_offered),
            requested_by=membership.user,
        )
        case.status = Status.CLOSURE_REQUESTED
        case.save(update_fields=["status", "updated_at"])
        if outcome in FOUND_OUTCOMES:
            closing.child_found(membership=membership, case=case)
        add_timeline(
            case,
            TimelineKind.CLOSURE,
            actor=membership.user,
            message="closure_requested",
            params={"outcome": outcome},
        )
        record_event(
            actor=membership.user,
            organisation=membership.organisation,
            action="cases.closure.request",
            target=closure,
            fields=[
                "outcome",
                "found_on",
                "found_country",
                "found_place",
                "how_found",
                "support_offered",
            ],
        )
    return closure


def decide_closure(
    *, membership: Membership, closure: Closure, approve: bool, note: str = ""
) -> Closure:
    """A supervisor approves the closure (the case closes) or sends it back with a note."""
    require_permission(membership, Permission.APPROVE)
    require_own(membership, closure.case.organisation_id, "closure")
    if not approve and not note.strip():
        raise ValidationError({"decision_note": _("Say what is missing before it can close.")})
    with transaction.atomic():
        closure = Closure.objects.select_for_update().select_related("case").get(pk=closure.pk)
        if closure.state != Closure.State.REQUESTED:
            raise ValidationError({"state": _("This closure was already decided.")})
        now = timezone.now()
        closure.state = Closure.State.APPROVED if approve else Closure.State.RETURNED
        closure.decided_by, closure.decided_at, closure.decision_note = membership.user, now, note
        closure.save()
        case = closure.case
        case.status = (
            Status.CLOSED
            if approve
            else (Status.FOUND if closure.outcome in FOUND_OUTCOMES else Status.ACTIVE_SEARCH)
        )
        case.closed_at = now if approve else None
        case.save(update_fields=["status", "closed_at", "updated_at"])
        if approve:
            closing.case_closed(membership=membership, case=case)
        add_timeline(
            case,
            TimelineKind.CLOSURE,
            actor=membership.user,
            message="closure_approved" if approve else "closure_returned",
            text=note,
        )
        record_event(
            actor=membership.user,
            organisation=membership.organisation,
            action="cases.closure.approve" if approve else "cases.closure.return",
            target=closure,
            fields=["state", "decided_by", "decision_note"],
        )
    return closure


def reopen_case(*, membership: Membership, case: Case, reason: str) -> Case:
    require_editor(membership, case)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the case is reopened.")})
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.status != Status.CLOSED:
            raise ValidationError({"status": _("Only a closed case can be reopened.")})
        case.status, case.closed_at = Status.OPEN, None
        case.save(update_fields=["status", "closed_at", "updated_at"])
        add_timeline(
            case,
            TimelineKind.STATUS,
            actor=membership.user,
            message="reopened",
            text=reason.strip(),
        )
        record_event(
            actor=membership.user,
            organisation=membership.organisation,
            action="cases.case.reopen",
            target=case,
            fields=["status", "closed_at"],
        )
    return case
