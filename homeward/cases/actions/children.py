from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.audit.actions import record_event
from homeward.cases.actions.common import (
    ADULT_AGE,
    MEDICAL_FIELDS,
    add_timeline,
    apply_changes,
    refuse_overwrite,
    require_editor,
    require_medical,
    validate,
)
from homeward.cases.choices import BirthPrecision, TimelineKind
from homeward.cases.models import Case, CaseChild, Child, ChildName
from homeward.cases.models.child import age_on
from homeward.cases.name_index import rebuild_name_keys
from homeward.cases.versions import require_version
from homeward.core.images import clean_image
from homeward.organisations.access import require_permission
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission

ChildInput = Mapping[str, Any]
"""Fields of Child, plus `other_names` (list of str), `clothing` (str), or `existing_child`
(a Child of this organisation: a repeat episode)."""

CHILD_FIELDS = {
    "given_names",
    "family_name",
    "original_script_name",
    "sex",
    "birth_precision",
    "birth_date",
    "birth_year",
    "estimated_age",
    "age_estimated_on",
    "nationalities",
    "languages",
    "physical_description",
    "living_situation",
    "vulnerabilities",
    "medical_notes",
}
EARLIEST_BIRTH = date(1900, 1, 1)
"""No child's date of birth, year of birth or age estimate is older than this."""


def _check_birth_dates(child: Child) -> None:
    """A date of birth, year of birth or estimate date between 1900 and today: a date in the
    future would give a negative age (the messages are the import's own)."""
    today = timezone.localdate()
    too_old = _("Give a year from 1900 to %(year)s.") % {"year": today.year}
    errors = {}
    for name in ("birth_date", "age_estimated_on"):
        day = getattr(child, name)
        if day is not None and day > today:
            errors[name] = _("This date is in the future.")
        elif day is not None and day < EARLIEST_BIRTH:
            errors[name] = too_old
    if child.birth_year is not None and not EARLIEST_BIRTH.year <= child.birth_year <= today.year:
        errors["birth_year"] = too_old
    if errors:
        raise ValidationError(errors)


def _check_birth(child: Child) -> None:
    _check_birth_dates(child)
    needed = {
        BirthPrecision.EXACT: ("birth_date",),
        BirthPrecision.YEAR: ("birth_year",),
        BirthPrecision.ESTIMATED: ("estimated_age", "age_estimated_on"),
    }[BirthPrecision(child.birth_precision)]
    if child.birth_precision == BirthPrecision.YEAR and child.birth_date is not None:
        # the convention keeps a year of birth in birth_year alone: a day and month beside it
        # would claim a precision the hotline said it does not have
        raise ValidationError(
            {
                "birth_date": _(
                    "With a year of birth only, leave the date of birth empty (or choose "
                    "an exact date)."
                )
            }
        )
    missing = [name for name in needed if getattr(child, name) in (None, "")]
    # an unknown date of birth is allowed: hotlines often learn it later
    if missing and len(missing) < len(needed):
        raise ValidationError(
            {name: _("Needed with this kind of date of birth.") for name in missing}
        )
    if not (child.given_names or child.family_name or child.original_script_name):
        raise ValidationError({"given_names": _("Give at least one name, even a nickname.")})


def _check_child_of_case(child: Child, case: Case) -> None:
    """A child born before the disappearance, and under 18 then (a date of birth, or a year:
    a year says 18 for a child of 17, so only 19 by the year is refused; an estimated age is
    the very thing in doubt for a migrant child and is not refused)."""
    day = case.disappeared_on or timezone.localdate(case.reported_at)
    if child.birth_precision == BirthPrecision.EXACT and child.birth_date:
        if child.birth_date > day:
            raise ValidationError(
                {"birth_date": _("The child was born after the day they disappeared.")}
            )
        field, limit = "birth_date", ADULT_AGE
    elif child.birth_precision == BirthPrecision.YEAR and child.birth_year:
        if child.birth_year > day.year:
            raise ValidationError(
                {"birth_year": _("The child was born after the day they disappeared.")}
            )
        field, limit = "birth_year", ADULT_AGE + 1
    else:
        return
    age = age_on(child, day)
    if age is not None and age >= limit:
        raise ValidationError(
            {
                field: _(
                    "Born then, the child was %(age)s when they went missing: a case is for a "
                    "child under 18."
                )
                % {"age": age}
            }
        )


