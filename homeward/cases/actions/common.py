"""What the case actions share: permission checks, change tracking, the timeline."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.cases import timeline
from homeward.cases.choices import BirthPrecision, TimelineKind
from homeward.cases.models import Case, Child, Contact, TimelineEvent
from homeward.core import wording
from homeward.organisations.access import require_own, require_permission
from homeward.organisations.models import Membership, User
from homeward.organisations.roles import Permission


def require_editor(membership: Membership, record: Case | Child | Contact | None = None) -> None:
    """The member may edit cases, and `record` (the case, child or contact the action writes)
    is her organisation's: another's is the access layer's 404."""
    require_permission(membership, Permission.EDIT_CASES)
    if record is not None:
        require_own(membership, record.organisation_id, type(record).__name__.lower())


MEDICAL_FIELDS = {"vulnerabilities", "medical_notes"}


def require_medical(membership: Membership, fields: Mapping[str, Any]) -> None:
    """Writing a child's medical needs or notes, at creation as at a change, needs the
    view_medical permission (an empty value writes nothing). One check for the API, the
    pages and the import alike."""
    if any(fields.get(name) for name in MEDICAL_FIELDS):
        require_permission(membership, Permission.VIEW_MEDICAL)


def apply_changes(
    instance: models.Model, changes: Mapping[str, Any], allowed: set[str]
) -> list[str]:
    """Sets the allowed fields that differ; returns the names of those that changed. An unknown
    field is an error that names it, never silently dropped."""
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise ValidationError({name: "This field cannot be changed here." for name in unknown})
    changed = []
    for name, value in changes.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return sorted(changed)


class EditConflict(ValidationError):
    """Fields this editor changed that someone else changed too since the editor's form
    opened; `theirs` holds what is stored now. Nothing was written."""

    def __init__(self, theirs: dict[str, Any]) -> None:
        self.theirs = theirs
        super().__init__(
            {name: _("Someone else changed this since you opened the form.") for name in theirs}
        )


def refuse_overwrite(
    instance: models.Model, changes: Mapping[str, Any], seen: Mapping[str, Any] | None
) -> None:
    """Refuses `changes` when a field the editor saw as `seen[field]` holds something else now,
    unless that is already the editor's new value."""
    if seen is None:
        return
    theirs = {}
    for name, value in changes.items():
        if name not in seen:
            continue
        current = getattr(instance, name)
        if current != seen[name] and current != value:
            theirs[name] = current
    if theirs:
        raise EditConflict(theirs)


def validate(instance: models.Model, exclude: list[str] | None = None) -> None:
    instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)


def add_timeline(
    case: Case,
    kind: str,
    *,
    actor: User | None,
    text: str = "",
    message: str = "",
    params: Mapping[str, Any] | None = None,
    occurred_at: datetime | None = None,
    contact: Contact | None = None,
) -> TimelineEvent:
    """`message` (cases/timeline.py) is what Homeward says, put into words when read; `text`
    what a person wrote."""
    if message:
        wording.check(timeline.MESSAGES, message, params or {})
    return TimelineEvent.objects.create(
        case=case,
        kind=kind,
        actor=actor,
        message=message,
        params=dict(params or {}),
        text=text,
        occurred_at=occurred_at or timezone.now(),
        contact=contact,
    )


def timeline_contact(case: Case, contact: Contact, *, actor: User | None) -> TimelineEvent:
    """A contact appears in its case's timeline at the time it started."""
    return add_timeline(
        case,
        TimelineKind.CONTACT,
        actor=actor,
        occurred_at=contact.started_at,
        contact=contact,
        message="contact",
        params={"contact_type": contact.contact_type},
    )


__all__ = [
    "EditConflict",
    "TimelineKind",
    "add_timeline",
    "apply_changes",
    "refuse_overwrite",
    "require_editor",
    "timeline_contact",
    "validate",
]


ADULT_AGE = 18


def case_began(case: Case) -> tuple[datetime, str]:
    """The first moment anything recorded in a case (a timeline entry, a risk factor's time)
    can have happened, with the message refusing an earlier one: its children's lifetime, from
    the earliest known birth (a date of birth, or 1 January of a year of birth); with none
    known, from 18 years before the case was reported (a case is for a child under 18)."""
    births = []
    for child in Child.objects.filter(episodes__case=case):
        if child.birth_precision == BirthPrecision.EXACT and child.birth_date:
            births.append(child.birth_date)
        elif child.birth_precision == BirthPrecision.YEAR and child.birth_year:
            births.append(date(child.birth_year, 1, 1))
    if births:
        first = min(births)
        message = _("This is before the child was born (%(day)s).")
    else:
        reported = timezone.localdate(case.reported_at)
        try:
            first = reported.replace(year=reported.year - ADULT_AGE)
        except ValueError:  # reported on 29 February
            first = reported.replace(year=reported.year - ADULT_AGE, day=28)
        message = _(
            "This is more than 18 years before the case was reported (before %(day)s): a "
            "case is for a child under 18."
        )
    return case.organisation.day_start(first), message % {"day": first.isoformat()}
