"""One pagination convention for every list: `?page=1&page_size=50` in, and
`{"items": [...], "count": N, "page": 1, "page_size": 50}` out."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from homeward.core.api_types import PageNumber, QueryInt


class PagePagination(PaginationBase):
    class Input(Schema):
        page: PageNumber = 1
        page_size: QueryInt = Field(
            settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=settings.NINJA_PAGINATION_MAX_PER_PAGE_SIZE
        )

    class Output(Schema):
        items: list[Any]
        count: int
        page: int
        page_size: int

    items_attribute = "items"

    def paginate_queryset(
        self,
        queryset: QuerySet[Any] | list[Any],
        pagination: Any,
        request: HttpRequest,
        **params: Any,
    ) -> dict[str, Any]:
        offset = (pagination.page - 1) * pagination.page_size
        items = list(queryset[offset : offset + pagination.page_size])
        count = self._items_count(queryset)  # type: ignore[arg-type]  # a list counts too
        return {
            "items": items,
            "count": count,
            "page": pagination.page,
            "page_size": pagination.page_size,
        }
