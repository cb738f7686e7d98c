"""Site registration for the 404 widget: public, no account, no cookie. The key is shown once
and e-mailed to the contact.

The form carries no CSRF token (a token is a cookie, and the public pages set none): there is
no session or account whose authority a forged post could borrow. A post from another site is
refused by its Origin header (or, without one, its Referer; a post with neither is refused),
and each address, contact e-mail and origin may register only a few sites an hour."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from homeward.appeals import access, actions
from homeward.appeals.forms import SiteForm
from homeward.appeals.origins import rebuilt_origin
from homeward.core.forms import add_errors

PER_ADDRESS = 5  # successful registrations an hour, from one address
PER_EMAIL = 5  # ... to one contact e-mail
PER_ORIGIN = 2  # ... of one origin


def _address_key(request: HttpRequest) -> str:
    window = int(time.time() // 3600)
    return f"appeals-register:{request.META.get('REMOTE_ADDR', '')}:{window}"


def _over_limit(request: HttpRequest, form: SiteForm) -> bool:
    """Only successful registrations count: a visitor who mistypes is not locked out."""
    if int(cache.get(_address_key(request), 0)) >= PER_ADDRESS:
        return True
    email = str(form.cleaned_data.get("contact_email", ""))
    origin = rebuilt_origin(str(form.cleaned_data.get("origin", ""))) or ""
    by_email, by_origin = access.registrations_last_hour(email, origin)
    return by_email >= PER_EMAIL or by_origin >= PER_ORIGIN


def _count(request: HttpRequest) -> None:
    key = _address_key(request)
    cache.add(key, 0, timeout=3700)
    cache.incr(key)


def _same_site(request: HttpRequest) -> bool:
    """A post from this site's own form: its Origin header, else its Referer, names this site.
    A post with neither is refused (a browser always sends one of them for a form)."""
    own = f"{request.scheme}://{request.get_host()}"
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin == own
    referer = urlsplit(request.headers.get("Referer", ""))
    return bool(referer.netloc) and f"{referer.scheme}://{referer.netloc}" == own


@csrf_exempt
@require_http_methods(["GET", "POST"])
def site_register(request: HttpRequest) -> HttpResponse:
    form = SiteForm(request.POST or None)
    site = None
    status = 200
    if request.method == "POST":
        if not _same_site(request):
            return HttpResponse(status=403, content_type="text/plain")
        if form.is_valid():
            if _over_limit(request, form):
                form.add_error(None, _("Too many registrations: try again in an hour."))
                status = 429
            else:
                try:
                    site = actions.register_site(**form.cleaned_data)
                except ValidationError as error:
                    add_errors(form, error)
                else:
                    _count(request)
    response = render(request, "appeals/site_register.html", {"form": form, "site": site},
                      status=status)  # fmt: skip
    patch_cache_control(response, no_store=True, private=True)
    return response
