"""Every write of the cross-border procedure. Each action runs in one transaction, takes a
keyword-only `acting_user`, checks which side may act in which state, and records its audit
event in that transaction; notices go out on commit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.audit.actions import record_event
from homeward.cases.actions.common import add_timeline
from homeward.cases.choices import TimelineKind
from homeward.cases.models import Case
from homeward.cases.storage import private_storage
from homeward.crossborder.access import notifications_of
from homeward.crossborder.attachments import clean_attachment
from homeward.crossborder.choices import FINAL_STATES, OPEN_STATES, EventKind, State, Urgency
from homeward.crossborder.models import (
    CooperationRequest,
    RequestEvent,
    RequestSequence,
    Snapshot,
)
from homeward.crossborder.notify import notify
from homeward.crossborder.sharing import (
    build_snapshot,
    check_fields,
    needs_approval,
    shares_personal_data,
)
from homeward.organisations.access import require_permission
from homeward.organisations.models import Membership, Organisation, User
from homeward.organisations.roles import OrganisationKind, Permission


def _side(membership: Membership, request: CooperationRequest, side: str) -> None:
    require_permission(membership, Permission.EDIT_CASES)
    org = membership.organisation_id
    if side == "sender" and request.sender_id != org:
        raise PermissionDenied(_("Only the hotline that sent the request can do this."))
    if side == "receiver" and request.receiver_id != org:
        raise PermissionDenied(_("Only the hotline that received the request can do this."))


def _locked(request: CooperationRequest, allowed: Iterable[str]) -> CooperationRequest:
    locked = CooperationRequest.objects.select_for_update().get(pk=request.pk)
    if locked.state not in allowed:
        raise ValidationError(
            {
                "state": _("Not possible while the request is “%(state)s”.")
                % {"state": locked.get_state_display()}
            }
        )
    return locked


def _event(
    request: CooperationRequest,
    kind: str,
    membership: Membership | None,
    body: str = "",
    **extra: object,
) -> RequestEvent:
    return RequestEvent.objects.create(
        request=request,
        kind=kind,
        body=body,
        organisation=membership.organisation if membership else None,
        author=membership.user if membership else None,
        **extra,
    )


def _audit(
    membership: Membership, action: str, request: CooperationRequest, fields: list[str]
) -> None:
    record_event(
        actor=membership.user,
        organisation=membership.organisation,
        action=f"crossborder.{action}",
        target=request,
        fields=fields,
    )


def _ack_minutes(urgency: str) -> int:
    return (
        settings.CROSSBORDER_ACK_URGENT_MINUTES
        if urgency == Urgency.URGENT
        else settings.CROSSBORDER_ACK_NORMAL_MINUTES
    )


def draft_request(
    *,
    acting_user: User,
    membership: Membership,
    case: Case,
    receiver: Organisation,
    request_type: str,
    urgency: str,
    question: str,
    languages: list[str] | None = None,
    shared_fields: Iterable[str] = (),
) -> CooperationRequest:
    """A draft from one of our cases. Nothing is shared unless ticked in `shared_fields`."""
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
    chosen = check_fields(case, shared_fields)
    request = CooperationRequest(
        sender=membership.organisation,
        receiver=receiver,
        case=case,
        request_type=request_type,
        urgency=urgency,
        question=question.strip(),
        languages=languages or [],
        shared_fields=chosen,
        created_by=acting_user,
    )
    request.full_clean(exclude=["created_by", "case", "sender", "receiver", "reference"])
    with transaction.atomic():
        request.reference = _next_reference(membership.organisation)
        request.save()
        _audit(
            membership,
            "request.draft",
            request,
            ["receiver", "request_type", "urgency", "question", "shared_fields"],
        )
    return request


def _next_reference(sender: Organisation) -> str:
    """XB-<sender country>-<year>-<number>: readable over the phone, unique by construction."""
    year = timezone.localdate().year
    sequence, _created = RequestSequence.objects.select_for_update().get_or_create(
        organisation=sender, year=year
    )
    sequence.last += 1
    sequence.save(update_fields=["last"])
    prefix = sender.country or sender.slug.upper()[:4]
    return f"XB-{prefix}-{year}-{sequence.last:05d}"


def _dispatch(request: CooperationRequest, membership: Membership) -> None:
    """Within a transaction: take the first snapshot and send."""
    _take_snapshot(request, membership)
    now = timezone.now()
    request.state, request.sent_at = State.SENT, now
    request.acknowledge_due_at = now + timedelta(minutes=_ack_minutes(request.urgency))
    request.save()
    _event(request, EventKind.SENT, membership, request.question)
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


def send_request(
    *, acting_user: User, membership: Membership, request: CooperationRequest
) -> CooperationRequest:
    """Send a draft; when personal data is shared and the organisation requires it, it waits
    for a supervisor's approval first (a supervisor's own request is approved by sending)."""
    _side(membership, request, "sender")
    with transaction.atomic():
        request = _locked(request, [State.DRAFT])
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
            _audit(membership, "request.submit", request, ["state"])
            return request
        if membership.has_perm(Permission.APPROVE):
            request.approved_by = acting_user
        _dispatch(request, membership)
        _audit(membership, "request.send", request, ["state", "shared_fields", "snapshot"])
    return request


def approve_request(
    *, acting_user: User, membership: Membership, request: CooperationRequest
) -> CooperationRequest:
    require_permission(membership, Permission.APPROVE)
    _side(membership, request, "sender")
    with transaction.atomic():
        request = _locked(request, [State.AWAITING_APPROVAL])
        request.approved_by = acting_user
        _dispatch(request, membership)
        _audit(membership, "request.approve", request, ["state", "approved_by", "snapshot"])
    return request


def push_update(
    *,
    acting_user: User,
    membership: Membership,
    request: CooperationRequest,
    shared_fields: Iterable[str] | None = None,
) -> Snapshot:
    """Send the receiver a fresh snapshot (of the same fields, or of a new choice)."""
    _side(membership, request, "sender")
    with transaction.atomic():
        request = _locked(request, OPEN_STATES)
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
        _event(
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
        _audit(membership, "request.push", request, ["snapshot", "shared_fields"])
    return snapshot


def revoke_share(
    *, acting_user: User, membership: Membership, request: CooperationRequest
) -> CooperationRequest:
    """Withdraws everything the sender shared from the receiver, on its next request: the
    snapshot, the question, the content and attachments of the sender's messages until now
    (`access.conversation`). The photo copies made for the share are deleted from storage once
    the revocation commits: they belonged only to the share, and the originals stay in the
    case. The sender's attachments stay stored (they are the sender's only copy, and the
    sender's record), but only the sender can open them."""
    _side(membership, request, "sender")
    with transaction.atomic():
        request = CooperationRequest.objects.select_for_update().get(pk=request.pk)
        if request.share_revoked_at is None:
            request.share_revoked_at = timezone.now()
            request.save(update_fields=["share_revoked_at"])
            _purge_shared_photos(request)
            _event(request, EventKind.SHARE_REVOKED, membership)
            if request.state not in (State.DRAFT, State.AWAITING_APPROVAL):
                notify(
                    request.receiver,
                    request,
                    "revoked",
                )
            _audit(membership, "request.revoke", request, ["share_revoked_at", "snapshot.photos"])
    return request


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