def attach_child(*, membership: Membership, case: Case, data: ChildInput) -> CaseChild:
    """Within an open transaction: a new child, or an earlier case's child (repeat episode)."""
    existing = data.get("existing_child")
    if existing is not None:
        if existing.organisation_id != case.organisation_id:
            raise ValidationError({"existing_child": _("No such child.")})
        child = existing
        changed: list[str] = []
    else:
        fields = {k: v for k, v in data.items() if k in CHILD_FIELDS}
        require_medical(membership, fields)
        unknown = sorted(set(data) - CHILD_FIELDS - {"other_names", "clothing", "existing_child"})
        if unknown:
            raise ValidationError({name: _("Unknown field.") for name in unknown})
        child = Child(organisation_id=case.organisation_id, **fields)
        validate(child, exclude=["photo"])
        _check_birth(child)
        _check_child_of_case(child, case)
        child.save()
        ChildName.objects.bulk_create(
            ChildName(child=child, value=value.strip())
            for value in data.get("other_names", [])
            if value.strip()
        )
        rebuild_name_keys(child)
        changed = sorted(fields) + (["other_names"] if data.get("other_names") else [])
        record_event(
            actor=membership.user,
            organisation=membership.organisation,
            action="cases.child.create",
            target=child,
            fields=changed,
        )
    link = CaseChild.objects.create(case=case, child=child, clothing=data.get("clothing", ""))
    add_timeline(case, TimelineKind.CHILD, actor=membership.user, text=str(child))
    record_event(
        actor=membership.user,
        organisation=membership.organisation,
        action="cases.case.add_child",
        target=case,
        fields=["children"] + (["clothing"] if link.clothing else []),
    )
    return link


def _locked(membership: Membership, child: Child) -> Child:
    """The child's row, locked; a child deleted meanwhile is the access layer's 404 too."""
    return get_object_or_404(
        Child.objects.select_for_update(), pk=child.pk, organisation=membership.organisation
    )


def add_child_to_case(*, membership: Membership, case: Case, data: ChildInput) -> CaseChild:
    require_editor(membership, case)
    require_medical(membership, data)
    with transaction.atomic():
        return attach_child(membership=membership, case=case, data=data)


def update_child(
    *,
    membership: Membership,
    child: Child,
    changes: Mapping[str, Any],
    seen: Mapping[str, Any] | None = None,
    if_match: str | None = None,
) -> Child:
    """Writes `changes` only; `seen` and `if_match` as for update_case."""
    require_editor(membership, child)
    if set(changes) & MEDICAL_FIELDS:  # even clearing them: they are not the editor's to see
        require_permission(membership, Permission.VIEW_MEDICAL)
    with transaction.atomic():
        child = _locked(membership, child)
        require_version(child, if_match)
        refuse_overwrite(child, changes, seen)
        changed = apply_changes(child, changes, CHILD_FIELDS)
        if not changed:
            return child
        validate(child, exclude=["photo"])
        _check_birth(child)
        child.save()
        if {"given_names", "family_name", "original_script_name"} & set(changed):
            rebuild_name_keys(child)
        record_event(
            actor=membership.user,
            organisation=membership.organisation,
            action="cases.child.update",
            target=child,
            fields=changed,
        )
    return child


def add_child_name(
    *,
    membership: Membership,
    child: Child,
    value: str,
    kind: str = "other_form",
    source: str = "",
) -> ChildName:
    require_editor(membership, child)
    if not value.strip():
        raise ValidationError({"value": _("Give the name as it was written.")})
    if kind not in ChildName.Kind.values:
        raise ValidationError({"kind": _("Unknown kind of name.")})
    with transaction.atomic():
        name = ChildName.objects.create(child=child, value=value.strip(), kind=kind, source=source)
        rebuild_name_keys(child)
        record_event(
            actor=membership.user,
            organisation=membership.organisation,
            action="cases.child.add_name",
            target=child,
            fields=["other_names"],
        )
    return name


def set_child_photo(*, membership: Membership, child: Child, upload: UploadedFile) -> Child:
    require_editor(membership, child)
    require_permission(membership, Permission.VIEW_PHOTOS)
    content = clean_image(upload, field="photo")
    with transaction.atomic():
        child = _locked(membership, child)
        old = child.photo.name if child.photo else None
        child.photo.save(f"child-{child.pk}.jpg", content, save=False)
        child.save(update_fields=["photo", "updated_at"])
        record_event(
            actor=membership.user,
            organisation=membership.organisation,
            action="cases.child.photo",
            target=child,
            fields=["photo"],
        )
        if old and old != child.photo.name:
            storage = child.photo.storage
            transaction.on_commit(lambda: storage.delete(old))
    return child
