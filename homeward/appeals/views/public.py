"""The public side: the appeals page, an appeal's page and photo, the JSON feed, the 404
widget and its script. No sign-in, no cookie, nothing beyond the published content, and
`Cache-Control: public, max-age=30`, so no cache keeps an appeal a minute after its takedown.

An appeal that ended answers 410 (gone) with only "This appeal has ended"; one never published
answers 404."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from csp.decorators import csp
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET
from django_countries import countries as country_names

from homeward.appeals import access
from homeward.appeals.feed import MAX_AGE, feed_of, photo_url, text_of, title_of
from homeward.appeals.models import Appeal
from homeward.appeals.origins import is_safe_origin

WIDGET_POLICY = {
    "default-src": ["'none'"],
    "img-src": ["'self'"],
    "style-src": ["'self'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
    "frame-ancestors": ["'none'"],
}

View = Callable[..., HttpResponseBase]
# django-csp ships no types: its decorator, typed here
widget_policy: Callable[[View], View] = csp(WIDGET_POLICY)


def public(view: View) -> View:
    """A public GET answer, cacheable for at most MAX_AGE seconds by anyone."""

    @require_GET
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        if response.status_code < 500:
            patch_cache_control(response, public=True, max_age=MAX_AGE)
            patch_vary_headers(response, ["Accept-Language"])
        return response

    return wrapped


def _country(request: HttpRequest) -> str:
    code = request.GET.get("country", "").strip().upper()[:2]
    return code if code in dict(country_names) else ""


def _missing(request: HttpRequest) -> HttpResponse:
    return render(request, "appeals/public_missing.html", status=404)


def _ended(request: HttpRequest) -> HttpResponse:
    return render(request, "appeals/public_ended.html", status=410)


def _card(request: HttpRequest, appeal: Appeal) -> dict[str, Any]:
    return {
        "appeal": appeal,
        "title": title_of(appeal),
        "text": text_of(appeal),
        "photo": photo_url(request, appeal),
        "country_names": [country_names.name(c) for c in appeal.countries],
    }


@public
def appeal_list(request: HttpRequest) -> HttpResponse:
    country = _country(request)
    appeals = access.public_list(country)
    choices = sorted(country_names, key=lambda c: c[1])
    return render(
        request,
        "appeals/public_list.html",
        {
            "cards": [_card(request, a) for a in appeals],
            "country": country,
            "countries": choices,
        },
    )


@public
def appeal_public(request: HttpRequest, public_id: str) -> HttpResponse:
    appeal = access.public_appeal(public_id)
    if appeal is None:
        return _missing(request)
    if not access.is_public(appeal):
        return _ended(request)
    return render(request, "appeals/public_detail.html", _card(request, appeal))


@public
def appeal_photo(request: HttpRequest, public_id: str) -> HttpResponse:
    appeal = access.public_appeal(public_id)
    if appeal is None:
        return HttpResponse(status=404, content_type="text/plain")
    if not access.is_public(appeal) or not appeal.photo:
        return HttpResponse(status=410, content_type="text/plain")
    try:
        with appeal.photo.open("rb") as photo:
            content = photo.read()
    except FileNotFoundError:
        return HttpResponse(status=410, content_type="text/plain")
    return HttpResponse(content, content_type="image/jpeg")


@public
def appeal_feed(request: HttpRequest) -> JsonResponse:
    country = _country(request)
    response = JsonResponse(feed_of(request, access.public_list(country), country))
    response["Content-Type"] = "application/feed+json; charset=utf-8"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@xframe_options_exempt
@widget_policy
@public
def widget(request: HttpRequest) -> HttpResponse:
    """The iframe: one appeal for the visitor's country (the snippet's `country`, else the
    region of the browser's language, else the site's country). No script inside. An unknown
    or blocked key is an empty page (200: a browser shows an error box in a frame for an error
    status, and the docs promise the site shows nothing)."""
    site = access.site_by_key(request.GET.get("key", "").strip()[:64])
    # never write a stored value that is not exactly an origin into the policy
    if site is None or not access.site_is_active(site) or not is_safe_origin(site.origin):
        empty = HttpResponse(b"", content_type="text/html; charset=utf-8")
        # an empty page may be framed anywhere (a refused frame draws an error box too)
        empty._csp_replace = {"frame-ancestors": None}  # type: ignore[attr-defined]
        return _widget_headers(empty)
    country = _country(request) or _region(request) or site.country
    appeal = access.one_for_country(country)
    response = render(
        request,
        "appeals/widget.html",
        {"card": _card(request, appeal) if appeal else None},
    )
    # the one site that may frame it: the origin it registered
    response._csp_replace = {"frame-ancestors": [site.origin]}  # type: ignore[attr-defined]
    return _widget_headers(response)


def _widget_headers(response: HttpResponse) -> HttpResponse:
    # a browser asks again at each page view (a new random appeal, never one found since);
    # a shared cache keeps it half a minute at most; no search engine lists it
    patch_cache_control(response, max_age=0, s_maxage=MAX_AGE)
    response["X-Robots-Tag"] = "noindex"
    return response


def _region(request: HttpRequest) -> str:
    """The region of the browser's first language that names one ("fr-BE" → "BE")."""
    for part in request.headers.get("Accept-Language", "").split(","):
        tag = part.split(";")[0].strip()
        pieces = tag.replace("_", "-").split("-")
        if len(pieces) >= 2 and len(pieces[1]) == 2 and pieces[1].upper() in dict(country_names):
            return pieces[1].upper()
    return ""


@require_GET
def widget_script(request: HttpRequest) -> HttpResponse:
    """The tiny script of the script snippet: it reads its `data-key` and `data-country` and
    puts the iframe in its place. No cookie, no storage, nothing sent but those two."""
    frame = request.build_absolute_uri(reverse("appeal_widget"))
    response = render(
        request,
        "appeals/widget.js",
        {"frame": frame},
        content_type="text/javascript; charset=utf-8",
    )
    patch_cache_control(response, public=True, max_age=3600)
    response["Access-Control-Allow-Origin"] = "*"
    return response