def _receiver_transition(
    membership: Membership,
    request: CooperationRequest,
    allowed: Iterable[str],
    new_state: str,
    kind: str,
    body: str = "",
) -> CooperationRequest:
    _side(membership, request, "receiver")
    with transaction.atomic():
        request = _locked(request, allowed)
        now = timezone.now()
        request.state = new_state
        if new_state == State.ACKNOWLEDGED:
            request.acknowledged_at = now
        if new_state in FINAL_STATES:
            request.completed_at = now
        if new_state == State.DECLINED:
            request.decline_reason = body
        request.save()
        _event(request, kind, membership, body)
        notify(
            request.sender,
            request,
            "state",
            what=request.state,
        )
        _audit(
            membership,
            f"request.{new_state}",
            request,
            ["state"] + (["decline_reason"] if body else []),
        )
    return request


def acknowledge(
    *, acting_user: User, membership: Membership, request: CooperationRequest
) -> CooperationRequest:
    return _receiver_transition(
        membership, request, [State.SENT], State.ACKNOWLEDGED, EventKind.ACKNOWLEDGED
    )


def start_work(
    *, acting_user: User, membership: Membership, request: CooperationRequest
) -> CooperationRequest:
    return _receiver_transition(
        membership,
        request,
        [State.SENT, State.ACKNOWLEDGED],
        State.IN_PROGRESS,
        EventKind.IN_PROGRESS,
    )


