"""The sending hotline's actions: draft, send (through a supervisor's approval when personal
data leaves), push updates, change what is shared, revoke sharing, withdraw."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.cases.actions import add_timeline
from homeward.cases.choices import TimelineKind
from homeward.cases.models import Case
from homeward.core.references import next_number, prefix
from homeward.core.storage import private_storage
from homeward.crossborder.actions.common import add_event, audit, locked, require_side
from homeward.crossborder.choices import OPEN_STATES, EventKind, State, Urgency, default_urgency
from homeward.crossborder.models import (
    CooperationRequest,
    RequestSequence,
    Snapshot,
)
from homeward.crossborder.notify import (
    ASKS_ANYTHING,
    ASKS_TO_APPROVE,
    mark_done,
    notify,
)
from homeward.crossborder.sharing import (
    build_snapshot,
    check_fields,
    needs_approval,
    shares_personal_data,
)
from homeward.organisations.access import require_permission
from homeward.organisations.models import Membership, Organisation
from homeward.organisations.roles import OrganisationKind, Permission


def _ack_minutes(urgency: str) -> int:
    return (
        settings.CROSSBORDER_ACK_URGENT_MINUTES
        if urgency == Urgency.URGENT
        else settings.CROSSBORDER_ACK_NORMAL_MINUTES
    )


def draft_request(
    *,
    membership: Membership,
    case: Case,
    receiver: Organisation,
    request_type: str,
    urgency: str | None = None,
    question: str,
    languages: list[str] | None = None,
    shared_fields: Iterable[str] = (),
) -> CooperationRequest:
    """A draft from one of our cases. Nothing is shared unless ticked in `shared_fields`.
    Without an urgency, a high-risk case's request is urgent."""
    require_permission(membership, Permission.EDIT_CASES)
    if case.organisation_id != membership.organisation_id:
        raise ValidationError({"case": _("No such case.")})
    if (
        receiver.pk == membership.organisation_id
        or receiver.kind != OrganisationKind.NATIONAL_HOTLINE
    ):
        raise ValidationError({"receiver": _("Choose the hotline of another country.")})
    if not question.strip():
        raise ValidationError({"question": _("Say what you are asking for.")})
    _refuse_repeat(case, receiver, request_type, question.strip())
    chosen = check_fields(case, shared_fields)
    request = CooperationRequest(
        sender=membership.organisation,
        receiver=receiver,
        case=case,
        request_type=request_type,
        urgency=urgency or default_urgency(case.is_high_risk),
        question=question.strip(),
        languages=languages or [],
        shared_fields=chosen,
        created_by=membership.user,
    )
    request.full_clean(exclude=["created_by", "case", "sender", "receiver", "reference"])
    with transaction.atomic():
        request.reference = _next_reference(membership.organisation)
        request.save()
        audit(
            membership,
            "request.draft",
            request,
            ["receiver", "request_type", "urgency", "question", "shared_fields"],
        )
    return request


REPEAT_WINDOW = timedelta(minutes=30)
"""A request the same as one drafted this recently is taken for a form sent twice (the back
button, a double submit from another tab), not a new question."""


def _refuse_repeat(case: Case, receiver: Organisation, request_type: str, question: str) -> None:
    repeated = (
        CooperationRequest.objects.filter(
            case=case,
            receiver=receiver,
            request_type=request_type,
            question=question,
            created_at__gte=timezone.now() - REPEAT_WINDOW,
        )
        .exclude(state=State.WITHDRAWN)
        .first()
    )
    if repeated is not None:
        raise ValidationError(
            {
                "question": _(
                    "This same request to this hotline already exists, as %(reference)s: "
                    "open it rather than sending it twice, or change the question."
                )
                % {"reference": repeated.reference}
            }
        )


def _next_reference(sender: Organisation) -> str:
    """XB-<sender country>-<year>-<number>: readable over the phone, unique by construction."""
    year = timezone.localdate().year
    number = next_number(RequestSequence, organisation=sender, year=year)
    return f"XB-{prefix(sender)}-{year}-{number:05d}"


