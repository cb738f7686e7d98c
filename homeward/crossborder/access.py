"""Scoped reads of cooperation requests. A request exists for its sender and, once sent, for its
receiver; for any other hotline it does not exist (404). The receiver reads a snapshot of what was
shared, never the live case, and nothing the sender shared once the sender revoked the share: not
the snapshot or its photos, not the question, and not the content or the attachments of the
sender's messages. What the receiver keeps is the request's procedural shell (reference, type,
states, dates, who wrote when) and its own messages. The sender keeps everything: it is her
organisation's record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from homeward.audit.actions import record_read
from homeward.crossborder.choices import OPEN_STATES, State
from homeward.crossborder.models import CooperationRequest, Notification, RequestEvent, Snapshot
from homeward.organisations.access import require_permission
from homeward.organisations.models import Membership, Organisation
from homeward.organisations.roles import Permission


def requests_of(membership: Membership) -> QuerySet[CooperationRequest]:
    require_permission(membership, Permission.VIEW_CASES)
    org = membership.organisation
    # the receiver sees a request once it was sent, and keeps seeing it when it ends; a draft
    # withdrawn before sending never existed for the receiver
    return CooperationRequest.objects.filter(
        Q(sender=org) | (Q(receiver=org) & Q(sent_at__isnull=False))
    ).select_related("sender", "receiver", "case")


def access_request_by_id(membership: Membership, request_id: int) -> CooperationRequest:
    try:
        return requests_of(membership).get(pk=request_id)
    except CooperationRequest.DoesNotExist:
        raise Http404("no such request") from None


def sees(membership: Membership, request: CooperationRequest) -> bool:
    """Whether a request the caller already holds is one of `requests_of` (asked of the database:
    the copy in hand may predate its sending)."""
    return requests_of(membership).filter(pk=request.pk).exists()


def is_sender(membership: Membership, request: CooperationRequest) -> bool:
    return request.sender_id == membership.organisation_id


def decision_withdrawn_from(membership: Membership, request: CooperationRequest) -> bool:
    """Whether the decision's text and authority are withdrawn from this member: the sender
    recorded them, and then revoked the share (the time it was taken stays: the shell)."""
    return (
        withdrawn_from(membership, request)
        and request.decision_organisation_id == request.sender_id
    )


def withdrawn_from(membership: Membership, request: CooperationRequest) -> bool:
    """Whether what the sender shared is withdrawn from this member: the receiving side, once
    the sender revoked the share."""
    return not is_sender(membership, request) and request.share_revoked_at is not None


def conversation(membership: Membership, request: CooperationRequest) -> QuerySet[RequestEvent]:
    """The request's conversation as this side may read it, oldest first. Each entry carries
    `withdrawn`: true, for the receiver, on the sender's entries written up to the revocation
    (what the sender writes afterwards is shared anew, knowingly). Such an entry keeps its kind,
    side and time, and is shown without its body, language, author or attachment (the page and
    the API do so; `attachment_event` refuses the file)."""
    events = request.events.select_related("request", "organisation", "author").order_by(
        "created_at", "pk"
    )
    if withdrawn_from(membership, request):
        return events.annotate(
            withdrawn=Case(
                When(
                    organisation_id=request.sender_id,
                    created_at__lte=request.share_revoked_at,
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
    return events.annotate(withdrawn=Value(False, output_field=BooleanField()))


def attachment_event(
    membership: Membership, request: CooperationRequest, event_id: int
) -> RequestEvent:
    """A message of this request that carries an attachment this member may download: 404 for
    any other id, and for the sender's attachments once the share was revoked (receiver)."""
    event = conversation(membership, request).filter(pk=event_id).exclude(attachment="").first()
    if event is None or getattr(event, "withdrawn", True):
        raise Http404("no such attachment")
    return event


@dataclass(frozen=True)
class SharedView:
    request: CooperationRequest
    snapshot: Snapshot


def shared_snapshot(membership: Membership, request: CooperationRequest) -> SharedView:
    """The latest snapshot, as this side may see it. For the receiver a revoked share is gone
    (404) on its next request. Every read is in the reader's audit trail."""
    if not is_sender(membership, request) and request.share_revoked_at is not None:
        raise Http404("the sender revoked this share")
    snapshot = request.snapshots.first()
    if snapshot is None:
        raise Http404("nothing was shared")
    record_read(
        actor=membership.user,
        organisation=membership.organisation,
        action="crossborder.snapshot.read",
        target=snapshot,
        fields=sorted(request.shared_fields),
    )
    return SharedView(request=request, snapshot=snapshot)


def shared_photo_name(membership: Membership, request: CooperationRequest, child_key: str) -> str:
    view = shared_snapshot(membership, request)
    name = view.snapshot.photos.get(child_key)
    if not name:
        raise Http404("no shared photo")
    return str(name)


def waiting_for(membership: Membership) -> QuerySet[CooperationRequest]:
    """Incoming requests to acknowledge, and open requests either side must act on soon."""
    org = membership.organisation
    soon = timezone.now() + timedelta(hours=2)
    return (
        requests_of(membership)
        .filter(
            (Q(receiver=org) & Q(state=State.SENT))
            | (
                Q(state__in=OPEN_STATES)
                & Q(acknowledge_due_at__lt=soon)
                & Q(acknowledged_at__isnull=True)
            )
            | (
                Q(sender=org)
                & Q(decision_due_at__isnull=False)
                & Q(decided_at__isnull=True)
                & Q(state__in=OPEN_STATES)
            )
            | (Q(sender=org) & Q(state=State.AWAITING_APPROVAL))
        )
        .order_by("acknowledge_due_at", "-created_at")
    )


def notifications_of(membership: Membership) -> QuerySet[Notification]:
    return Notification.objects.filter(
        recipient=membership.user, organisation=membership.organisation
    )


def receivers_for(organisation: Organisation) -> QuerySet[Organisation]:
    """Hotlines a request can go to: every other active national hotline."""
    return Organisation.objects.filter(kind="hotline", is_active=True).exclude(pk=organisation.pk)
