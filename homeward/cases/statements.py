"""What the reads written out as SQL share (docs/architecture.md): column names taken from the
models, never from input, and the ORM's own conversions of the values a cursor returns
(SQLite returns dates and times as text, booleans as integers)."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db import connection, connections
from django.db.models import Field, Model

Converters = tuple[tuple[int, tuple[tuple[Any, Any], ...]], ...]


def field_of(model: type[Model], name: str) -> Field[Any, Any]:
    field = model._meta.get_field(name)
    assert isinstance(field, Field), name
    return field


def column(model: type[Model], name: str, alias: str) -> str:
    return f"{alias}.{field_of(model, name).column}"


@cache
def converters(model: type[Model], names: tuple[str, ...], alias: str) -> Converters:
    """(position, ((converter, column), …)) for the columns of `names` that the ORM converts
    when it reads them from database `alias`."""
    db = connections[alias]
    found = []
    for index, name in enumerate(names):
        col = field_of(model, name).get_col("c")
        conversions = db.ops.get_db_converters(col) + col.get_db_converters(db)
        if conversions:
            found.append((index, tuple((converter, col) for converter in conversions)))
    return tuple(found)


def converted(values: list[Any], convert: Converters) -> list[Any]:
    """`values` (a row, in `names` order) as the ORM would have read them; changed in place."""
    for index, conversions in convert:
        for converter, col in conversions:
            values[index] = converter(values[index], col, connection)
    return values
