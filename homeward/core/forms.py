"""What every app's HTML views do with an action's refusal: put its errors on the form, or
show them as messages on the next page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm, BaseFormSet


def add_errors(
    form: BaseForm,
    error: ValidationError,
    rows: Mapping[str, BaseFormSet[Any]] | None = None,
) -> None:
    """Puts an action's field errors on the form's fields (or the form when unknown). An
    error of a row, `<list>.<index>.<field>`, goes on that row of the formset `rows[<list>]`
    shown for the list, so it is shown in its row."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, field_errors in error.message_dict.items():
        row = _row_form(field, rows or {})
        if row is not None:
            row.add_error(field.rsplit(".", 1)[1], field_errors)
        else:
            form.add_error(field if field in form.fields else None, field_errors)


def _row_form(field: str, rows: Mapping[str, BaseFormSet[Any]]) -> BaseForm | None:
    parts = field.split(".")
    if len(parts) != 3 or parts[0] not in rows or not parts[1].isdigit():
        return None
    forms: list[BaseForm] = rows[parts[0]].forms
    index = int(parts[1])
    if index >= len(forms) or parts[2] not in forms[index].fields:
        return None
    return forms[index]


def flash_errors(request: object, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)  # type: ignore[arg-type]
