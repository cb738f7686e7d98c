"""The public form through which an organisation submits a service: no account, no cookie.

Like the widget-site registration, the form carries no CSRF token (the public pages set no
cookie, and there is no session whose authority a forged post could borrow); a post from
another site is refused by its Origin header, and each address may submit a few services an
hour. A submission waits for a hotline admin of its country."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from homeward.core.forms import add_errors
from homeward.directories import actions
from homeward.directories.forms import ServiceForm

SUBMISSIONS_PER_HOUR = 10


def _over_limit(request: HttpRequest) -> bool:
    window = int(time.time() // 3600)
    key = f"directories-submit:{request.META.get('REMOTE_ADDR', '')}:{window}"
    cache.add(key, 0, timeout=3700)
    return int(cache.incr(key)) > SUBMISSIONS_PER_HOUR


def _same_origin(request: HttpRequest) -> bool:
    origin = request.headers.get("Origin")
    return origin is None or origin == f"{request.scheme}://{request.get_host()}"


@csrf_exempt
@require_http_methods(["GET", "POST"])
def service_submit(request: HttpRequest) -> HttpResponse:
    form = ServiceForm(request.POST if request.method == "POST" else None)
    done = False
    status = 200
    if request.method == "POST":
        if not _same_origin(request):
            return HttpResponse(status=403, content_type="text/plain")
        if _over_limit(request):
            form.add_error(None, _("Too many submissions from your address: try again in an hour."))
            status = 429
        elif form.is_valid():
            try:
                actions.submit_service(form.submission())
            except ValidationError as error:
                add_errors(form, error)
            else:
                done = True
    response = render(request, "directories/service_submit.html", {"form": form, "done": done},
                      status=status)  # fmt: skip
    patch_cache_control(response, no_store=True, private=True)
    return response
