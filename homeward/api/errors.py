"""One error format for the whole API: `{"code": ..., "message": ..., "errors": [{"field",
"message"}]}`. Never a traceback."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from homeward.cases.versions import StaleVersion
from homeward.core.api_types import ErrorOut
from homeward.core.outages import is_database_outage
from homeward.core.storage import StorageFull
from homeward.organisations.access import MfaRequired

RETRY_AFTER_SECONDS = 30

_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    412: "precondition_failed",
    422: "validation_error",
    429: "rate_limited",
    503: "service_unavailable",
    507: "storage_full",
}


ERROR_ANSWERS = {
    400: "The body is not JSON (or not the form data this operation takes).",
    401: "No valid token or session.",
    403: "Your role lacks the permission (`forbidden`), or MFA is not set up (`mfa_required`).",
    404: "No such object, or not yours: the API does not tell them apart.",
    412: "`If-Match` names a version that is no longer current: someone changed the record "
    "since you read it, and nothing was written. GET it again (a new ETag) and redo the change.",
    414: "The URL is longer than the web server accepts (about 4 KB): a query too long to be "
    "valid anyway. Answered by the web server, not in the error format.",
    422: "A field is not valid, or a rule of the procedure refuses it: `errors` names each field.",
    429: "Too many requests; `Retry-After` says for how long.",
    503: "The database cannot be reached; nothing was saved. `Retry-After` says when to retry.",
    507: "The server's file storage is full: nothing was saved. Its operators must make room.",
}
WEB_SERVER_ANSWERS = {414}
"""Answered by the web server (gunicorn) before Homeward sees the request: no JSON body."""
_METHODS = ("get", "put", "post", "delete", "patch")


def error_statuses(operation: dict[str, Any]) -> list[int]:
    """The errors an operation can answer, from what it is: every operation can be rate limited
    and meet a database outage; one that needs a caller can refuse them (401) or their role
    (403); one that names an object by id may not find it (404); one that takes input may find
    it wrong (422), and a body that is not JSON is a 400; a query can make the URL longer than
    the web server takes (414); one that takes If-Match can find the record changed (412)."""
    parameters = operation.get("parameters", [])
    statuses = [429, 503]
    if operation.get("security"):
        statuses += [401, 403]
    if any(p["in"] == "path" or p["name"].endswith("_id") for p in parameters):
        statuses.append(404)
    if parameters or "requestBody" in operation:
        statuses.append(422)
    if "requestBody" in operation:
        statuses.append(400)
    if any(p["in"] == "query" for p in parameters):
        statuses.append(414)
    if any(p["in"] == "header" and p["name"] == "If-Match" for p in parameters):
        statuses.append(412)
    if "multipart/form-data" in operation.get("requestBody", {}).get("content", {}):
        statuses.append(507)  # a file to store
    return sorted(statuses)


def document_errors(schema: dict[str, Any]) -> None:
    """Adds each operation's error answers, with the error schema, to an OpenAPI document."""
    definitions = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.update(definitions.pop("$defs", {}))
    components["ErrorOut"] = definitions
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
    for item in schema["paths"].values():
        for method, operation in item.items():
            if method not in _METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for status in error_statuses(operation):
                answer: dict[str, Any] = {"description": ERROR_ANSWERS[status]}
                if status not in WEB_SERVER_ANSWERS:
                    answer["content"] = error
                responses.setdefault(status, answer)


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

    def database_error(request: HttpRequest, exc: DatabaseError) -> HttpResponse:
        if not is_database_outage(exc):
            raise exc  # a bug: Django logs it and answers the JSON 500 (config.errors)
        response = error_response(
            api, request, 503, "The database cannot be reached; nothing was saved. Try again."
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    def storage_full(request: HttpRequest, exc: StorageFull) -> HttpResponse:
        return error_response(
            api, request, 507, "The server's file storage is full: nothing was saved. Tell your "
            "hotline's administrator; try again once there is room.",
        )  # fmt: skip

    def stale(request: HttpRequest, exc: StaleVersion) -> HttpResponse:
        return error_response(
            api, request, 412, "Someone changed this record since the version in If-Match; "
            "nothing was saved. Read it again and redo your change.",
        )  # fmt: skip

    api.add_exception_handler(ValidationError, validation)  # type: ignore[arg-type]
    api.add_exception_handler(DjangoValidationError, django_validation)  # type: ignore[arg-type]
    api.add_exception_handler(Http404, not_found)  # type: ignore[arg-type]
    api.add_exception_handler(PermissionDenied, forbidden)  # type: ignore[arg-type]
    api.add_exception_handler(MfaRequired, mfa_required)  # type: ignore[arg-type]
    api.add_exception_handler(AuthenticationError, unauthenticated)  # type: ignore[arg-type]
    api.add_exception_handler(Throttled, throttled)  # type: ignore[arg-type]
    api.add_exception_handler(HttpError, http_error)  # type: ignore[arg-type]
    api.add_exception_handler(DatabaseError, database_error)  # type: ignore[arg-type]
    api.add_exception_handler(StorageFull, storage_full)  # type: ignore[arg-type]
    api.add_exception_handler(StaleVersion, stale)  # type: ignore[arg-type]
