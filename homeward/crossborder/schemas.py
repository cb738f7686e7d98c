"""The REST API's shapes for cross-border cooperation.

A request reads differently from each side: the sender sees its own `case_id`, the receiver its
own `receiver_case_id`, and neither sees the other's live case. What the receiver reads of the
child is only ever the snapshot (`SnapshotOut`), never the case. The side comes from the asking
member, which ninja passes to the resolvers in the validation context.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.urls import reverse
from ninja import Field, Schema

from homeward.cases.choices import Category, Subcategory
from homeward.core.api_types import (
    Country,
    In,
    JsonId,
    Language,
    Line100,
    Line200,
    Moment,
    PersonOut,
    QueryBool,
    Text,
    person_out,
)
from homeward.crossborder.choices import RequestType, State, Urgency
from homeward.crossborder.models import CooperationRequest, Notification, RequestEvent, Snapshot
from homeward.crossborder.sharing import shares_personal_data
from homeward.organisations.models import Membership

Side = Literal["sender", "receiver"]


def _membership(context: dict[str, Any] | None) -> Membership | None:
    actor = getattr(context.get("request"), "auth", None) if context else None
    return getattr(actor, "membership", None)


def _side_of(request: CooperationRequest, context: dict[str, Any] | None) -> Side | None:
    membership = _membership(context)
    if membership is None:
        return None
    if request.sender_id == membership.organisation_id:
        return "sender"
    if request.receiver_id == membership.organisation_id:
        return "receiver"
    return None


def _withdrawn_request(request: CooperationRequest, context: dict[str, Any] | None) -> bool:
    """The receiver's side of a revoked share: the request reads as its procedural shell (no
    question, no shared field keys, no snapshot version)."""
    return _side_of(request, context) != "sender" and request.share_revoked_at is not None


def _decision_withdrawn(request: CooperationRequest, context: dict[str, Any] | None) -> bool:
    return (
        _withdrawn_request(request, context)
        and request.decision_organisation_id == request.sender_id
    )


# --- in ----------------------------------------------------------------------------------------


class RequestIn(In):
    """A draft from one of your cases. Nothing is shared unless named in `shared_fields` (the
    keys of `GET /crossborder/shareable-fields?case_id=`)."""

    case_id: JsonId = Field(description="one of your hotline's cases")
    receiver_country: Country = Field(description="the country of the hotline you ask")
    request_type: RequestType
    urgency: Urgency | None = Field(
        None, description="leave out for the default: urgent for a high-risk case, else normal"
    )
    question: Text = Field(description="what you ask the other hotline to do")
    languages: list[Language] = Field(default_factory=list)
    shared_fields: list[Line100] = Field(default_factory=list)


class RequestFilter(Schema):
    direction: Literal["incoming", "outgoing"] | None = Field(
        None, description="incoming: sent to you; outgoing: yours (drafts included)"
    )
    state: State | None = None


class PushIn(In):
    shared_fields: list[Line100] | None = Field(
        None, description="a new choice of fields; leave out to resend the same fields"
    )


class ReasonIn(In):
    reason: Text


class OptionalReasonIn(In):
    reason: Text = ""


class SummaryIn(In):
    summary: Text = ""


class NoteIn(In):
    note: Text = ""


class DecisionIn(In):
    decision: Text = Field(description="what was decided on the located child")
    decision_authority: Line200 = Field(description="the authority that decided")
    decided_at: Moment = Field(
        description="when it was decided: not in the future, not before the request was sent"
    )


class OpenCaseIn(In):
    category: Category = Field(description="the new case's category")
    subcategory: Subcategory | Literal[""] = ""
    summary: Text = ""


class LinkCaseIn(In):
    case_id: JsonId = Field(description="your own hotline's case for this request")


class MessageIn(In):
    body: Text = ""
    language: Language | Literal[""] = ""
    kind: Literal["message", "police_contacted"] = "message"


class NotificationFilter(Schema):
    unread: QueryBool | None = Field(None, description="true: unread only; false: read only")


class MarkReadIn(In):
    ids: list[JsonId] | None = Field(None, description="your notices to mark read; leave out: all")


# --- out ---------------------------------------------------------------------------------------


class OrganisationRefOut(Schema):
    name: str
    country: str


class RequestListItemOut(Schema):
    """A request in a list: no question and no shared data (open the request for those)."""

    id: int
    reference: str
    side: Side | None
    sender: OrganisationRefOut
    receiver: OrganisationRefOut
    request_type: str
    urgency: str
    state: str
    share_active: bool
    created_at: datetime
    sent_at: datetime | None
    acknowledge_due_at: datetime | None
    acknowledged_at: datetime | None
    decision_due_at: datetime | None
    completed_at: datetime | None

    @staticmethod
    def resolve_side(request: CooperationRequest, context: dict[str, Any] | None) -> Side | None:
        return _side_of(request, context)


class RequestOut(RequestListItemOut):
    question: str = Field(description="empty for the receiver once the sender revoked the share")
    languages: list[str]
    decline_reason: str
    shared_fields: list[str] = Field(
        description="the keys shared; empty for the receiver once the sender revoked the share"
    )
    share_revoked_at: datetime | None
    located_at: datetime | None
    decision: str = Field(
        description="what was decided on the located child; empty for the receiver once the "
        "sender, having recorded it, revoked the share"
    )
    decision_authority: str
    decided_at: datetime | None = Field(description="set: the 12-hour clock has stopped")
    returned_reason: str = Field(
        description="why a supervisor sent the sharing back (the sender's side only)"
    )
    snapshot_version: int | None = Field(
        description="the latest snapshot sent, if any (and the share is not revoked, for the "
        "receiver)"
    )
    case_id: int | None = Field(description="your case (the sender's side only)")
    receiver_case_id: int | None = Field(description="your case (the receiver's side only)")
    created_by: PersonOut | None = Field(description="the sender's side only")
    approved_by: PersonOut | None = Field(description="the sender's side only")

    @staticmethod
    def resolve_question(request: CooperationRequest, context: dict[str, Any] | None) -> str:
        return "" if _withdrawn_request(request, context) else request.question

    @staticmethod
    def resolve_shared_fields(
        request: CooperationRequest, context: dict[str, Any] | None
    ) -> list[str]:
        return [] if _withdrawn_request(request, context) else list(request.shared_fields)

    @staticmethod
    def resolve_decision(request: CooperationRequest, context: dict[str, Any] | None) -> str:
        return "" if _decision_withdrawn(request, context) else request.decision

    @staticmethod
    def resolve_decision_authority(
        request: CooperationRequest, context: dict[str, Any] | None
    ) -> str:
        return "" if _decision_withdrawn(request, context) else request.decision_authority

    @staticmethod
    def resolve_returned_reason(request: CooperationRequest, context: dict[str, Any] | None) -> str:
        return request.returned_reason if _side_of(request, context) == "sender" else ""

    @staticmethod
    def resolve_snapshot_version(
        request: CooperationRequest, context: dict[str, Any] | None
    ) -> int | None:
        if _withdrawn_request(request, context):
            return None
        return request.snapshots.values_list("version", flat=True).first()

    @staticmethod
    def resolve_case_id(request: CooperationRequest, context: dict[str, Any] | None) -> int | None:
        return request.case_id if _side_of(request, context) == "sender" else None

    @staticmethod
    def resolve_receiver_case_id(
        request: CooperationRequest, context: dict[str, Any] | None
    ) -> int | None:
        return request.receiver_case_id if _side_of(request, context) == "receiver" else None

    @staticmethod
    def resolve_created_by(
        request: CooperationRequest, context: dict[str, Any] | None
    ) -> PersonOut | None:
        return person_out(request.created_by) if _side_of(request, context) == "sender" else None

    @staticmethod
    def resolve_approved_by(
        request: CooperationRequest, context: dict[str, Any] | None
    ) -> PersonOut | None:
        return person_out(request.approved_by) if _side_of(request, context) == "sender" else None


class CaseRefOut(Schema):
    """Your hotline's new case: read it at /api/v1/cases/{id}."""

    id: int
    reference: str


