"""What the directories' actions share: the audit record and the checks of shared fields."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django_countries import countries as country_names

from homeward.audit.actions import record_event
from homeward.organisations.models import Membership

LANGUAGE = re.compile(r"[a-z]{2}")


def audit(membership: Membership | None, action: str, target: models.Model,
          fields: Iterable[str] = ()) -> None:  # fmt: skip
    """An event of the acting member, or of no one (a public submission, the clock)."""
    record_event(
        actor=membership.user if membership else None,
        organisation=membership.organisation if membership else None,
        action=f"directories.{action}",
        target=target,
        fields=fields,
    )


def clean_country(value: str, field: str = "country") -> str:
    code = value.strip().upper()
    if code not in dict(country_names):
        raise ValidationError(
            {field: _("“%(code)s” is not a country code (ISO 3166-1 alpha-2).") % {"code": value}}
        )
    return code


def clean_languages(values: Iterable[str], field: str = "languages") -> list[str]:
    """ISO 639-1 codes (two letters), each once; at least one."""
    codes: list[str] = []
    for value in values:
        code = value.strip().lower()
        if not LANGUAGE.fullmatch(code):
            raise ValidationError(
                {field: _("“%(code)s” is not a language code (ISO 639-1).") % {"code": value}}
            )
        if code not in codes:
            codes.append(code)
    if not codes:
        raise ValidationError({field: _("Name at least one language.")})
    return codes


def page_language(value: str, field: str = "language") -> str:
    """One of the languages the pages are written in (settings.LANGUAGES)."""
    code = value.strip().lower()
    if code not in dict(settings.LANGUAGES):
        raise ValidationError({field: _("Choose one of the languages offered.")})
    return code


def required(value: str, field: str, limit: int) -> str:
    text = value.strip()
    if not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > limit:
        raise ValidationError({field: _("At most %(limit)d characters.") % {"limit": limit}})
    return text
