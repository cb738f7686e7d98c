"""The public directory: search, a mediator's page, the co-mediation pair finder and the
request form. No sign-in, no cookie; only published profiles (access.public_mediators)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from homeward.core.forms import add_errors
from homeward.mediators import access, actions
from homeward.mediators.forms import PairForm, RequestForm, SearchForm, split
from homeward.mediators.pairs import Question, propose

PAGE_SIZE = 20
MAX_AGE = 60  # seconds: an unpublished profile leaves every cache within a minute


def _public(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    patch_vary_headers(response, ["Accept-Language"])
    return response


def search_filters(form: SearchForm) -> access.Filters:
    if not form.is_valid():
        return access.Filters()
    data = form.cleaned_data
    return access.Filters(
        country=data["country"],
        language=data["language"].strip(),
        background=data["background"],
        profession=data["profession"].strip(),
        specialisation=data["specialisation"],
        urgent=data["urgent"],
        online=data["online"],
    )


@require_GET
def mediator_search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    page = Paginator(access.public_mediators(search_filters(form)), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return _public(
        render(
            request,
            "mediators/search.html",
            {"form": form, "page": page, "query": query.urlencode()},
        )
    )


@require_GET
def mediator_profile(request: HttpRequest, public_id: str) -> HttpResponse:
    mediator = access.public_mediator(public_id)
    return _public(render(request, "mediators/profile.html", {"mediator": mediator}))


def question_of(form: PairForm) -> Question:
    data = form.cleaned_data
    return Question(
        situation=data["situation"],
        country_a=data["country_a"],
        country_b=data["country_b"],
        languages_a=tuple(split(data["languages_a"])),
        languages_b=tuple(split(data["languages_b"])),
    )


@require_GET
def mediator_pairs(request: HttpRequest) -> HttpResponse:
    form = PairForm(request.GET or None)
    pairs = propose(question_of(form)) if form.is_valid() else None
    return _public(
        render(
            request,
            "mediators/pairs.html",
            {"form": form, "pairs": pairs, "query": request.GET.urlencode()},
        )
    )


def _over_limit(request: HttpRequest) -> bool:
    window = int(time.time() // 3600)
    key = f"mediation-request:{request.META.get('REMOTE_ADDR', '')}:{window}"
    cache.add(key, 0, timeout=3700)
    return int(cache.incr(key)) > settings.MEDIATION_REQUESTS_PER_HOUR


def _same_origin(request: HttpRequest) -> bool:
    origin = request.headers.get("Origin")
    return origin is None or origin == f"{request.scheme}://{request.get_host()}"


@csrf_exempt
@require_http_methods(["GET", "POST"])
def mediation_request(request: HttpRequest) -> HttpResponse:
    """The parent's request: no account and no cookie, so no CSRF token; a post from another
    site is refused by its Origin header, and one address may send a few an hour."""
    form = RequestForm(request.POST or None, initial=request.GET.dict())
    network = access.request_network()
    sent = False
    status = 200
    if request.method == "POST":
        if not _same_origin(request):
            return HttpResponse(status=403, content_type="text/plain")
        if network is None:
            form.add_error(None, _("Requests cannot be received at the moment."))
            status = 503
        elif _over_limit(request):
            form.add_error(None, _("Too many requests from your address: try again in an hour."))
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                actions.request_mediation(
                    organisation=network,
                    consent=data["consent"],
                    data=actions.RequestData(
                        situation=data["situation"],
                        country_a=data["country_a"],
                        country_b=data["country_b"],
                        languages_a=split(data["languages_a"]),
                        languages_b=split(data["languages_b"]),
                        contact_name=data["contact_name"],
                        contact_email=data["contact_email"],
                        contact_phone=data["contact_phone"],
                        note=data["note"],
                    ),
                )
                sent = True
            except ValidationError as error:
                add_errors(form, error)
    response = render(
        request, "mediators/request.html", {"form": form, "sent": sent}, status=status
    )
    patch_cache_control(response, no_store=True, private=True)
    return response
