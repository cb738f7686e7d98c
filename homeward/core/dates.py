"""The form fields that show and read dates and times.

The boxes of a form always carry their value as the browser's date and time inputs need it,
YYYY-MM-DD and YYYY-MM-DDTHH:MM, whatever the page's language: a browser leaves a date box
empty when its value is written the French way (18/10/2025), and the form then saves nothing
over the stored date.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.db import models


class IsoDateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, date) and not isinstance(value, datetime):
            return value.isoformat()
        return super().format_value(value)  # what was typed, shown back as typed


class IsoDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, datetime):  # already in the reader's time zone (prepare_value)
            return value.replace(tzinfo=None).isoformat(timespec="minutes")
        return super().format_value(value)


class DayField(forms.DateField):
    """A date box, shown as YYYY-MM-DD in every language."""

    widget = IsoDateInput


class MomentField(forms.DateTimeField):
    """A date-and-time box in the reader's time zone, shown as YYYY-MM-DDTHH:MM in every
    language."""

    widget = IsoDateTimeInput


def formfield(db_field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """A model form's field for `db_field`, with the boxes above for dates and times (a model
    form's `formfield_callback`)."""
    if isinstance(db_field, models.DateTimeField):
        kwargs.setdefault("form_class", MomentField)
    elif isinstance(db_field, models.DateField):
        kwargs.setdefault("form_class", DayField)
    return db_field.formfield(**kwargs)
