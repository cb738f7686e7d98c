"""The public directories in the API: no authentication, read-only, the anonymous rate limit.
Services in HSDS 3.0 field names, prevention pages with their facts."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import get_language
from ninja import Router

from homeward.core.api_types import CountryOrBlank, PageNumber
from homeward.directories import access, hsds
from homeward.directories.access import ServiceFilter
from homeward.directories.choices import ServiceKind
from homeward.directories.models import PreventionEntry
from homeward.directories.schemas.prevention import PreventionOut
from homeward.directories.schemas.services import HsdsPage, HsdsServiceOut

router = Router(tags=["public"])


@router.get(
    "/public/services",
    operation_id="list_public_services",
    response=HsdsPage,
    auth=None,
    summary="Published services for children in migration, in HSDS 3.0 field names",
)
def list_public_services(
    request: HttpRequest,
    country: CountryOrBlank = "",
    city: str = "",
    kind: ServiceKind | None = None,
    language: str = "",
    page: PageNumber = 1,
) -> dict[str, Any]:
    criteria = ServiceFilter(country=country, city=city[:100], kind=kind or "",
                             language=language.strip().lower()[:2])  # fmt: skip
    services = access.search_services(criteria, (get_language() or "en")[:2])
    size = access.PAGE_SIZE
    items = services[(page - 1) * size : page * size]
    return {"items": [hsds.to_hsds(s) for s in items], "count": services.count(), "page": page,
            "page_size": size}  # fmt: skip


@router.get(
    "/public/services/{public_id}",
    operation_id="get_public_service",
    response=HsdsServiceOut,
    auth=None,
    summary="One published service, in HSDS 3.0 field names",
)
def get_public_service(request: HttpRequest, public_id: str) -> dict[str, Any]:
    return hsds.to_hsds(access.public_service(public_id))


@router.get(
    "/public/prevention/{country}",
    operation_id="list_public_prevention_pages",
    response=list[PreventionOut],
    auth=None,
    summary="A country's prevention pages: every language and audience",
)
def list_public_prevention_pages(request: HttpRequest, country: str) -> list[PreventionEntry]:
    versions = [
        entry
        for audience in ("parents", "young")
        for entry in access.prevention_versions(country.upper()[:2], audience)
    ]
    if not versions:
        raise Http404("no prevention page for this country")
    return versions
