"""Cases closed in the period (each by its last approved closure there): by whether they were
reported in the period, by outcome, and the time until found with its median. One statement
grouped by organisation, category, outcome and the number of days."""

from __future__ import annotations

from django.db.models import Count

from homeward.cases.figures import closures_approved, duration_band
from homeward.core.counting import Bounds
from homeward.statistics.compute.tally import Tally


def count(tally: Tally, bounds: Bounds) -> None:
    for row in closures_approved(bounds).annotate(n=Count("pk")).order_by():
        org, n, category = row["organisation_id"], row["n"], row["category"]
        reported = "this_year" if row["reported_in_period"] else "earlier"
        tally.add(org, "CASES_CLOSED", (category, reported), n)
        tally.add(org, "CASES_OUTCOME", (category, row["outcome"]), n)
        days = row["days_to_found"]
        if days is not None:
            tally.add(org, "CASES_DURATION", (category, duration_band(days)), n)
            tally.observe(org, "CASES_DURATION_MEDIAN", (category,), days, n)
