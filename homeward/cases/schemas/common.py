"""What the cases schemas share."""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel


def attributes_for(
    schema: type[BaseModel], instance: object, *, computed: set[str]
) -> dict[str, Any]:
    """The instance's attributes named as the schema's fields, but for the `computed` ones,
    which the caller fills: for output models filled by functions."""
    return {name: getattr(instance, name) for name in _read_fields(schema, frozenset(computed))}


@cache
def _read_fields(schema: type[BaseModel], computed: frozenset[str]) -> tuple[str, ...]:
    return tuple(name for name in schema.model_fields if name not in computed)
