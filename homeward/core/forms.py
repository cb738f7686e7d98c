"""What every app's HTML views do with an action's refusal: put its errors on the form, or
show them as messages on the next page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm


def add_errors(form: BaseForm, error: ValidationError) -> None:
    """Puts an action's field errors on the form's fields (or the form when unknown)."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error.messages)


def flash_errors(request: object, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)  # type: ignore[arg-type]
