"""Children in new cases by age band and sex, per category, and their median age: one statement
grouped by organisation, category, sex and age in whole years (computed in the database)."""

from __future__ import annotations

from django.db.models import Count

from homeward.cases.figures import children_of_cases_reported
from homeward.core.counting import Bounds
from homeward.statistics import dimensions as d
from homeward.statistics.compute.tally import Tally

ADULT = "18_plus"


def age_band(age: int | None) -> str:
    if age is None:
        return d.UNKNOWN
    age = max(age, 0)  # an estimate moved back before the day it was made
    for code, first, last in d.AGE_BANDS:
        if first <= age <= last:
            return code
    return ADULT


def count(tally: Tally, bounds: Bounds) -> None:
    for row in children_of_cases_reported(bounds).annotate(n=Count("pk")).order_by():
        org, n, category, age = row["organisation_id"], row["n"], row["category"], row["age"]
        tally.add(org, "CHILDREN_AGE", (category, age_band(age)), n)
        tally.add(org, "CHILDREN_SEX", (category, row["sex"]), n)
        if age is not None:
            tally.observe(org, "CHILDREN_AGE_MEDIAN", (category,), max(age, 0), n)
