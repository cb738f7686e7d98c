"""Publishing an appeal: a supervisor's decision, refused (naming what is missing) without the
consents the hotline's policy asks for or with dates outside it. The photo is copied, re-encoded,
into public storage; the case's own photo stays private."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.appeals.access import policy_of
from homeward.appeals.actions.common import audit, locked, on_timeline
from homeward.appeals.choices import PhotoSource, State
from homeward.appeals.models import Appeal
from homeward.appeals.rules import check_dates, what_is_missing
from homeward.cases.choices import Status
from homeward.core.images import clean_image
from homeward.core.storage import public_storage
from homeward.organisations.access import require_permission
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission


def _public_copy(membership: Membership, appeal: Appeal) -> SimpleUploadedFile | None:
    if appeal.photo_source == PhotoSource.NONE:
        return None
    if appeal.photo_source == PhotoSource.CHILD:
        require_permission(membership, Permission.VIEW_PHOTOS)
        source = appeal.child.photo
    else:
        source = appeal.draft_photo
    if not source:
        raise ValidationError({"photo": _("The photo chosen for the appeal is missing.")})
    with source.open("rb") as photo:
        content = photo.read()
    return SimpleUploadedFile("photo.jpg", content, content_type="image/jpeg")


@transaction.atomic
def publish(*, membership: Membership, appeal: Appeal) -> Appeal:
    require_permission(membership, Permission.APPROVE)
    row = locked(membership, appeal, [State.DRAFT])
    if row.case.status not in (Status.OPEN, Status.ACTIVE_SEARCH):
        raise ValidationError({"case": _("The case is no longer open: no appeal any more.")})
    policy = policy_of(row.organisation)
    missing = what_is_missing(row, policy)
    if missing:
        raise ValidationError({"consents": missing})
    check_dates(policy, row.starts_on, row.ends_on)
    if row.ends_on < timezone.localdate():
        raise ValidationError({"ends_on": _("The end date has passed.")})
    upload = _public_copy(membership, row)
    now = timezone.now()
    row.visible_from, row.visible_until = row.organisation.days(row.starts_on, row.ends_on)
    row.state = State.PUBLISHED
    row.published_by = membership.user
    row.published_at = now
    if upload is not None:
        cleaned = clean_image(upload, field="photo")
        name = public_storage().save(f"appeals/{secrets.token_urlsafe(16)}.jpg", cleaned)
        row.photo.name = name
    row.save()
    audit(membership, "appeal.publish", row, ["state", "photo", "countries", "ends_on"])
    on_timeline(row, "appeal_published", membership, until=row.ends_on.isoformat())
    return row
