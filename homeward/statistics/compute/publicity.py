"""Child alerts activated and publicity appeals published in the period, by how they ended (or
not yet). Two statements grouped by organisation and end reason."""

from __future__ import annotations

from django.db.models import Count

from homeward.alerts.figures import alerts_activated
from homeward.appeals.figures import appeals_published
from homeward.core.counting import Bounds
from homeward.statistics import dimensions as d
from homeward.statistics.compute.tally import Tally
from homeward.statistics.figures import Breakdown


def _end(reason: str) -> Breakdown:
    return (reason or d.NOT_ENDED,)


def count(tally: Tally, bounds: Bounds) -> None:
    for row in alerts_activated(bounds).annotate(n=Count("pk")).order_by():
        tally.add(row["organisation_id"], "ALERTS", _end(row["end_reason"]), row["n"])
    for row in appeals_published(bounds).annotate(n=Count("pk")).order_by():
        tally.add(row["organisation_id"], "APPEALS", _end(row["end_reason"]), row["n"])
