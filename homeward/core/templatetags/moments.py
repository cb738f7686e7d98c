"""`{{ when|moment }}` ("2026-12-07 17:04 CET") and `{{ when|moment_time }}` ("17:04 CET"): a
moment in the reader's time zone, with the zone's abbreviation, for times that two hotlines in
different zones read (the same deadline is 17:04 CET in Brussels and 18:04 EET in Athens)."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import dateformat, timezone

register = template.Library()

MOMENT = "Y-m-d H:i T"
TIME = "H:i T"


def _format(value: datetime | None, pattern: str) -> str:
    if value is None or value == "":
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return dateformat.format(value, pattern)


@register.filter
def moment(value: datetime | None) -> str:
    return _format(value, MOMENT)


@register.filter
def moment_time(value: datetime | None) -> str:
    return _format(value, TIME)
