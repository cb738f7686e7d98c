"""Messages between the two hotlines, and the member's own notices."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.audit.actions import record_event
from homeward.crossborder.access import notifications_of
from homeward.crossborder.actions.common import add_event, audit, locked, require_side
from homeward.crossborder.attachments import clean_attachment
from homeward.crossborder.choices import OPEN_STATES, EventKind, State
from homeward.crossborder.models import (
    CooperationRequest,
    RequestEvent,
)
from homeward.crossborder.notify import notify
from homeward.organisations.models import Membership


def post_message(
    *,
    membership: Membership,
    request: CooperationRequest,
    body: str,
    language: str = "",
    kind: str = EventKind.MESSAGE,
    attachment: UploadedFile | None = None,
) -> RequestEvent:
    """A message, or a structured event such as "police contacted", from either side."""
    require_side(membership, request, "either")
    if kind not in (EventKind.MESSAGE, EventKind.POLICE_CONTACTED):
        raise ValidationError({"kind": _("This kind of entry is written by Homeward itself.")})
    if not body.strip() and attachment is None:
        raise ValidationError({"body": _("Write a message or attach a file.")})
    extra: dict[str, object] = {"language": language[:16]}
    if attachment is not None:
        extra.update(clean_attachment(attachment))
    with transaction.atomic():
        request = locked(request, [State.SENT, *OPEN_STATES])
        event = add_event(request, kind, membership, body.strip(), **extra)
        other = (
            request.receiver if membership.organisation_id == request.sender_id else request.sender
        )
        notify(other, request, "message")
        audit(
            membership, "message.create", request, ["body"] + (["attachment"] if attachment else [])
        )
    return event


def mark_notifications_read(*, membership: Membership, ids: Iterable[int] | None = None) -> int:
    """Marks the member's own unread notices read (all of them, or those ids). A notice holds
    no personal data, but the change is recorded like every other."""
    with transaction.atomic():
        unread = notifications_of(membership).filter(read_at__isnull=True)
        if ids is not None:
            unread = unread.filter(pk__in=list(ids))
        marked = unread.update(read_at=timezone.now())
        if marked:
            record_event(
                actor=membership.user,
                organisation=membership.organisation,
                action="crossborder.notifications.read",
                object_type="notification",
                object_id=str(marked),
                fields=["read_at"],
            )
    return marked
