"""What statistics may count in child alerts: the alerts the competent authority activated in
each organisation's period (by `decided_at`, the authority's activation, in the organisation's
time zone: `core.counting.Bounds`), narrowed to the organisation and the code of how the alert
ended ("" while it is active). Never the child, the authority's name, the grounds or anything
published."""

from __future__ import annotations

from homeward.alerts.models import Alert
from homeward.cases.figures import Rows
from homeward.core import counting
from homeward.core.counting import Bounds


def alerts_activated(bounds: Bounds) -> Rows:
    """Alerts each organisation had activated in its period: organisation_id, end_reason."""
    return Alert.objects.filter(counting.within(bounds, "organisation", "decided_at")).values(
        "organisation_id", "end_reason"
    )