class SharedChildOut(Schema):
    key: str = Field(description="the child's key in this request, e.g. child-12")
    fields: dict[str, Any]
    photo_url: str | None = Field(description="where to download the shared photo, if shared")


class SnapshotOut(Schema):
    """Exactly what the sender shared, as it was when sent or last pushed. A value with a choice
    is its code, in no one's language: category `runaway`, sex `female`, countries as ISO 3166-1
    codes, languages as BCP 47 tags."""

    request_id: int
    reference: str
    version: int
    pushed_at: datetime
    shared_fields: list[str]
    case: dict[str, Any]
    children: list[SharedChildOut]


def snapshot_out(snapshot: Snapshot) -> SnapshotOut:
    request = snapshot.request
    children = []
    for child in snapshot.data.get("children", []):
        key = str(child["key"])
        photo = key in snapshot.photos and bool(child["fields"].get("photo"))
        url = reverse("api-v1:xb_shared_photo", args=[request.pk, key]) if photo else None
        children.append(SharedChildOut(key=key, fields=dict(child["fields"]), photo_url=url))
    return SnapshotOut(
        request_id=request.pk,
        reference=request.reference,
        version=snapshot.version,
        pushed_at=snapshot.pushed_at,
        shared_fields=sorted(request.shared_fields),
        case=dict(snapshot.data.get("case", {})),
        children=children,
    )


