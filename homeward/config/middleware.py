"""Request-wide plumbing: request ids and the client address; no caching of staff answers."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from homeward.audit.context import RequestContext, bind_request_context

# What a client's (or a proxy's) X-Request-ID may be for us to log it beside ours: hex digits
# and dashes, 8 to 64 of them (a uuid, nginx's $request_id). Nothing else is logged, not even
# cleaned: letters beyond a-f, spaces, newlines and control characters could carry a name.
CLIENT_REQUEST_ID = re.compile(r"[0-9A-Fa-f-]{8,64}")


def client_request_id(value: str) -> str:
    return value if CLIENT_REQUEST_ID.fullmatch(value) else ""


class RequestIdMiddleware:
    """Gives each request its own id (a uuid4, never the client's), binds it and the client
    address for audit events and logs, and echoes it back in X-Request-ID. A well-formed
    X-Request-ID from the client is kept apart, as `client_request_id` in the log lines, so a
    proxy's logs can still be matched with ours."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        context = RequestContext(
            request_id=request_id,
            client_address=request.META.get("REMOTE_ADDR"),
            client_request_id=client_request_id(request.headers.get("X-Request-ID", "")),
        )
        with bind_request_context(context):
            response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


class PrivateResponsesMiddleware:
    """No shared cache and no browser cache keeps what staff see: every response to a signed-in
    user and every API answer given to a session or a token says `Cache-Control: no-store,
    private`. The public pages and the public API (the hotline finder, the OpenAPI document)
    answer anonymous requests and keep their own caching."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        # django-ninja sets request.auth on operations that authenticate (a token or a session)
        if signed_in or getattr(request, "auth", None) is not None:
            patch_cache_control(response, no_store=True, private=True)
        return response
