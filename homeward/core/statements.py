"""The one way rows read by a hand-written statement become objects (docs/architecture.md says
when a read is written out as SQL): column names come from the models, never from input, and
each value becomes what the model's field makes of it (`Field.to_python`), whether a cursor
returned it (SQLite gives dates and times as text, booleans as integers) or a JSON document
nested it. Instances are built with the model's public constructor: they are for reading, and
nothing saves them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from django.db.models import DateTimeField, Field, JSONField, Model

M = TypeVar("M", bound=Model)


def field_of(model: type[Model], name: str) -> Field[Any, Any]:
    field = model._meta.get_field(name)
    assert isinstance(field, Field), name
    return field


def fields_of(model: type[Model], names: Sequence[str] | None = None) -> list[Field[Any, Any]]:
    """The named fields, or all the model's columns, in the model's column order."""
    columns = model._meta.concrete_fields
    return [f for f in columns if f.name in names] if names else list(columns)


def python_value(field: Field[Any, Any], value: Any) -> Any:
    """`value` as the field holds it. JSON fields here hold lists and objects: text is a JSON
    column as SQLite's cursor returns it."""
    if value is None:
        return None
    if isinstance(field, JSONField):
        return json.loads(value) if isinstance(value, str) else value
    if isinstance(field, DateTimeField):  # SQLite keeps UTC without saying so
        moment: datetime = field.to_python(value)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return field.to_python(value)


def python_values(model: type[Model], names: Sequence[str], values: Sequence[Any]) -> list[Any]:
    """A row's values (in `names` order) as the model's fields hold them."""
    return [
        python_value(field_of(model, name), value)
        for name, value in zip(names, values, strict=True)
    ]


def instance(model: type[M], values: Sequence[Any], names: Sequence[str] | None = None) -> M:
    """The instance holding these column values (those of `fields_of(model, names)`, in order);
    fields not named keep their defaults."""
    fields = fields_of(model, names)
    return model(
        **{
            field.attname: python_value(field, value)
            for field, value in zip(fields, values, strict=True)
        }
    )
