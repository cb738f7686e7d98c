"""What statistics may count in publicity appeals: the appeals each organisation published in
its period (by `published_at`, in the organisation's time zone: `core.counting.Bounds`; a draft,
or an appeal refused consent, was never published and never counts), narrowed to the
organisation and the code of how the appeal ended ("" while it is published). Never the child's
name, age, photo or where they were last seen."""

from __future__ import annotations

from homeward.appeals.models import Appeal
from homeward.cases.figures import Rows
from homeward.core import counting
from homeward.core.counting import Bounds


def appeals_published(bounds: Bounds) -> Rows:
    """Appeals each organisation published in its period: organisation_id, end_reason."""
    return Appeal.objects.filter(counting.within(bounds, "organisation", "published_at")).values(
        "organisation_id", "end_reason"
    )