def complete(
    *, acting_user: User, membership: Membership, request: CooperationRequest, summary: str = ""
) -> CooperationRequest:
    return _receiver_transition(
        membership,
        request,
        [State.ACKNOWLEDGED, State.IN_PROGRESS],
        State.COMPLETED,
        EventKind.COMPLETED,
        summary,
    )


def decline(
    *, acting_user: User, membership: Membership, request: CooperationRequest, reason: str
) -> CooperationRequest:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why you decline.")})
    return _receiver_transition(
        membership, request, OPEN_STATES, State.DECLINED, EventKind.DECLINED, reason.strip()
    )


def withdraw(
    *, acting_user: User, membership: Membership, request: CooperationRequest, reason: str = ""
) -> CooperationRequest:
    _side(membership, request, "sender")
    with transaction.atomic():
        request = _locked(request, [State.DRAFT, State.AWAITING_APPROVAL, *OPEN_STATES])
        was_visible = request.state not in (State.DRAFT, State.AWAITING_APPROVAL)
        request.state, request.completed_at = State.WITHDRAWN, timezone.now()
        request.save(update_fields=["state", "completed_at"])
        _event(request, EventKind.WITHDRAWN, membership, reason)
        if was_visible:
            notify(request.receiver, request, "withdrawn")
        _audit(membership, "request.withdraw", request, ["state"])
    return request


def report_located(
    *, acting_user: User, membership: Membership, request: CooperationRequest, note: str = ""
) -> CooperationRequest:
    """The receiver reports the child located: the sender is told at once and the 12-hour
    decision clock starts (Regulation (EU) 2018/1862 art. 33)."""
    _side(membership, request, "receiver")
    with transaction.atomic():
        request = _locked(request, OPEN_STATES)
        now = timezone.now()
        request.located_at = now
        request.decision_due_at = now + timedelta(hours=settings.CROSSBORDER_LOCATED_DECISION_HOURS)
        if request.state == State.SENT:
            request.state, request.acknowledged_at = State.ACKNOWLEDGED, now
        request.save()
        _event(request, EventKind.CHILD_LOCATED, membership, note)
        add_timeline(
            request.case,
            TimelineKind.INFORMATION,
            actor=None,
            message="crossborder_located",
            params={
                "org": request.receiver.name,
                "ref": request.reference,
                "due": request.decision_due_at.isoformat(),
            },
        )
        notify(
            request.sender,
            request,
            "located",
            permission=Permission.EDIT_CASES,
        )
        _audit(membership, "request.located", request, ["located_at", "decision_due_at"])
    return request


