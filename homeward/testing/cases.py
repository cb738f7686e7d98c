"""Builders for case data in tests: a case with children in a cast organisation, made through
the real actions."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from homeward.cases import actions
from homeward.cases.models import Case
from homeward.organisations.models import Organisation
from homeward.testing.cast import Cast

_EDITOR_OF = {"BE": "be_operator", "FR": "fr_operator"}


def make_case(
    cast: Cast,
    organisation: Organisation | None = None,
    *,
    children: list[dict[str, Any]] | None = None,
    **fields: Any,
) -> Case:
    """A runaway case with one child unless told otherwise, opened by that hotline's operator."""
    organisation = organisation or cast.be
    editor = cast.member(_EDITOR_OF[organisation.country])
    fields.setdefault("category", "runaway")
    fields.setdefault("subcategory", "from_home")
    fields.setdefault("disappeared_on", timezone.localdate() - timedelta(days=1))
    fields.setdefault("last_seen_country", organisation.country)
    return actions.open_case(
        membership=editor,
        children=children
        or [
            {
                "given_names": "Lena",
                "family_name": "Test",
                "sex": "female",
                "birth_precision": "exact",
                "birth_date": date(2011, 3, 14),
            }
        ],
        **fields,
    )
