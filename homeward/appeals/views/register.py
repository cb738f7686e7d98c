"""Site registration for the 404 widget: public, no account, no cookie. The key is shown once
and e-mailed to the contact.

The form carries no CSRF token (a token is a cookie, and the public pages set none): there is
no session or account whose authority a forged post could borrow. A post from another site is
refused by its Origin header instead, and each address may register a few sites an hour."""

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

from homeward.appeals import actions
from homeward.appeals.forms import SiteForm
from homeward.core.forms import add_errors

REGISTRATIONS_PER_HOUR = 5


def _over_limit(request: HttpRequest) -> bool:
    window = int(time.time() // 3600)
    key = f"appeals-register:{request.META.get('REMOTE_ADDR', '')}:{window}"
    cache.add(key, 0, timeout=3700)
    return int(cache.incr(key)) > REGISTRATIONS_PER_HOUR


def _same_origin(request: HttpRequest) -> bool:
    origin = request.headers.get("Origin")
    return origin is None or origin == f"{request.scheme}://{request.get_host()}"


@csrf_exempt
@require_http_methods(["GET", "POST"])
def site_register(request: HttpRequest) -> HttpResponse:
    form = SiteForm(request.POST or None)
    site = None
    status = 200
    if request.method == "POST":
        if not _same_origin(request):
            return HttpResponse(status=403, content_type="text/plain")
        if _over_limit(request):
            form.add_error(
                None, _("Too many registrations from your address: try again in an hour.")
            )
            status = 429
        elif form.is_valid():
            try:
                site = actions.register_site(**form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
    response = render(request, "appeals/site_register.html", {"form": form, "site": site},
                      status=status)  # fmt: skip
    patch_cache_control(response, no_store=True, private=True)
    return response
