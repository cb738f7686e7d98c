"""Sends every keyed write through core.idempotency: API `POST`s with an `Idempotency-Key`
header, and forms posted by a signed-in member with their one-time `form_token`."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from homeward.core.idempotency import (
    FORM_TOKEN_FIELD,
    FORM_TYPES,
    MAX_KEY_LENGTH,
    KeyReused,
    Sent,
    answer_once,
)

# Sign-in and language forms act on the browser itself (cookies), which a replay cannot redo.
_NOT_REPLAYED = ("/accounts/", "/i18n/")


class IdempotencyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "POST" or request.path.startswith(_NOT_REPLAYED):
            return self.get_response(request)
        api = request.path.startswith("/api/")
        key = request.headers.get("Idempotency-Key") if api else _form_token(request)
        principal = _principal(request) if key is not None else None
        if key is None or principal is None:
            return self.get_response(request)
        if not 1 <= len(key) <= MAX_KEY_LENGTH or not key.isascii() or not key.isprintable():
            return _refused(
                "Idempotency-Key",
                f"Send 1 to {MAX_KEY_LENGTH} printable ASCII characters, unique per write.",
            )
        keep = _succeeded if api else _redirected
        try:
            return answer_once(
                Sent.of(request, principal, key), lambda: self.get_response(request), keep
            )
        except KeyReused:
            if not api:
                return render(request, "core/already_sent.html", status=409)
            return _refused(
                "Idempotency-Key",
                "This key was already used for a different request; send a new key.",
            )


def _form_token(request: HttpRequest) -> str | None:
    if request.content_type not in FORM_TYPES:
        return None
    return request.POST.get(FORM_TOKEN_FIELD) or None


def _principal(request: HttpRequest) -> str | None:
    """Who sends the write, in a form nobody else can produce: a bearer token's digest (only
    its holder has the token; a token acts in one organisation), or the signed-in user in her
    current organisation."""
    authorization = request.headers.get("Authorization", "")
    if authorization.startswith("Bearer "):
        return "token:" + hashlib.sha256(authorization[7:].strip().encode()).hexdigest()
    if request.user.is_authenticated:
        # and the organisation she works in: a key sent again after switching is a new write
        membership = getattr(request, "membership", None)
        organisation = membership.organisation_id if membership is not None else "-"
        return f"user:{request.user.pk}:{organisation}"
    return None


def _succeeded(response: HttpResponse) -> bool:
    return 200 <= response.status_code < 300 and not response.streaming


def _redirected(response: HttpResponse) -> bool:
    return response.status_code in (302, 303)


def _refused(field: str, message: str) -> HttpResponse:
    return JsonResponse(
        {
            "code": "validation_error",
            "message": "Some fields are not valid.",
            "errors": [{"field": field, "message": message}],
        },
        status=422,
    )
