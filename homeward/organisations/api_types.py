"""Types every API schema shares: ids and page numbers, bounded so that no number a client
sends can overflow the database (a 422 naming the field, never a 500 or a false 503)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

MAX_ID = 2**63 - 1
"""The largest id a row can have: PostgreSQL's bigint and SQLite's INTEGER."""

MAX_PAGE = 1_000_000
"""The last page number a list accepts: at 200 a page, far beyond any list, and an offset
that stays well within the database's integers."""

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PageNumber = Annotated[int, Field(ge=1, le=MAX_PAGE)]


def parse_id(value: str | None) -> int | None:
    """An id from a form or a query string (`?case=12`), or None when it is not one: only
    ASCII digits ("²" and "١" are digits to str.isdigit, not to int) and within MAX_ID."""
    if not value or not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if 1 <= number <= MAX_ID else None
