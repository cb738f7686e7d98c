from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.audit.actions import record_event
from homeward.cases import closing
from homeward.cases.actions.children import ChildInput, attach_child
from homeward.cases.actions.common import (
    add_timeline,
    apply_changes,
    case_began,
    refuse_overwrite,
    require_editor,
    require_medical,
    timeline_contact,
    validate,
)
from homeward.cases.choices import (
    MANUAL_TIMELINE_KINDS,
    STATUS_FLOW,
    SUBCATEGORIES,
    Category,
    Status,
    TimelineKind,
)
from homeward.cases.models import (
    Case,
    CaseSequence,
    Contact,
    MigrationDetails,
    ParentalAbductionDetails,
    RunawayDetails,
)
from homeward.cases.versions import require_version
from homeward.core.references import next_number, prefix
from homeward.organisations.models import Membership, Organisation

CASE_FIELDS = {
    "category",
    "subcategory",
    "is_cross_border",
    "reasons",
    "summary",
    "reported_at",
    "disappeared_on",
    "disappeared_approximate",
    "last_seen_country",
    "last_seen_locality",
    "last_seen_description",
    "last_seen_latitude",
    "last_seen_longitude",
    "reporter_name",
    "reporter_relationship",
    "reporter_phone",
    "reporter_email",
    "follow_up_due",
    "police_reference",
    "police_reported_on",
    "sis_category",
    "interpol_notice_requested_on",
    "hague_file",
}
SECTION_MODELS: dict[str, type[ParentalAbductionDetails | MigrationDetails | RunawayDetails]] = {
    Category.PARENTAL_ABDUCTION: ParentalAbductionDetails,
    Category.MIGRANT: MigrationDetails,
    Category.RUNAWAY: RunawayDetails,
}
SECTION_OF_CATEGORY = {
    category: model._meta.get_field("case").related_query_name()
    for category, model in SECTION_MODELS.items()
}
"""The case's relation to its category's own section."""


def _next_reference(organisation: Organisation, year: int) -> str:
    number = next_number(CaseSequence, organisation=organisation, year=year)
    return f"{prefix(organisation)}-{year}-{number:06d}"


PAST_DATES = ("disappeared_on", "police_reported_on", "interpol_notice_requested_on")
"""Dates of what has already happened (a follow-up due date may lie ahead)."""
CLOCK_SKEW = timedelta(minutes=5)


def _check_dates(case: Case) -> None:
    """Nothing that happened is dated in the future; the police and Interpol are not asked
    about a child before the day the child went missing (unless that day is approximate)."""
    today = timezone.localdate()
    errors = {
        name: _("This date is in the future.")
        for name in PAST_DATES
        if getattr(case, name) is not None and getattr(case, name) > today
    }
    if case.reported_at is not None and case.reported_at > timezone.now() + CLOCK_SKEW:
        errors["reported_at"] = _("This time is in the future.")
    if case.disappeared_on is not None and not case.disappeared_approximate:
        for name in ("police_reported_on", "interpol_notice_requested_on"):
            day = getattr(case, name)
            if name not in errors and day is not None and day < case.disappeared_on:
                errors[name] = _("This date is before the child disappeared.")
    if errors:
        raise ValidationError(errors)


def _check_subcategory(case: Case) -> None:
    allowed = SUBCATEGORIES.get(case.category, ())
    if case.subcategory and case.subcategory not in allowed:
        raise ValidationError(
            {"subcategory": _("This subcategory does not belong to the category.")}
        )
    if case.reasons and not isinstance(case.reasons, list):
        raise ValidationError({"reasons": _("Give the reasons as a list.")})


def open_case(
    *,
    membership: Membership,
    children: Sequence[ChildInput],
    contact: Contact | None = None,
    section: Mapping[str, Any] | None = None,
    **fields: Any,
) -> Case:
    """Open a case for one or more children (siblings), optionally from the contact that
    reported it, with the category's own section."""
    require_editor(membership)
    if not children:
        raise ValidationError({"children": _("A case concerns at least one child.")})
    for child in children:  # before anything is looked up or written
        require_medical(membership, child)
    unknown = sorted(set(fields) - CASE_FIELDS)
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in unknown})
    if contact is not None:
        require_editor(membership, contact)
    case = Case(organisation=membership.organisation, assigned_to=membership.user, **fields)
    case.reference = "pending"
    validate(case, exclude=["assigned_to"])
    _check_subcategory(case)
    _check_dates(case)
    with transaction.atomic():
        case.reference = _next_reference(membership.organisation, case.reported_at.year)
        case.save()
        for child_input in children:
            attach_child(membership=membership, case=case, data=child_input)
        if section:
            update_section(membership=membership, case=case, changes=section)
        add_timeline(
            case,
            TimelineKind.STATUS,
            actor=membership.user,
            message="status",
            params={"status": Status.OPEN},
        )
        if contact is not None:
            Contact.objects.filter(pk=contact.pk).update(case=case)
            timeline_contact(case, contact, actor=membership.user)
        record_event(
            actor=membership.user,
            organisation=membership.organisation,
            action="cases.case.create",
            target=case,
            fields=[*sorted(fields), "reference", "assigned_to"],
        )
    return case


