"""One error format for the whole API: `{"code": ..., "message": ..., "errors": [{"field",
"message"}]}`. Never a traceback."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from homeward.organisations.access import MfaRequired

RETRY_AFTER_SECONDS = 30

_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "validation_error",
    429: "rate_limited",
    503: "service_unavailable",
}


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    code: str
    message: str
    errors: list[FieldError] = []


def error_response(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    message: str,
    errors: list[dict[str, str]] | None = None,
    code: str | None = None,
) -> HttpResponse:
    body = {"code": code or _CODES.get(status, "error"), "message": message, "errors": errors or []}
    return api.create_response(request, body, status=status)


def _field_name(loc: list[Any] | tuple[Any, ...]) -> str:
    # ninja reports ("body", "payload", "email"); the client knows the field as "email"
    parts = [str(p) for p in loc if p not in ("body", "payload", "query", "path")]
    return ".".join(parts) or "__all__"


def install(api: NinjaAPI) -> None:
    # ninja types a handler's exception as "E | type[E]"; ours receive instances.
    def validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            {"field": _field_name(e.get("loc", ())), "message": str(e.get("msg", ""))}
            for e in exc.errors
        ]
        return error_response(api, request, 422, "Some fields are not valid.", errors)

    def django_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        if hasattr(exc, "error_dict"):
            errors = [
                {"field": field, "message": str(message)}
                for field, messages in exc.message_dict.items()
                for message in messages
            ]
        else:
            errors = [{"field": "__all__", "message": str(m)} for m in exc.messages]
        return error_response(api, request, 422, "Some fields are not valid.", errors)

    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(api, request, 404, "Not found.")

    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return error_response(
            api, request, 403, str(exc) or "You do not have permission to do this."
        )

    def mfa_required(request: HttpRequest, exc: MfaRequired) -> HttpResponse:
        return error_response(
            api, request, 403, "Set up two-factor authentication first.", code="mfa_required"
        )

    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return error_response(api, request, 401, "Sign in, or send a valid bearer token.")

    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        response = error_response(api, request, 429, "Too many requests; slow down.")
        if exc.wait:
            response["Retry-After"] = str(int(exc.wait) + 1)
        return response

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return error_response(api, request, exc.status_code, str(exc))

    def database_down(request: HttpRequest, exc: DatabaseError) -> HttpResponse:
        response = error_response(
            api, request, 503, "The database cannot be reached; nothing was saved. Try again."
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    api.add_exception_handler(ValidationError, validation)  # type: ignore[arg-type]
    api.add_exception_handler(DjangoValidationError, django_validation)  # type: ignore[arg-type]
    api.add_exception_handler(Http404, not_found)  # type: ignore[arg-type]
    api.add_exception_handler(PermissionDenied, forbidden)  # type: ignore[arg-type]
    api.add_exception_handler(MfaRequired, mfa_required)  # type: ignore[arg-type]
    api.add_exception_handler(AuthenticationError, unauthenticated)  # type: ignore[arg-type]
    api.add_exception_handler(Throttled, throttled)  # type: ignore[arg-type]
    api.add_exception_handler(HttpError, http_error)  # type: ignore[arg-type]
    api.add_exception_handler(DatabaseError, database_down)  # type: ignore[arg-type]
