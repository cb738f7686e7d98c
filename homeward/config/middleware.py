"""Request-wide plumbing: request ids and the client address."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from homeward.audit.context import RequestContext, bind_request_context

_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Gives each request an id (kept from a trusted proxy's X-Request-ID when well formed),
    binds it and the client address for audit events and logs, and echoes it back."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        context = RequestContext(
            request_id=request_id, client_address=request.META.get("REMOTE_ADDR")
        )
        with bind_request_context(context):
            response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response