def _withdrawn(event: RequestEvent) -> bool:
    """Set by `access.conversation`: the sender's entry, read by the receiver after revocation."""
    return bool(getattr(event, "withdrawn", False))


class MessageOut(Schema):
    id: int
    kind: str
    side: Side | None = Field(description="who wrote it; null: Homeward itself")
    organisation: str | None
    author: PersonOut | None
    body: str
    language: str
    attachment_name: str
    attachment_url: str | None
    withdrawn: bool = Field(
        description="the sender revoked the share: this entry of the sender's comes without its "
        "author, body, language and attachment (the receiver's side only)"
    )
    created_at: datetime

    @staticmethod
    def resolve_withdrawn(event: RequestEvent) -> bool:
        return _withdrawn(event)

    @staticmethod
    def resolve_body(event: RequestEvent) -> str:
        return "" if _withdrawn(event) else event.body

    @staticmethod
    def resolve_language(event: RequestEvent) -> str:
        return "" if _withdrawn(event) else event.language

    @staticmethod
    def resolve_attachment_name(event: RequestEvent) -> str:
        return "" if _withdrawn(event) else event.attachment_name

    @staticmethod
    def resolve_side(event: RequestEvent) -> Side | None:
        if event.organisation_id is None:
            return None
        return "sender" if event.organisation_id == event.request.sender_id else "receiver"

    @staticmethod
    def resolve_organisation(event: RequestEvent) -> str | None:
        return event.organisation.name if event.organisation else None

    @staticmethod
    def resolve_author(event: RequestEvent) -> PersonOut | None:
        return None if _withdrawn(event) else person_out(event.author)

    @staticmethod
    def resolve_attachment_url(event: RequestEvent) -> str | None:
        if not event.attachment or _withdrawn(event):
            return None
        return reverse("api-v1:xb_attachment", args=[event.request_id, event.pk])


class ShareableFieldOut(Schema):
    key: str = Field(description="what to put in shared_fields")
    scope: Literal["case", "child"]
    child_id: int | None
    field: str
    personal: bool = Field(
        description="personal data: sharing it needs a supervisor's approval unless your "
        "organisation decided otherwise"
    )


def shareable_field_out(key: str) -> ShareableFieldOut:
    parts = key.split(".")
    if parts[0] == "child":
        return ShareableFieldOut(
            key=key,
            scope="child",
            child_id=int(parts[1]),
            field=parts[2],
            personal=shares_personal_data([key]),
        )
    return ShareableFieldOut(
        key=key, scope="case", child_id=None, field=parts[1], personal=shares_personal_data([key])
    )


class NotificationOut(Schema):
    id: int
    text: str = Field(description="in the reader's language")
    message: str = Field(description="what happened, as a code (new_request, located, …)")
    request_id: int | None
    created_at: datetime
    read_at: datetime | None
    done_at: datetime | None = Field(
        description="the notice asked for an action (approve, acknowledge, decide) and it was taken"
    )

    @staticmethod
    def resolve_text(notification: Notification) -> str:
        return notification.shown_text

    @staticmethod
    def resolve_request_id(notification: Notification) -> int | None:
        return notification.request_id


class MarkedOut(Schema):
    marked: int
