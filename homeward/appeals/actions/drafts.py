"""A draft appeal: made from a case and one of its children, its content prefilled with the
minimum (the first name only, the age, where and when last seen, the hotline's number), never
the case's category or reasons; edited until it is published."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.appeals.access import policy_of
from homeward.appeals.actions.common import audit, clean_countries, locked, on_timeline
from homeward.appeals.choices import PhotoSource, State
from homeward.appeals.models import Appeal
from homeward.appeals.rules import check_dates, hotline_number
from homeward.cases.choices import Status
from homeward.cases.models import Case, Child
from homeward.core.images import clean_image
from homeward.organisations.access import require_own, require_permission
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission

EDITABLE = (
    "first_name",
    "age",
    "last_seen_on",
    "last_seen_place",
    "hotline_number",
    "countries",
    "starts_on",
    "ends_on",
    "photo_source",
)
TEXT_LIMITS = {"first_name": 100, "last_seen_place": 200, "hotline_number": 32}
# a number for tel: links: digits, spaces and + - ( ), at least one digit
PHONE = re.compile(r"^[0-9+\-() ]*[0-9][0-9+\-() ]*$")


def _check_content(row: Appeal) -> None:
    """What a tired operator could get wrong on the draft, refused on its field."""
    first = row.first_name
    if not first:
        raise ValidationError({"first_name": _("The first name is needed.")})
    family = {part.casefold() for part in row.child.family_name.split()}
    if len(first.split()) > 1 or first.casefold() in family:
        raise ValidationError(
            {"first_name": _("The first name only, one word: never the family name.")}
        )
    if not row.hotline_number:
        raise ValidationError({"hotline_number": _("The hotline number is needed.")})
    if not PHONE.match(row.hotline_number):
        raise ValidationError(
            {"hotline_number": _("Digits, spaces and + - ( ) only, as the number is dialled.")}
        )
    if row.last_seen_on and row.last_seen_on > timezone.localdate():
        raise ValidationError({"last_seen_on": _("This date is in the future.")})


@transaction.atomic
def create_draft(*, membership: Membership, case: Case, child: Child) -> Appeal:
    require_permission(membership, Permission.EDIT_CASES)
    require_own(membership, case.organisation_id, "case")
    if not case.case_children.filter(child=child).exists():
        raise ValidationError({"child": _("Choose a child of this case.")})
    if case.status in (Status.FOUND, Status.CLOSURE_REQUESTED, Status.CLOSED):
        raise ValidationError(
            {"case": _("The child was found or the case is closing: no appeal any more.")}
        )
    current = Appeal.objects.filter(child=child, state__in=[State.DRAFT, State.PUBLISHED]).first()
    if current is not None:
        raise ValidationError(
            {
                "child": _(
                    "This child already has an appeal (%(state)s): open it rather than "
                    "preparing another."
                )
                % {"state": current.get_state_display()}
            }
        )
    organisation = membership.organisation
    policy = policy_of(organisation)
    today = timezone.localdate()
    country = case.last_seen_country or organisation.country
    appeal = Appeal.objects.create(
        organisation=organisation,
        case=case,
        child=child,
        first_name=(child.given_names.split() or [""])[0][:100],
        age=child.age_on(today),
        last_seen_on=case.disappeared_on,
        last_seen_place=case.last_seen_locality[:200],
        hotline_number=hotline_number(organisation, country),
        countries=[country],
        starts_on=today,
        ends_on=today + timedelta(days=min(policy.default_days, policy.maximum_days)),
        photo_source=PhotoSource.CHILD if child.photo else PhotoSource.NONE,
        created_by=membership.user,
    )
    audit(membership, "appeal.create", appeal, ["case", "child", *EDITABLE])
    on_timeline(appeal, "appeal_drafted", membership)
    return appeal


@transaction.atomic
def edit_draft(
    *,
    membership: Membership,
    appeal: Appeal,
    upload: UploadedFile | None = None,
    **changes: Any,
) -> Appeal:
    """Changes the draft's content (only the fields given). `upload`: a photo for the appeal,
    re-encoded and kept private until publication (the photo source becomes "upload")."""
    require_permission(membership, Permission.EDIT_CASES)
    row = locked(membership, appeal, [State.DRAFT])
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("This field cannot be changed.")})
    for field, value in changes.items():
        if field in TEXT_LIMITS:
            value = (value or "").strip()
            if len(value) > TEXT_LIMITS[field]:
                raise ValidationError(
                    {field: _("At most %(n)d characters.") % {"n": TEXT_LIMITS[field]}}
                )
        if field == "countries":
            value = clean_countries(value or [])
        if field == "photo_source" and value not in PhotoSource.values:
            raise ValidationError({field: _("Choose one of the options.")})
        setattr(row, field, value)
    _check_content(row)
    check_dates(policy_of(row.organisation), row.starts_on, row.ends_on)
    if row.photo_source == PhotoSource.CHILD and not row.child.photo:
        raise ValidationError({"photo_source": _("The child has no photo in the case.")})
    fields = list(changes)
    if upload is not None:
        cleaned = clean_image(upload, field="photo")
        if row.draft_photo:
            old = row.draft_photo.name
            transaction.on_commit(lambda: row.draft_photo.storage.delete(old))
        row.draft_photo.save(f"{row.public_id}-draft.jpg", cleaned, save=False)
        row.photo_source = PhotoSource.UPLOAD
        fields.append("draft_photo")
    if row.photo_source == PhotoSource.UPLOAD and not row.draft_photo:
        raise ValidationError({"photo": _("Upload a photo, or choose another option.")})
    row.save()
    audit(membership, "appeal.edit", row, fields)
    return row