def _dispatch(request: CooperationRequest, membership: Membership) -> None:
    """Within a transaction: take the first snapshot and send."""
    _take_snapshot(request, membership)
    now = timezone.now()
    request.state, request.sent_at = State.SENT, now
    request.acknowledge_due_at = now + timedelta(minutes=_ack_minutes(request.urgency))
    request.save()
    add_event(request, EventKind.SENT, membership, request.question)
    add_timeline(
        request.case,
        TimelineKind.MESSAGE,
        actor=membership.user,
        message="crossborder_sent",
        params={"ref": request.reference, "org": request.receiver.name},
    )
    notify(
        request.receiver,
        request,
        "new_request",
        urgency=request.urgency,
        org=request.sender.name,
    )


def _take_snapshot(request: CooperationRequest, membership: Membership) -> Snapshot:
    data, photos = build_snapshot(request.case, list(request.shared_fields))
    version = (
        request.snapshots.order_by("-version").values_list("version", flat=True).first() or 0
    ) + 1
    snapshot = Snapshot.objects.create(
        request=request, version=version, data=data, pushed_by=membership.user
    )
    stored = {}
    for key, content in photos.items():
        stored[key] = private_storage().save(
            f"crossborder/{request.pk}-v{version}-{key}.jpg", content
        )
    if stored:
        snapshot.photos = stored
        snapshot.save(update_fields=["photos"])
    return snapshot


def send_request(*, membership: Membership, request: CooperationRequest) -> CooperationRequest:
    """Send a draft; when personal data is shared and the organisation requires it, it waits
    for a supervisor's approval first (a supervisor's own request is approved by sending)."""
    require_side(membership, request, "sender")
    with transaction.atomic():
        request = locked(request, [State.DRAFT])
        if needs_approval(
            membership.organisation, request.shared_fields
        ) and not membership.has_perm(Permission.APPROVE):
            request.state = State.AWAITING_APPROVAL
            request.save(update_fields=["state"])
            notify(
                membership.organisation,
                request,
                "awaiting_approval",
                permission=Permission.APPROVE,
            )
            audit(membership, "request.submit", request, ["state"])
            return request
        if membership.has_perm(Permission.APPROVE):
            request.approved_by = membership.user
        _dispatch(request, membership)
        mark_done(request, ASKS_TO_APPROVE)
        audit(membership, "request.send", request, ["state", "shared_fields", "snapshot"])
    return request


def approve_request(*, membership: Membership, request: CooperationRequest) -> CooperationRequest:
    require_permission(membership, Permission.APPROVE)
    require_side(membership, request, "sender")
    with transaction.atomic():
        request = locked(request, [State.AWAITING_APPROVAL])
        request.approved_by = membership.user
        _dispatch(request, membership)
        mark_done(request, ASKS_TO_APPROVE)
        audit(membership, "request.approve", request, ["state", "approved_by", "snapshot"])
    return request


def send_back(
    *, membership: Membership, request: CooperationRequest, reason: str
) -> CooperationRequest:
    """A supervisor does not approve the sharing: the request goes back to its author as a
    draft, with the reason, to amend and send again. The other hotline never knew of it."""
    require_permission(membership, Permission.APPROVE)
    require_side(membership, request, "sender")
    if not reason.strip():
        raise ValidationError({"reason": _("Say what must change before it can be sent.")})
    with transaction.atomic():
        request = locked(request, [State.AWAITING_APPROVAL])
        request.state = State.DRAFT
        request.returned_reason, request.returned_by = reason.strip(), membership.user
        request.save(update_fields=["state", "returned_reason", "returned_by"])
        mark_done(request, ASKS_TO_APPROVE)
        notify(membership.organisation, request, "sent_back", only=request.created_by)
        audit(membership, "request.send_back", request, ["state", "returned_reason"])
    return request


def amend_draft(
    *,
    membership: Membership,
    request: CooperationRequest,
    shared_fields: Iterable[str],
) -> CooperationRequest:
    """Change what a draft will share (for example after a supervisor sent it back)."""
    require_side(membership, request, "sender")
    with transaction.atomic():
        request = locked(request, [State.DRAFT])
        request.shared_fields = check_fields(request.case, shared_fields)
        request.save(update_fields=["shared_fields"])
        audit(membership, "request.amend", request, ["shared_fields"])
    return request


