"""The dates Homeward takes, and the form fields that show and read them.

Every date or time a person or a program gives Homeward (a form, an API body or query, an
imported row, a filter) lies between FIRST_DAY and LAST_DAY. Outside that span a date is a
typing slip ("0001", "9999"), and near the ends of Python's calendar it cannot even be moved
into a time zone or have a day added to it. Each kind of date then has its own rule of what is
plausible (a birth not before 1900, a risk factor not before the child was born), kept by the
action that stores it.

The boxes of a form always carry their value as the browser's date and time inputs need it,
YYYY-MM-DD and YYYY-MM-DDTHH:MM, whatever the page's language: a browser leaves a date box
empty when its value is written the French way (18/10/2025), and the form then saves nothing
over the stored date.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2100, 12, 31)


def within_range(day: date) -> bool:
    """Whether a day (or the day of a moment, in its own time zone) is one Homeward takes."""
    return FIRST_DAY <= (day.date() if isinstance(day, datetime) else day) <= LAST_DAY


def local(moment: datetime, zone: tzinfo | None = None) -> datetime:
    """`moment` in `zone` (the active time zone if not given), or in UTC when that would leave
    Python's calendar: a moment stored before the span above was enforced (year 1 in a zone
    behind UTC, year 9999 in one ahead) is still shown, never a 500."""
    try:
        return moment.astimezone(zone or timezone.get_current_timezone())
    except OverflowError:
        return moment.astimezone(UTC)


def out_of_range_message() -> str:
    return str(
        _("Give a date from %(first)s to %(last)s.")
        % {"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()}
    )


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
    """A date box: shown as YYYY-MM-DD in every language, refused outside FIRST_DAY–LAST_DAY."""

    widget = IsoDateInput

    def to_python(self, value: Any) -> date | None:
        day = super().to_python(value)
        if day is not None and not within_range(day):
            raise ValidationError(out_of_range_message(), code="out_of_range")
        return day


class MomentField(forms.DateTimeField):
    """A date-and-time box in the reader's time zone: shown as YYYY-MM-DDTHH:MM in every
    language, refused outside FIRST_DAY–LAST_DAY."""

    widget = IsoDateTimeInput

    def to_python(self, value: Any) -> datetime | None:
        moment = super().to_python(value)
        if moment is not None and not within_range(moment):
            raise ValidationError(out_of_range_message(), code="out_of_range")
        return moment


def formfield(db_field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """A model form's field for `db_field`, with the boxes above for dates and times (a model
    form's `formfield_callback`)."""
    if isinstance(db_field, models.DateTimeField):
        kwargs.setdefault("form_class", MomentField)
    elif isinstance(db_field, models.DateField):
        kwargs.setdefault("form_class", DayField)
    return db_field.formfield(**kwargs)
