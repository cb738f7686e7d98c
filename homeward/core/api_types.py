"""Types every API schema shares: ids and page numbers, bounded so that no number a client
sends can overflow the database (a 422 naming the field, never a 500 or a false 503); strings
without NUL; and what `null` means in an input: it clears a field that can be empty, and is
refused for one that cannot. Also the fields every app's schemas take (country, language,
bounded text), the base of every input schema (`In`) and the one error format (`ErrorOut`)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Protocol, TypeVar

from ninja import Schema
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from homeward.core.dates import out_of_range_message, within_range

MAX_ID = 2**63 - 1
"""The largest id a row can have: PostgreSQL's bigint and SQLite's INTEGER."""

MAX_PAGE = 1_000_000
"""The last page number a list accepts: at 200 a page, far beyond any list, and an offset
that stays well within the database's integers."""

# --- exactly what the schema says ---------------------------------------------------------------
# pydantic's lax mode would take "5" or 5.0 for an integer, 1 or "yes" for a boolean, 0 for a
# date (1970-01-01): values the OpenAPI document refuses. A client relying on that would break
# on the next change, and a fuzzer rightly reports it; these types take only what the document
# says. Query and path values arrive as text, so their numbers and booleans are parsed from
# exactly the text the document describes; a JSON body's must be JSON numbers and booleans.

_INTEGER = re.compile(r"-?[0-9]+")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MOMENT = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})"
)


def _integer_text(value: Any) -> Any:
    if isinstance(value, bool) or not (
        isinstance(value, int) or (isinstance(value, str) and _INTEGER.fullmatch(value))
    ):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


def _boolean_text(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):  # Python sends True
        return value.lower() == "true"
    raise PydanticCustomError("bool_type", "Input should be true or false")


def _day_text(value: Any) -> Any:
    if (isinstance(value, date) and not isinstance(value, datetime)) or (
        isinstance(value, str) and _DAY.fullmatch(value)
    ):
        return value
    raise PydanticCustomError("date_type", "Write the date as YYYY-MM-DD.")


def _moment_text(value: Any) -> Any:
    if isinstance(value, datetime) or (isinstance(value, str) and _MOMENT.fullmatch(value)):
        return value
    raise PydanticCustomError(
        "datetime_type", "Write the time as YYYY-MM-DDTHH:MM:SS with its offset (+02:00 or Z)."
    )


QueryInt = Annotated[int, BeforeValidator(_integer_text)]
"""An integer in a query string or a path."""
QueryBool = Annotated[bool, BeforeValidator(_boolean_text)]
"""`true` or `false` in a query string (in any case: Python's clients send `True`)."""
JsonInt = Annotated[int, Strict()]
"""An integer in a JSON body: a JSON number, not "5", 5.5 or true."""
JsonBool = Annotated[bool, Strict()]
"""A boolean in a JSON body: true or false, not 1 or "yes"."""


def _within_range(value: date) -> date:
    if not within_range(value):
        raise PydanticCustomError("date_out_of_range", out_of_range_message())
    return value


Day = Annotated[date, BeforeValidator(_day_text), AfterValidator(_within_range)]
"""A date, YYYY-MM-DD, from 1900 to 2100."""
Moment = Annotated[AwareDatetime, BeforeValidator(_moment_text), AfterValidator(_within_range)]
"""A time with its offset, RFC 3339, from 1900 to 2100."""

Id = Annotated[QueryInt, Field(ge=1, le=MAX_ID)]
"""An id in a path or a query string."""
JsonId = Annotated[JsonInt, Field(ge=1, le=MAX_ID)]
"""An id in a JSON body."""
PageNumber = Annotated[QueryInt, Field(ge=1, le=MAX_PAGE)]


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


# --- shared fields and the input base ------------------------------------------------------

Country = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$", to_upper=True)]
CountryOrBlank = Annotated[str, StringConstraints(pattern=r"^([A-Za-z]{2})?$", to_upper=True)]
Language = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", max_length=16)
]
Text = Annotated[str, StringConstraints(max_length=20_000), NoNul]
Line40 = Annotated[str, StringConstraints(max_length=40), NoNul]
Line64 = Annotated[str, StringConstraints(max_length=64), NoNul]
Line100 = Annotated[str, StringConstraints(max_length=100), NoNul]
Line200 = Annotated[str, StringConstraints(max_length=200), NoNul]
Line254 = Annotated[str, StringConstraints(max_length=254), NoNul]


class In(Schema):
    """Unknown fields are errors, never silently dropped; enumerations become their codes.

    `null` clears a field that can be empty: text (`Blankable`) becomes "", a list
    (`Emptiable`) [], a date or a number the model may leave empty stays null. A field that has
    no empty value (a choice the model needs, a yes or no, a count, a time) may be left out but
    not sent as `null` (`omittable()`): the schema says so, and `null` is a 422 naming it."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)

    def changes(self) -> dict[str, Any]:
        """The fields the client sent (a PATCH changes only those)."""
        return self.model_dump(exclude_unset=True)


# --- who did something -------------------------------------------------------------------------


class Person(Protocol):
    """A user as an API output names them."""

    @property
    def pk(self) -> Any: ...

    @property
    def full_name(self) -> str: ...

    @property
    def email(self) -> str: ...


class PersonOut(BaseModel):
    """Who did something (a plain pydantic model: the `*_out` functions build it)."""

    user_id: int
    full_name: str


def person_out(user: Person | None) -> PersonOut | None:
    if user is None:
        return None
    return PersonOut(user_id=user.pk, full_name=user.full_name or user.email)


# --- the one error format --------------------------------------------------------------------


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    code: str
    message: str
    errors: list[FieldError] = []
