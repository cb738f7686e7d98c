"""The public side: prevention pages per country, the services directory with its search, a
service's page and the HSDS exports. No sign-in, no cookie, no JavaScript needed, a short
public cache."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from functools import wraps
from typing import Any

from django.core.paginator import Paginator
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from django_countries import countries as country_names

from homeward.directories import access, hsds
from homeward.directories.access import ServiceFilter
from homeward.directories.choices import Audience, ServiceKind
from homeward.directories.models import Service

MAX_AGE = 300
View = Callable[..., HttpResponseBase]


def public(view: View) -> View:
    @require_GET
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        if response.status_code < 500:
            patch_cache_control(response, public=True, max_age=MAX_AGE)
            patch_vary_headers(response, ["Accept-Language"])
        return response

    return wrapped


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def criteria_of(request: HttpRequest) -> ServiceFilter:
    country = request.GET.get("country", "").strip().upper()[:2]
    kind = request.GET.get("kind", "")
    spoken = request.GET.get("language", "").strip().lower()[:2]
    return ServiceFilter(
        country=country if len(country) == 2 and country_names.alpha2(country) else "",
        city=request.GET.get("city", "").strip()[:100],
        kind=kind if kind in ServiceKind.values else "",
        language=spoken if spoken.isalpha() else "",
    )


def _row(service: Service, kinds: dict[str, str]) -> dict[str, str]:
    """What a list row shows, prepared here: the list renders fifty of them on every search."""
    name, description, language = shown(service)
    words = description.split()
    return {
        "id": str(service.public_id),
        "name": name,
        "language": language,
        "summary": " ".join(words[:25]) + (" …" if len(words) > 25 else ""),
        "place": f"{service.city}, {service.country}",
        "kinds": ", ".join(kinds.get(k, k) for k in service.kind_list),
        "free": "1" if service.free else "",
    }


def shown(service: Service) -> tuple[str, str, str]:
    """Name, description and their language: the reader's translation where there is one."""
    for translation in getattr(service, "wanted", []):
        return translation.name, translation.description, translation.language
    return service.name, service.description, service.language


def _country_options() -> list[tuple[str, str]]:
    names = dict(country_names)
    rows = [(code, str(names.get(code, code))) for code in access.countries_with_services()]
    return sorted(rows, key=lambda row: row[1])


@public
def prevention_index(request: HttpRequest) -> HttpResponse:
    codes = access.prevention_countries()
    names = dict(country_names)
    rows = sorted(((code, names.get(code, code)) for code in codes), key=lambda row: str(row[1]))
    return render(request, "directories/prevention_index.html", {"countries": rows})


@public
def prevention_page(request: HttpRequest, country: str) -> HttpResponse:
    code = country.upper()
    audience = Audience.YOUNG if request.GET.get("for") == Audience.YOUNG else Audience.PARENTS
    versions = access.prevention_versions(code, audience)
    wanted = request.GET.get("lang", "") or _language()
    entry, fallback = access.pick_version(versions, wanted)
    if entry is None:
        return render(request, "directories/prevention_missing.html", status=404)
    context = {
        "entry": entry,
        "fallback": fallback and wanted != entry.language,
        "versions": versions,
        "country_name": dict(country_names).get(code, code),
        "audience": audience,
        "other_audience": Audience.PARENTS if audience == Audience.YOUNG else Audience.YOUNG,
        "due": entry.verified_on <= access.due_before(),
    }
    template = "young" if audience == Audience.YOUNG else "parents"
    return render(request, f"directories/prevention_{template}.html", context)


@public
def service_list(request: HttpRequest) -> HttpResponse:
    criteria = criteria_of(request)
    kinds = {str(value): str(label) for value, label in ServiceKind.choices}
    page = Paginator(access.search_services(criteria, _language()), access.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "directories/service_list.html",
        {
            "criteria": criteria,
            "page": page,
            "rows": [_row(service, kinds) for service in page.object_list],
            "query": query.urlencode(),
            "countries": _country_options(),
            "kinds": ServiceKind.choices,
            "services_url": reverse("service_list"),
            "cities": access.cities_of(criteria.country) if criteria.country else [],
        },
    )


@public
def service_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    service = access.public_service(public_id, _language())
    name, description, language = shown(service)
    return render(
        request,
        "directories/service_detail.html",
        {"service": service, "name": name, "description": description, "language": language,
         "country_name": dict(country_names).get(service.country, service.country)},
    )  # fmt: skip


@public
def service_export_json(request: HttpRequest) -> JsonResponse:
    services = access.search_services(criteria_of(request))
    return JsonResponse([hsds.to_hsds(s) for s in services.iterator(chunk_size=2000)],
                        safe=False, json_dumps_params={"ensure_ascii": False})  # fmt: skip


class _Echo:
    def write(self, value: str) -> str:
        return value


@public
def service_export_csv(request: HttpRequest) -> StreamingHttpResponse:
    services = access.search_services(criteria_of(request))
    writer = csv.writer(_Echo())

    def rows() -> Iterator[str]:
        yield writer.writerow(hsds.CSV_COLUMNS)
        for service in services.iterator(chunk_size=2000):
            yield writer.writerow(hsds.to_row(service))

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="services.csv"'
    return response