def update_case(
    *,
    membership: Membership,
    case: Case,
    changes: Mapping[str, Any],
    seen: Mapping[str, Any] | None = None,
    if_match: str | None = None,
) -> Case:
    """Writes `changes` only. With `seen` (the values the editor's form showed), a field that
    someone else changed since is refused with EditConflict rather than overwritten; with
    `if_match` (an API client's ETag), any change since is refused with StaleVersion."""
    require_editor(membership, case)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        require_version(case, if_match)
        refuse_overwrite(case, changes, seen)
        changed = apply_changes(case, changes, CASE_FIELDS)
        if not changed:
            return case
        validate(case, exclude=["assigned_to"])
        _check_subcategory(case)
        _check_dates(case)
        case.save()
        record_event(
            actor=membership.user,
            organisation=membership.organisation,
            action="cases.case.update",
            target=case,
            fields=changed,
        )
    return case


def update_section(
    *,
    membership: Membership,
    case: Case,
    changes: Mapping[str, Any],
    seen: Mapping[str, Any] | None = None,
) -> object:
    """The category's own section (parental abduction, migration, runaway); `seen` as for
    update_case."""
    require_editor(membership, case)
    model = SECTION_MODELS.get(case.category)
    if model is None:
        raise ValidationError({"section": _("This category has no section of its own.")})
    allowed = {f.name for f in model._meta.concrete_fields} - {"id", "case"}
    with transaction.atomic():
        section, _created = model.objects.select_for_update().get_or_create(case=case)
        refuse_overwrite(section, changes, seen)
        changed = apply_changes(section, changes, allowed)
        if changed:
            validate(section, exclude=["case"])
            section.save()
            record_event(
                actor=membership.user,
                organisation=membership.organisation,
                action=f"cases.{model._meta.model_name}.update",
                target=section,
                fields=changed,
            )
    return section


def change_status(*, membership: Membership, case: Case, status: str, note: str = "") -> Case:
    """Move along the workflow. Closing and reopening have their own actions."""
    require_editor(membership, case)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if status == case.status:
            return case
        if status not in STATUS_FLOW.get(case.status, ()):
            raise ValidationError(
                {
                    "status": _("A case cannot go from “%(old)s” to “%(new)s”.")
                    % {"old": case.get_status_display(), "new": Status(status).label}
                }
            )
        case.status = status
        case.save(update_fields=["status", "updated_at"])
        if status == Status.FOUND:
            closing.child_found(membership=membership, case=case)
        add_timeline(
            case,
            TimelineKind.STATUS,
            actor=membership.user,
            message="status",
            params={"status": status},
            text=note,
        )
        record_event(
            actor=membership.user,
            organisation=membership.organisation,
            action="cases.case.status",
            target=case,
            fields=["status"],
        )
    return case


def assign_case(
    *,
    membership: Membership,
    case: Case,
    assignee: Membership,
    handover_note: str = "",
) -> Case:
    """Hand a case to a colleague (a shift handover), with a note for them."""
    require_editor(membership, case)
    if assignee.organisation_id != case.organisation_id or not assignee.is_active:
        raise ValidationError({"assignee": _("Choose an active colleague of this hotline.")})
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        case.assigned_to = assignee.user
        case.save(update_fields=["assigned_to", "updated_at"])
        add_timeline(
            case,
            TimelineKind.HANDOVER if handover_note else TimelineKind.ASSIGNMENT,
            actor=membership.user,
            message="assigned",
            params={"name": str(assignee.user)},
            text=handover_note,
        )
        record_event(
            actor=membership.user,
            organisation=membership.organisation,
            action="cases.case.assign",
            target=case,
            fields=["assigned_to"],
        )
    return case


def record_timeline(
    *,
    membership: Membership,
    case: Case,
    kind: str,
    text: str,
    occurred_at: datetime | None = None,
) -> object:
    """Police informed, information received, publicity considered, support offered, messages
    and free notes."""
    require_editor(membership, case)
    if kind not in MANUAL_TIMELINE_KINDS:
        raise ValidationError({"kind": _("This kind of entry is written by Homeward itself.")})
    if not text.strip():
        raise ValidationError({"text": _("Say what happened.")})
    if occurred_at is not None and occurred_at > timezone.now():
        raise ValidationError({"occurred_at": _("This time is in the future.")})
    if occurred_at is not None:
        began, refusal = case_began(case)
        if occurred_at < began:
            raise ValidationError({"occurred_at": refusal})
    with transaction.atomic():
        event = add_timeline(
            case, kind, actor=membership.user, text=text.strip(), occurred_at=occurred_at
        )
        record_event(
            actor=membership.user,
            organisation=membership.organisation,
            action="cases.timeline.create",
            target=event,
            fields=["kind", "text", "occurred_at"],
        )
    return event