def post_message(
    *,
    acting_user: User,
    membership: Membership,
    request: CooperationRequest,
    body: str,
    language: str = "",
    kind: str = EventKind.MESSAGE,
    attachment: UploadedFile | None = None,
) -> RequestEvent:
    """A message, or a structured event such as "police contacted", from either side."""
    require_permission(membership, Permission.EDIT_CASES)
    if membership.organisation_id not in (request.sender_id, request.receiver_id):
        raise PermissionDenied
    if kind not in (EventKind.MESSAGE, EventKind.POLICE_CONTACTED):
        raise ValidationError({"kind": _("This kind of entry is written by Homeward itself.")})
    if not body.strip() and attachment is None:
        raise ValidationError({"body": _("Write a message or attach a file.")})
    extra: dict[str, object] = {"language": language[:16]}
    if attachment is not None:
        extra.update(clean_attachment(attachment))
    with transaction.atomic():
        request = _locked(request, [State.SENT, *OPEN_STATES])
        event = _event(request, kind, membership, body.strip(), **extra)
        other = (
            request.receiver if membership.organisation_id == request.sender_id else request.sender
        )
        notify(other, request, "message")
        _audit(
            membership, "message.create", request, ["body"] + (["attachment"] if attachment else [])
        )
    return event


def link_receiver_case(
    *, acting_user: User, membership: Membership, request: CooperationRequest, case: Case
) -> CooperationRequest:
    """The receiver's own case for this request: each side then sees the other's status only."""
    _side(membership, request, "receiver")
    if case.organisation_id != membership.organisation_id:
        raise ValidationError({"case": _("No such case.")})
    with transaction.atomic():
        request = _locked(request, [State.SENT, *OPEN_STATES])
        request.receiver_case = case
        request.save(update_fields=["receiver_case"])
        _audit(membership, "request.link_case", request, ["receiver_case"])
    return request


def check_deadlines(*, now: datetime | None = None) -> dict[str, int]:
    """Reminders when three quarters of the time to acknowledge has passed; escalation to the
    supervisors of both hotlines once it has run out. Idempotent: each happens once."""
    now = now or timezone.now()
    counts = {"reminded": 0, "escalated": 0}
    pending = CooperationRequest.objects.filter(
        state=State.SENT, acknowledge_due_at__isnull=False, escalated_at__isnull=True
    )
    for request in pending.select_related("sender", "receiver"):
        with transaction.atomic():
            locked = CooperationRequest.objects.select_for_update().get(pk=request.pk)
            sent_at, due = locked.sent_at, locked.acknowledge_due_at
            if locked.state != State.SENT or sent_at is None or due is None:
                continue
            if now >= due:
                if locked.escalated_at is not None:
                    continue  # escalated once; never reminded after the deadline
                locked.escalated_at = now
                locked.save(update_fields=["escalated_at"])
                _event(locked, EventKind.ESCALATED, None)
                for organisation in (locked.receiver, locked.sender):
                    notify(organisation, locked, "overdue", permission=Permission.APPROVE)
                record_event(
                    actor=None,
                    organisation=locked.sender,
                    action="crossborder.request.escalate",
                    target=locked,
                    fields=["escalated_at"],
                )
                counts["escalated"] += 1
                continue
            remind_at = sent_at + (due - sent_at) * settings.CROSSBORDER_REMINDER_FRACTION
            if now >= remind_at and locked.reminded_at is None:
                locked.reminded_at = now
                locked.save(update_fields=["reminded_at"])
                _event(locked, EventKind.REMINDER, None)
                notify(
                    locked.receiver,
                    locked,
                    "reminder",
                    due=due.isoformat(),
                )
                record_event(
                    actor=None,
                    organisation=locked.receiver,
                    action="crossborder.request.remind",
                    target=locked,
                    fields=["reminded_at"],
                )
                counts["reminded"] += 1
    return counts


def mark_notifications_read(
    *, acting_user: User, membership: Membership, ids: Iterable[int] | None = None
) -> int:
    """Marks the member's own unread notices read (all of them, or those ids). A notice holds
    no personal data, but the change is recorded like every other."""
    with transaction.atomic():
        unread = notifications_of(membership).filter(read_at__isnull=True)
        if ids is not None:
            unread = unread.filter(pk__in=list(ids))
        marked = unread.update(read_at=timezone.now())
        if marked:
            record_event(
                actor=acting_user,
                organisation=membership.organisation,
                action="crossborder.notifications.read",
                object_type="notification",
                object_id=str(marked),
                fields=["read_at"],
            )
    return marked
