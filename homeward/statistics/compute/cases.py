"""New cases (by category, subcategory, cross-border and the other countries involved), their
reasons, repeat episodes among runaways, and the cases carried over into the period."""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import Count

from homeward.cases.choices import Category
from homeward.cases.figures import cases_open_at, cases_reported
from homeward.core.counting import Bounds
from homeward.crossborder.figures import with_counterpart
from homeward.statistics import dimensions as d
from homeward.statistics.compute.tally import Tally

UNSPECIFIED = "unspecified"


def other_countries(own: str, *recorded: str | None) -> set[str]:
    """The countries a case names other than the hotline's own."""
    return {c.upper() for c in recorded if c and c.upper() != own.upper()}


def count_new(tally: Tally, bounds: Bounds, countries: Mapping[int, str]) -> None:
    """A case is cross-border when marked so, when the child was last seen or is believed to be
    (a parental abduction's destination) in another country, or when a request was sent to or
    received from another hotline about it; its other countries are those countries and the
    other hotline's (the earliest request's)."""
    rows = (
        with_counterpart(cases_reported(bounds))
        .values(
            "organisation_id",
            "category",
            "subcategory",
            "is_cross_border",
            "last_seen_country",
            "destination",
            "counterpart_country",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        org, n, category = row["organisation_id"], row["n"], row["category"]
        others = other_countries(
            countries[org], row["last_seen_country"], row["destination"], row["counterpart_country"]
        )
        cross_border = bool(row["is_cross_border"] or others)
        tally.add(org, "CASES_NEW", (category,), n)
        tally.add(org, "CASES_SUBCATEGORY", (category, row["subcategory"] or UNSPECIFIED), n)
        tally.add(org, "CASES_CROSS_BORDER", (category, "yes" if cross_border else "no"), n)
        if cross_border:
            for country in sorted(others) or [d.UNKNOWN]:
                tally.add(org, "CASES_COUNTRIES", (country,), n)
            tally.add_total(org, "CASES_COUNTRIES", n)


def count_reasons(tally: Tally, bounds: Bounds) -> None:
    """Grouped by the recorded list itself (a handful of combinations), each case counted once
    under each reason it names; the total is the number of new cases."""
    rows = cases_reported(bounds).values("organisation_id", "reasons").annotate(n=Count("pk"))
    for row in rows.order_by():
        org, n = row["organisation_id"], row["n"]
        reasons = row["reasons"] if isinstance(row["reasons"], list) else []
        for reason in sorted(set(reasons) & set(d.REASON.codes)):
            tally.add(org, "CASES_REASON", (reason,), n)
        tally.add_total(org, "CASES_REASON", n)


def count_repeats(tally: Tally, bounds: Bounds) -> None:
    rows = (
        cases_reported(bounds)
        .filter(category=Category.RUNAWAY)
        .values("organisation_id", "ran_away_before")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        episode = "repeat" if row["ran_away_before"] else "first"
        tally.add(row["organisation_id"], "RUNAWAY_REPEAT", (episode,), row["n"])


def count_carried_over(tally: Tally, bounds: Bounds) -> None:
    starts = {org: start for org, (start, _end) in bounds.items()}
    for row in cases_open_at(starts).annotate(n=Count("pk")).order_by():
        tally.add(row["organisation_id"], "CASES_CARRIED_OVER", (row["category"],), row["n"])
