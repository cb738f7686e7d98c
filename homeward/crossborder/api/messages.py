"""The conversation of a request (messages with an optional attachment, and the procedure's
events), and each member's in-app notices."""

import json
from typing import Any

import pydantic
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.errors import ValidationError
from ninja.pagination import paginate

from homeward.core.api_types import Id
from homeward.crossborder import access, actions
from homeward.crossborder.api.common import request_in_url
from homeward.crossborder.attachments import protect
from homeward.crossborder.models import Notification, RequestEvent
from homeward.crossborder.schemas import (
    MarkedOut,
    MarkReadIn,
    MessageIn,
    MessageOut,
    NotificationFilter,
    NotificationOut,
)
from homeward.organisations.access import record_read_by, require_permission, who
from homeward.organisations.roles import Permission

router = Router(tags=["crossborder"])

_MESSAGE_PROPERTIES = {
    "body": {"type": "string"},
    "language": {"type": "string", "description": "BCP 47, e.g. fr or nl-BE"},
    "kind": {"type": "string", "enum": ["message", "police_contacted"], "default": "message"},
}
MESSAGE_BODY_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"type": "object", "properties": _MESSAGE_PROPERTIES}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        **_MESSAGE_PROPERTIES,
                        "attachment": {
                            "type": "string",
                            "format": "binary",
                            "description": "PDF, plain UTF-8 text (no HTML, SVG or script),"
                            " JPEG or PNG, decided from the content; at most 10 MB",
                        },
                    },
                }
            },
        },
    }
}
ATTACHMENT_DOWNLOAD_SCHEMA = {
    "responses": {
        200: {
            "description": "The attachment, as the type Homeward decided from its content when"
            " it came in (PDF, UTF-8 text, or JPEG: images are re-encoded without metadata),"
            " always as a download (Content-Disposition: attachment). 404 for the sender's"
            " attachments once the sender revoked the share.",
            "content": {
                media: {"schema": {"type": "string", "format": "binary"}}
                for media in ("application/pdf", "text/plain", "image/jpeg")
            },
        }
    }
}


def _invalid(exc: pydantic.ValidationError) -> ValidationError:
    return ValidationError([{"loc": e["loc"], "msg": e["msg"]} for e in exc.errors()])


def _message(request: HttpRequest) -> tuple[MessageIn, UploadedFile | None]:
    """A JSON body, or a multipart one whose optional `attachment` part is the file. Django
    parses a multipart POST itself (large files go to a temporary file, not memory)."""
    data: Any
    attachment: UploadedFile | None = None
    if request.content_type == "multipart/form-data":
        data = {key: request.POST.get(key) for key in request.POST}
        attachment = request.FILES.get("attachment")
        unknown = sorted(set(request.FILES) - {"attachment"})
        if unknown:
            raise ValidationError(
                [{"loc": (name,), "msg": _("Only one file, “attachment”.")} for name in unknown]
            )
    else:
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            raise ValidationError(
                [{"loc": ("__all__",), "msg": _("Send JSON or multipart/form-data.")}]
            ) from None
    try:
        return MessageIn.model_validate(data), attachment
    except pydantic.ValidationError as exc:
        raise _invalid(exc) from None


@router.get(
    "/crossborder/requests/{request_id}/messages",
    operation_id="list_messages",
    response=list[MessageOut],
    summary="The conversation, oldest first: messages and the procedure's events",
)
@paginate
def list_messages(request: HttpRequest, request_id: Id) -> QuerySet[RequestEvent]:
    membership, item = request_in_url(request, request_id)
    record_read_by(membership, "crossborder.messages.read", item, ["messages"])
    return access.conversation(membership, item)


@router.post(
    "/crossborder/requests/{request_id}/messages",
    operation_id="post_message",
    response={201: MessageOut},
    summary="Write to the other hotline (JSON, or multipart/form-data with an attachment)",
    openapi_extra=MESSAGE_BODY_SCHEMA,
)
def post_message(request: HttpRequest, request_id: Id) -> Status[RequestEvent]:
    membership, item = request_in_url(request, request_id)
    require_permission(membership, Permission.EDIT_CASES)  # before the body is read
    payload, attachment = _message(request)
    event = actions.post_message(
        membership=membership,
        request=item,
        body=payload.body,
        language=payload.language,
        kind=payload.kind,
        attachment=attachment,
    )
    return Status(201, event)


@router.get(
    "/crossborder/requests/{request_id}/messages/{message_id}/attachment",
    operation_id="get_message_attachment",
    url_name="xb_attachment",
    summary="Download a message's attachment (an audited read)",
    openapi_extra=ATTACHMENT_DOWNLOAD_SCHEMA,
)
def get_attachment(request: HttpRequest, request_id: Id, message_id: Id) -> HttpResponseBase:
    membership, item = request_in_url(request, request_id)
    event = access.attachment_event(membership, item, message_id)
    try:
        with event.attachment.open("rb") as attachment:
            content = attachment.read()
    except FileNotFoundError:
        raise Http404("no such attachment") from None
    record_read_by(membership, "crossborder.message.attachment_read", item, ["attachment"])
    return protect(HttpResponse(content), event)


# --- notices -----------------------------------------------------------------------------------


@router.get(
    "/crossborder/notifications",
    operation_id="list_notifications",
    response=list[NotificationOut],
    summary="Your cross-border notices in this organisation, newest first",
)
@paginate
def list_notifications(
    request: HttpRequest, filters: Query[NotificationFilter]
) -> QuerySet[Notification]:
    membership = who(request)
    require_permission(membership, Permission.VIEW_CASES)
    notices = access.notifications_of(membership)
    if filters.unread is not None:
        notices = notices.filter(read_at__isnull=filters.unread)
    return notices.order_by("-created_at", "-pk")


@router.post(
    "/crossborder/notifications/read",
    operation_id="mark_notifications_read",
    response=MarkedOut,
    summary="Mark your notices read: the ids you send, or all of them",
)
def mark_notifications_read(request: HttpRequest, payload: MarkReadIn) -> MarkedOut:
    membership = who(request)
    require_permission(membership, Permission.VIEW_CASES)
    notices = access.notifications_of(membership)
    if payload.ids is not None:
        wanted = set(payload.ids)
        notices = notices.filter(pk__in=wanted)
        if len(wanted) != notices.count():
            raise ValidationError(
                [{"loc": ("ids",), "msg": _("Not all of these are your notices.")}]
            )
    marked = actions.mark_notifications_read(membership=membership, ids=payload.ids)
    return MarkedOut(marked=marked)
