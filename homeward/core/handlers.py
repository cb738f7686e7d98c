"""What every app's API handlers share."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

T = TypeVar("T")


def named_in_body(field: str, fetch: Callable[[], T]) -> T:
    """An object named in a body: "not found" and "not yours" are one 422 naming the field
    (an object named in the URL is a 404 instead)."""
    try:
        return fetch()
    except Http404:
        raise ValidationError({field: _("No such record in this hotline.")}) from None
