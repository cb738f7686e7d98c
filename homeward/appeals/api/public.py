"""The public list of published appeals: no authentication, the JSON feed's content exactly."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from ninja import Router

from homeward.appeals import access
from homeward.appeals.feed import MAX_AGE, feed_of
from homeward.appeals.schemas import FeedOut
from homeward.core.api_types import CountryOrBlank

router = Router(tags=["public"])


@router.get(
    "/public/appeals",
    operation_id="list_public_appeals",
    response=FeedOut,
    by_alias=True,
    auth=None,
    summary="The published appeals as a JSON Feed 1.1 (public, no authentication)",
)
def list_public_appeals(
    request: HttpRequest, response: HttpResponse, country: CountryOrBlank = ""
) -> dict[str, Any]:
    # as the feed: no cache keeps an appeal a minute after its takedown
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return feed_of(request, access.public_list(country), country)
