"""Types every API schema shares: ids and page numbers, bounded so that no number a client
sends can overflow the database (a 422 naming the field, never a 500 or a false 503); strings
without NUL; and what `null` means in an input: it clears a field that can be empty, and is
refused for one that cannot."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

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


# --- strings and null ---------------------------------------------------------------------------

T = TypeVar("T")


def _refuse_nul(value: str) -> str:
    if "\x00" in value:  # PostgreSQL cannot store it in text; nobody types it
        raise PydanticCustomError("nul_character", "Text cannot contain the NUL character.")
    return value


NoNul = AfterValidator(_refuse_nul)
"""For every string a client sends that may reach the database."""


def _blank_if_null(value: Any) -> Any:
    return "" if value is None else value


def _empty_if_null(value: Any) -> Any:
    return [] if value is None else value


Blankable = Annotated[T | None, AfterValidator(_blank_if_null)]
"""A text field that `null` clears: stored as "" (the model's empty text)."""

Emptiable = Annotated[T | None, AfterValidator(_empty_if_null)]
"""A list field that `null` clears: stored as []."""


def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def omittable(**kwargs: Any) -> Any:
    """A field a client may leave out but not send as `null`, because the model has no empty
    value for it (a choice it needs, a yes or no, a count, a time): `x: bool = omittable()`.
    The OpenAPI document shows the type without null; `null` is a 422 naming the field."""
    return Field(None, json_schema_extra=_no_default, **kwargs)
