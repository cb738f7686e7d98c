"""Django's `date` filter, shown in the reader's time zone as before, but never failing on a
moment at the ends of Python's calendar (see core/dates.py `local`). A builtin listed after
Django's own, so every `|date` in every template is this one."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.template import defaultfilters
from django.utils import timezone

from homeward.core.dates import local

register = template.Library()


@register.filter(expects_localtime=False, is_safe=False)
def date(value: Any, arg: str | None = None) -> str:
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = local(value)
    return str(defaultfilters.date(value, arg))
