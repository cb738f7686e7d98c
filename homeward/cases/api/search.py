"""Name search over the hotline's children: any spelling or script, best first, with the
reasons each child matched."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router

from homeward.cases import search
from homeward.cases.schemas.search import (
    ChildMatchOut,
    ChildSearchFilter,
    LikelyExistingFilter,
    child_match_out,
)
from homeward.organisations.access import who

router = Router(tags=["search"])


@router.get(
    "/search/children",
    operation_id="search_children",
    response=list[ChildMatchOut],
    summary="Children whose name matches in any spelling or script, best first, with reasons",
)
def search_children(
    request: HttpRequest, filters: Query[ChildSearchFilter]
) -> list[dict[str, Any]]:
    membership = who(request)
    matches = search.search_children(membership, filters.q, limit=filters.limit)
    today = timezone.localdate()
    return [child_match_out(m, today) for m in matches]


@router.get(
    "/search/likely-existing",
    operation_id="search_likely_existing",
    response=list[ChildMatchOut],
    summary="Children of earlier cases who may be the child being reported (repeat episodes)",
)
def likely_existing(
    request: HttpRequest, filters: Query[LikelyExistingFilter]
) -> list[dict[str, Any]]:
    membership = who(request)
    matches = search.likely_existing_children(
        membership,
        given_names=filters.given_names,
        family_name=filters.family_name,
        birth_year=filters.birth_year,
        limit=filters.limit,
    )
    today = timezone.localdate()
    return [child_match_out(m, today) for m in matches]
