"""The conversation between the two hotlines, and the private files a request carries: the
shared photo (the receiver's copy in the snapshot) and message attachments. Files are served
only here, after the access check, and every read is in the reader's audit trail."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from homeward.audit.actions import record_read
from homeward.core.forms import add_errors
from homeward.core.storage import private_storage
from homeward.crossborder import access, actions
from homeward.crossborder.attachments import protect
from homeward.crossborder.forms import MessageForm
from homeward.crossborder.views.common import message_languages, render_detail
from homeward.organisations.access import current_membership, member_required
from homeward.organisations.roles import Permission


@require_POST
@member_required(Permission.EDIT_CASES)
def message_post(request: HttpRequest, request_id: int) -> HttpResponse:
    membership = current_membership(request)
    item = access.access_request_by_id(membership, request_id)
    form = MessageForm(request.POST, request.FILES, languages=message_languages(item, membership))
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.post_message(
                membership=membership,
                request=item,
                body=data["body"],
                language=data["language"],
                kind=data["kind"],
                attachment=data["attachment"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Message sent."))
            return redirect(reverse("xb_request_detail", args=[item.pk]) + "#conversation")
    return render_detail(request, membership, item, message_form=form)


def _private_file(name_or_file: object, content_type: str, filename: str = "") -> FileResponse:
    response = FileResponse(
        name_or_file, content_type=content_type, as_attachment=bool(filename), filename=filename
    )
    response["Cache-Control"] = "private, no-store"
    if not filename:
        response["Content-Disposition"] = "inline"
    return response


@never_cache
@member_required(Permission.VIEW_PHOTOS)
def shared_photo(request: HttpRequest, request_id: int, child_key: str) -> HttpResponseBase:
    """The photo copied into the snapshot; 404 for the receiver once sharing is revoked."""
    membership = current_membership(request)
    item = access.access_request_by_id(membership, request_id)
    name = access.shared_photo_name(membership, item, child_key)  # records the read
    return _private_file(private_storage().open(name, "rb"), "image/jpeg")


@never_cache
@member_required(Permission.VIEW_CASES)
def attachment(request: HttpRequest, request_id: int, event_id: int) -> HttpResponseBase:
    """A message's attachment, as the type Homeward decided and always as a download; 404 for
    the sender's attachments once the sender revoked the share (receiver)."""
    membership = current_membership(request)
    item = access.access_request_by_id(membership, request_id)
    event = access.attachment_event(membership, item, event_id)
    try:
        content = event.attachment.open("rb")
    except FileNotFoundError:
        raise Http404("no such attachment") from None
    record_read(
        actor=membership.user,
        organisation=membership.organisation,
        action="crossborder.attachment.read",
        target=event,
        fields=["attachment"],
    )
    return protect(FileResponse(content), event)
