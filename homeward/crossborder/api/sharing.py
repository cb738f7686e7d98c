"""What a request shares, through the API: the fields a case offers, the snapshot each side
reads, the shared photo, and the sender's updates and revocation.

The receiver reads only the latest snapshot, never the live case, and nothing once the sender
revoked the share (404 from its next request on). Every read is in the reader's audit trail."""

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router

from homeward.cases import access as case_access
from homeward.core.api_types import Id
from homeward.core.storage import private_storage
from homeward.crossborder import access, actions
from homeward.crossborder.api.common import request_in_url
from homeward.crossborder.models import CooperationRequest
from homeward.crossborder.schemas import (
    PushIn,
    RequestOut,
    ShareableFieldOut,
    SnapshotOut,
    shareable_field_out,
    snapshot_out,
)
from homeward.crossborder.sharing import shareable_fields
from homeward.organisations.access import record_read_by, require_permission, who
from homeward.organisations.roles import Permission

router = Router(tags=["crossborder"])

PHOTO_DOWNLOAD_SCHEMA = {
    "responses": {
        200: {
            "description": "The shared copy of the photo (JPEG, without metadata)",
            "content": {"image/jpeg": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


@router.get(
    "/crossborder/shareable-fields",
    operation_id="list_shareable_fields",
    response=list[ShareableFieldOut],
    summary="The keys you may put in shared_fields for one of your cases (no values)",
)
def list_shareable_fields(request: HttpRequest, case_id: Id) -> list[ShareableFieldOut]:
    membership = who(request)
    case = case_access.locate_case(membership, case_id)
    return [shareable_field_out(key) for key in shareable_fields(case)]


@router.get(
    "/crossborder/requests/{request_id}/snapshot",
    operation_id="get_snapshot",
    response=SnapshotOut,
    summary="What was shared, as last sent (both sides; 404 to the receiver once revoked)",
)
def get_snapshot(request: HttpRequest, request_id: Id) -> SnapshotOut:
    membership, item = request_in_url(request, request_id)
    view = access.shared_snapshot(membership, item)
    return snapshot_out(view.snapshot)


@router.get(
    "/crossborder/requests/{request_id}/photos/{child_key}",
    operation_id="get_shared_photo",
    url_name="xb_shared_photo",
    summary="The shared copy of a child's photo (needs view_photos; an audited read)",
    openapi_extra=PHOTO_DOWNLOAD_SCHEMA,
)
def get_shared_photo(request: HttpRequest, request_id: Id, child_key: str) -> HttpResponse:
    membership, item = request_in_url(request, request_id)
    require_permission(membership, Permission.VIEW_PHOTOS)
    name = access.shared_photo_name(membership, item, child_key)
    try:
        with private_storage().open(name, "rb") as photo:
            content = photo.read()
    except FileNotFoundError:
        raise Http404("no shared photo") from None
    record_read_by(membership, "crossborder.snapshot.photo_read", item, [f"{child_key}.photo"])
    response = HttpResponse(content, content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = f'inline; filename="{item.reference}-{child_key}.jpg"'
    return response


@router.post(
    "/crossborder/requests/{request_id}/push",
    operation_id="push_update",
    response=RequestOut,
    summary="Send the receiver a fresh snapshot, of the same fields or of a new choice",
)
def push_update(request: HttpRequest, request_id: Id, payload: PushIn) -> CooperationRequest:
    membership, item = request_in_url(request, request_id)
    actions.push_update(membership=membership, request=item, shared_fields=payload.shared_fields)
    return access.access_request_by_id(membership, item.pk)


@router.post(
    "/crossborder/requests/{request_id}/revoke",
    operation_id="revoke_share",
    response=RequestOut,
    summary="Revoke the share: the receiver loses the snapshot on its next request",
)
def revoke_share(request: HttpRequest, request_id: Id) -> CooperationRequest:
    membership, item = request_in_url(request, request_id)
    return actions.revoke_share(membership=membership, request=item)
