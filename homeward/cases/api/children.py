"""Children through the API: the record as each role may see it (every read audited), other
names, the photo, and name search."""

import io
from typing import BinaryIO, cast

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse, RawPostDataException
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import Router, Status

from homeward.cases import access, actions, versions
from homeward.cases.api.common import IF_MATCH
from homeward.cases.schemas.children import (
    ChildNameIn,
    ChildNameOut,
    ChildOut,
    ChildPatchIn,
    child_out,
)
from homeward.core.api_types import Id
from homeward.organisations.access import record_read_by, require_permission, who
from homeward.organisations.roles import Permission

router = Router(tags=["children"])


@router.get(
    "/children/{child_id}",
    operation_id="get_child",
    response=ChildOut,
    summary="One child, as your role may see them (an audited read)",
)
def get_child(request: HttpRequest, child_id: Id, response: HttpResponse) -> ChildOut:
    membership = who(request)
    child = access.access_child_by_id(membership, child_id)
    response["ETag"] = versions.etag(child)
    return child_out(access.view_child(membership, child))


@router.patch(
    "/children/{child_id}",
    operation_id="update_child",
    response=ChildOut,
    summary="Change the child's fields you send (medical ones need view_medical); with "
    "If-Match, only if the record is unchanged",
)
def update_child(
    request: HttpRequest,
    child_id: Id,
    payload: ChildPatchIn,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> ChildOut:
    membership = who(request)
    child = actions.update_child(
        membership=membership,
        child=access.access_child_by_id(membership, child_id),
        changes=payload.changes(),
        if_match=if_match,
    )
    response["ETag"] = versions.etag(child)
    return child_out(access.view_child(membership, child))


@router.post(
    "/children/{child_id}/names",
    operation_id="add_child_name",
    response={201: ChildNameOut},
    summary="Add another form of the child's name (an alias, another system's spelling)",
)
def add_child_name(
    request: HttpRequest, child_id: Id, payload: ChildNameIn
) -> Status[ChildNameOut]:
    membership = who(request)
    name = actions.add_child_name(
        membership=membership,
        child=access.access_child_by_id(membership, child_id),
        value=payload.value,
        kind=str(payload.kind),
        source=payload.source,
    )
    return Status(201, ChildNameOut.from_orm(name))


PHOTO_UPLOAD_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["photo"],
                    "properties": {"photo": {"type": "string", "format": "binary"}},
                }
            }
        },
    }
}
PHOTO_DOWNLOAD_SCHEMA = {
    "responses": {
        200: {
            "description": "The photo, re-encoded as JPEG without metadata",
            "content": {"image/jpeg": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


def _uploaded_photo(request: HttpRequest) -> UploadedFile:
    """The `photo` part of a multipart body. Django parses files only for POST, so a PUT's
    body is parsed here, streamed (a large file goes to a temporary file, not memory)."""
    missing = ValidationError({"photo": _("Send the photo as multipart/form-data, field “photo”.")})
    if request.content_type != "multipart/form-data":
        raise missing
    try:
        # a request reads as a stream, as Django's own POST parsing uses it
        _data, files = request.parse_file_upload(request.META, cast(BinaryIO, request))
    except RawPostDataException:  # something read the body already: parse that copy
        _data, files = request.parse_file_upload(request.META, io.BytesIO(request.body))
    except MultiPartParserError:
        raise missing from None
    upload = files.get("photo")
    if upload is None:
        raise missing
    return upload


@router.put(
    "/children/{child_id}/photo",
    operation_id="set_child_photo",
    response=ChildOut,
    summary="Upload or replace the child's photo (needs view_photos)",
    openapi_extra=PHOTO_UPLOAD_SCHEMA,
)
def set_child_photo(request: HttpRequest, child_id: Id) -> ChildOut:
    membership = who(request)
    child = access.access_child_by_id(membership, child_id)
    require_permission(membership, Permission.EDIT_CASES)
    require_permission(membership, Permission.VIEW_PHOTOS)
    child = actions.set_child_photo(
        membership=membership, child=child, upload=_uploaded_photo(request)
    )
    return child_out(access.view_child(membership, child))


@router.get(
    "/children/{child_id}/photo",
    operation_id="get_child_photo",
    url_name="child_photo",
    summary="Download the child's photo (needs view_photos; an audited read)",
    openapi_extra=PHOTO_DOWNLOAD_SCHEMA,
)
def get_child_photo(request: HttpRequest, child_id: Id) -> HttpResponse:
    membership = who(request)
    child = access.access_child_by_id(membership, child_id)
    require_permission(membership, Permission.VIEW_PHOTOS)
    if not child.photo:
        raise Http404("no photo")
    try:
        with child.photo.open("rb") as photo:
            content = photo.read()
    except FileNotFoundError:
        raise Http404("no photo") from None
    record_read_by(membership, "cases.child.photo_read", child, ["photo"])
    response = HttpResponse(content, content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = f'inline; filename="child-{child.pk}.jpg"'
    return response
