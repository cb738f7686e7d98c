"""Error pages. A database outage is a 503 with Retry-After, never a traceback; API paths get
the API's JSON error format."""

from __future__ import annotations

import sys

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _

from homeward.core.outages import is_database_outage
from homeward.core.storage import StorageFull

RETRY_AFTER_SECONDS = 30


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _render(
    request: HttpRequest, template: str, status: int, code: str, message: str
) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"code": code, "message": message, "errors": []}, status=status)
    # Rendered without a request context: context processors could reach the database.
    return HttpResponse(loader.get_template(template).render({"message": message}), status=status)


def _render_in_layout(
    request: HttpRequest, template: str, status: int, code: str, message: str
) -> HttpResponse:
    """An answer to a request that reached a view: the site's own layout, with its navigation
    (should the database fail while it is drawn, the 500 handler answers 503)."""
    if _wants_json(request):
        return JsonResponse({"code": code, "message": message, "errors": []}, status=status)
    layout = "base.html" if request.user.is_authenticated else "public_base.html"
    return render(request, template, {"message": message, "layout": layout}, status=status)


def service_unavailable(request: HttpRequest) -> HttpResponse:
    response = _render(
        request,
        "503.html",
        503,
        "service_unavailable",
        _(
            "Homeward cannot reach its database. Nothing you saved before this message was "
            "lost; try again in a moment."
        ),
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    error = sys.exc_info()[1]
    if is_database_outage(error):
        return service_unavailable(request)
    if isinstance(error, StorageFull):
        return _render(
            request,
            "507.html",
            507,
            "storage_full",
            _(
                "Homeward's file storage is full: nothing of what you sent was saved. Tell your "
                "hotline's administrator; your text is still in the form if you go back."
            ),
        )
    return _render(request, "500.html", 500, "server_error", _("Something went wrong on our side."))


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render_in_layout(request, "404.html", 404, "not_found", _("Not found."))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render_in_layout(
        request, "403.html", 403, "forbidden", _("You do not have permission to do this.")
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _caused_by_outage(exception):
        # the session could not be saved (SessionInterrupted, from the outage underneath):
        # the request was fine, the database was not
        return service_unavailable(request)
    return _render(
        request, "400.html", 400, "bad_request", _("The request could not be understood.")
    )


def _caused_by_outage(exception: BaseException | None) -> bool:
    seen = 0
    while exception is not None and seen < 10:
        if is_database_outage(exception):
            return True
        exception, seen = exception.__cause__ or exception.__context__, seen + 1
    return False