def push_update(
    *,
    membership: Membership,
    request: CooperationRequest,
    shared_fields: Iterable[str] | None = None,
) -> Snapshot:
    """Send the receiver a fresh snapshot (of the same fields, or of a new choice)."""
    require_side(membership, request, "sender")
    with transaction.atomic():
        request = locked(request, OPEN_STATES)
        if request.share_revoked_at is not None:
            raise ValidationError({"state": _("The share was revoked.")})
        if shared_fields is not None:
            chosen = check_fields(request.case, shared_fields)
            if needs_approval(membership.organisation, chosen) and not membership.has_perm(
                Permission.APPROVE
            ):
                added = set(chosen) - set(request.shared_fields)
                if shares_personal_data(added):
                    raise PermissionDenied(
                        _("A supervisor must approve sharing more personal data.")
                    )
            request.shared_fields = chosen
            request.save(update_fields=["shared_fields"])
        snapshot = _take_snapshot(request, membership)
        add_event(
            request,
            EventKind.SHARE_UPDATED,
            membership,
            _("Version %(v)d") % {"v": snapshot.version},
        )
        notify(
            request.receiver,
            request,
            "updated",
        )
        audit(membership, "request.push", request, ["snapshot", "shared_fields"])
    return snapshot


def revoke_share(*, membership: Membership, request: CooperationRequest) -> CooperationRequest:
    """Withdraws everything the sender shared from the receiver, on its next request: the
    snapshot, the question, the content and attachments of the sender's messages until now
    (`access.conversation`). The photo copies made for the share are deleted from storage once
    the revocation commits: they belonged only to the share, and the originals stay in the
    case. The sender's attachments stay stored (they are the sender's only copy, and the
    sender's record), but only the sender can open them."""
    require_side(membership, request, "sender")
    with transaction.atomic():
        request = CooperationRequest.objects.select_for_update().get(pk=request.pk)
        if _revoke(request, membership):
            if request.state not in (State.DRAFT, State.AWAITING_APPROVAL):
                notify(
                    request.receiver,
                    request,
                    "revoked",
                )
            audit(membership, "request.revoke", request, ["share_revoked_at", "snapshot.photos"])
    return request


def _revoke(request: CooperationRequest, membership: Membership) -> bool:
    """Within a transaction, on the locked request: the share ends, in the conversation too.
    False when it had already ended."""
    if request.share_revoked_at is not None:
        return False
    request.share_revoked_at = timezone.now()
    request.save(update_fields=["share_revoked_at"])
    _purge_shared_photos(request)
    add_event(request, EventKind.SHARE_REVOKED, membership)
    return True


def _purge_shared_photos(request: CooperationRequest) -> None:
    """Within the revocation's transaction: no snapshot names a photo copy any more, and the
    files go once it commits (a rollback leaves them, and the snapshots naming them)."""
    snapshots = [snapshot for snapshot in request.snapshots.all() if snapshot.photos]
    names = [str(name) for snapshot in snapshots for name in snapshot.photos.values()]
    for snapshot in snapshots:
        snapshot.photos = {}
        snapshot.save(update_fields=["photos"])
    storage = private_storage()

    def delete() -> None:
        for name in names:
            storage.delete(name)

    if names:
        transaction.on_commit(delete)


def withdraw(
    *, membership: Membership, request: CooperationRequest, reason: str = ""
) -> CooperationRequest:
    """The sender takes the request back. What it shared was shared for this request only, so
    a request that left is also revoked (`revoke_share`), in the same step: the receiver is
    told once, and keeps the shell."""
    require_side(membership, request, "sender")
    with transaction.atomic():
        request = locked(request, [State.DRAFT, State.AWAITING_APPROVAL, *OPEN_STATES])
        was_visible = request.state not in (State.DRAFT, State.AWAITING_APPROVAL)
        request.state, request.completed_at = State.WITHDRAWN, timezone.now()
        request.save(update_fields=["state", "completed_at"])
        add_event(request, EventKind.WITHDRAWN, membership, reason)
        fields = ["state"]
        if was_visible and _revoke(request, membership):
            fields += ["share_revoked_at", "snapshot.photos"]
        if was_visible:
            notify(request.receiver, request, "withdrawn_revoked")
        mark_done(request, ASKS_ANYTHING)  # nothing is asked of anyone any more
        audit(membership, "request.withdraw", request, fields)
    return request
