"""One pagination convention for every list: `?page=1&page_size=50` in, and
`{"items": [...], "count": N, "page": 1, "page_size": 50}` out."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase


@runtime_checkable
class Listing(Protocol):
    """What a view may return instead of a queryset: the rows to page through, and the query
    that counts them when that is cheaper (the rows' joins are not needed to count them)."""

    @property
    def rows(self) -> QuerySet[Any, Any]: ...
    @property
    def counted(self) -> QuerySet[Any, Any]: ...


class PagePagination(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1)
        page_size: int = Field(
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
        queryset: QuerySet[Any] | Listing | list[Any],
        pagination: Any,
        request: HttpRequest,
        **params: Any,
    ) -> dict[str, Any]:
        rows: QuerySet[Any] | list[Any] = (
            queryset.rows if isinstance(queryset, Listing) else queryset
        )
        counted = queryset.counted if isinstance(queryset, Listing) else queryset
        offset = (pagination.page - 1) * pagination.page_size
        return {
            "items": list(rows[offset : offset + pagination.page_size]),
            "count": self._items_count(counted),  # type: ignore[arg-type]  # a list counts too
            "page": pagination.page,
            "page_size": pagination.page_size,
        }
