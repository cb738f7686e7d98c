"""`{{ code|country }}` and `{{ codes|countries }}`: ISO 3166-1 codes as the country names
django-countries ships, in the reader's language. An unknown code is shown as it is."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django_countries import countries as all_countries

register = template.Library()


@register.filter
def country(code: str | None) -> str:
    if not code:
        return ""
    return str(all_countries.name(code)) or code


@register.filter
def countries(codes: Iterable[str] | None) -> str:
    return ", ".join(country(code) for code in codes or ())
