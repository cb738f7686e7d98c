"""What statistics may count in contacts, cases, children and closures: querysets for the given
organisations and periods, already narrowed to the columns a count groups by. Nothing personal
is selected: no name, contact detail, date of birth, free text or reference, only categories,
codes, countries, flags and numbers computed in the database (a child's age in whole years, a
time in days).

Each function takes each organisation's own period (`core.counting.Bounds`: its calendar days
in its time zone, as moments) so that one statement counts for every organisation. The caller
groups with `.values(...)` over these columns and `.annotate(n=Count("pk"))`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from django.db.models import (
    Case,
    Exists,
    Expression,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractYear

from homeward.cases.choices import BirthPrecision, Category, Outcome, TimelineKind
from homeward.cases.models import Case as CaseModel
from homeward.cases.models import CaseChild, Closure, Contact, TimelineEvent
from homeward.cases.models.closure import duration_band_of_days as duration_band
from homeward.core import counting
from homeward.core.counting import Bounds, Moments, whole
from homeward.organisations.models import Organisation

__all__ = [
    "FOUND",
    "Rows",
    "case_day",
    "cases_open_at",
    "cases_reported",
    "children_of_cases_reported",
    "closures_approved",
    "contacts_started",
    "duration_band",
]

Rows = QuerySet[Any, Any]
"""A values() queryset: dictionaries of the columns named in each function's docstring."""

FOUND = [o for o in Outcome.values if o != Outcome.STILL_MISSING]
"""Outcomes with the child found (alive or not): those with a time until found."""


def _zones(organisation_ids: Mapping[int, object]) -> dict[int, str]:
    return dict(
        Organisation.objects.filter(pk__in=list(organisation_ids)).values_list("pk", "time_zone")
    )


def contacts_started(bounds: Bounds) -> Rows:
    """Contacts that started in the period: organisation_id, channel, contact_type and
    caller_recorded (the caller agreed to their details being kept and at least one of name,
    phone or e-mail was recorded)."""
    recorded = Q(caller_consent=True) & (
        Q(caller_name__gt="") | Q(caller_phone__gt="") | Q(caller_email__gt="")
    )
    return (
        Contact.objects.filter(counting.within(bounds, "organisation", "started_at"))
        .annotate(caller_recorded=counting.flag(recorded))
        .values("organisation_id", "channel", "contact_type", "caller_recorded")
    )


def _until(bounds: Bounds) -> date:
    """The last day any organisation's period reaches (in any time zone)."""
    return max(end for _start, end in bounds.values()).date() + timedelta(days=1)


def case_day(prefix: str, zones: Mapping[int, str], until: date) -> Expression:
    """The day a case's child went missing, or the day it was reported (in the hotline's time
    zone) where that is unknown: the day ages and durations are counted from."""
    return Coalesce(
        F(f"{prefix}disappeared_on"),
        counting.local_date(f"{prefix}reported_at", f"{prefix}organisation", zones, until),
    )


def _ran_away_before() -> Q:
    """A child of the case was in an earlier runaway case of the hotline, or the runaway section
    records previous episodes."""
    earlier = CaseModel.objects.filter(
        category=Category.RUNAWAY,
        reported_at__lt=OuterRef("reported_at"),
        case_children__child__episodes__case=OuterRef("pk"),
    )
    return Q(Exists(earlier)) | Q(runaway__previous_episodes__gt=0)


def cases_reported(bounds: Bounds) -> Rows:
    """Cases reported in the period: organisation_id, category, subcategory, is_cross_border
    (as recorded), last_seen_country, destination (a parental abduction's suspected destination
    country, None without that section), reasons (the JSON list, to group by) and
    ran_away_before (see `_ran_away_before`)."""
    return (
        CaseModel.objects.filter(counting.within(bounds, "organisation", "reported_at"))
        .annotate(
            destination=F("parental_abduction__suspected_destination"),
            ran_away_before=counting.flag(_ran_away_before()),
        )
        .values(
            "organisation_id",
            "category",
            "subcategory",
            "is_cross_border",
            "last_seen_country",
            "destination",
            "reasons",
            "ran_away_before",
        )
    )


def _closed_at(moments: Moments) -> Exists:
    """The case (the outer query's) was closed at its organisation's moment: a closure approved
    before it, and no reopening between that approval and the moment."""
    reopened = TimelineEvent.objects.filter(
        counting.before(moments, "case__organisation", "occurred_at"),
        case=OuterRef("case"),
        kind=TimelineKind.STATUS,
        message="reopened",
        occurred_at__gt=OuterRef("decided_at"),
    )
    approved = Closure.objects.filter(
        counting.before(moments, "case__organisation", "decided_at"),
        case=OuterRef("pk"),
        state=Closure.State.APPROVED,
    ).filter(~Exists(reopened))
    return Exists(approved)


def cases_open_at(moments: Moments) -> Rows:
    """Cases reported before their organisation's moment and not closed at it (never closed,
    or reopened and not closed again by then): organisation_id and category."""
    not_closed_since = Q(closed_at__isnull=True) | ~counting.before(
        moments, "organisation", "closed_at"
    )
    return (
        CaseModel.objects.filter(counting.before(moments, "organisation", "reported_at"))
        .filter(not_closed_since)
        .filter(~Q(_closed_at(moments)))
        .values("organisation_id", "category")
    )


def _age(bounds: Bounds) -> Expression:
    """`child.age_on(case day)` in the database: whole years from the date of birth (the
    difference of the two dates as YYYYMMDD numbers // 10,000), the year of birth, or the
    estimated age moved on by the days since the estimate // 365. Each branch names the case's
    day as few times as it can: that expression is long."""
    day = case_day("case__", _zones(bounds), _until(bounds))
    since_birth = counting.date_number(day) - counting.date_number(F("child__birth_date"))
    since_estimate = counting.day_number(day) - counting.day_number("child__age_estimated_on")
    return Case(
        When(
            Q(child__birth_precision=BirthPrecision.EXACT, child__birth_date__isnull=False),
            then=counting.floor_divide(since_birth, 10000, least=-LONGEST * 10000),
        ),
        When(
            Q(child__birth_precision=BirthPrecision.YEAR, child__birth_year__isnull=False),
            then=whole(ExtractYear(day)) - F("child__birth_year"),
        ),
        When(
            Q(child__estimated_age__isnull=False, child__age_estimated_on__isnull=False),
            then=F("child__estimated_age")
            + counting.floor_divide(since_estimate, 365, least=-LONGEST * 366),
        ),
        default=Value(None),
        output_field=IntegerField(),
    )


LONGEST = 1000
"""No two dates of a case are further apart than this many years (they lie between 1900 and
2100)."""


def children_of_cases_reported(bounds: Bounds) -> Rows:
    """The children of the cases reported in the period, once per case (siblings are two
    children; a child in two cases counts in each): organisation_id, category, sex and age (in
    whole years when the child went missing, None when unknown)."""
    return (
        CaseChild.objects.filter(counting.within(bounds, "case__organisation", "case__reported_at"))
        .annotate(
            organisation_id=F("case__organisation_id"),
            category=F("case__category"),
            sex=F("child__sex"),
            age=_age(bounds),
        )
        .values("organisation_id", "category", "sex", "age")
    )


def closures_approved(bounds: Bounds) -> Rows:
    """Each case's last closure approved in the period (a case reopened and closed again counts
    once, by that closure): organisation_id, category, reported_in_period (the case was
    reported in the same period), outcome and days_to_found (from the day the child went
    missing, or the case was reported, to the day found; None for a child not found)."""
    # a later approval of the same case before the end of its hotline's period (the case is
    # the outer closure's, so its period end comes from outside: no join in the subquery)
    later = Closure.objects.filter(
        case=OuterRef("case"),
        state=Closure.State.APPROVED,
        decided_at__lt=OuterRef("period_end"),
    ).filter(
        Q(decided_at__gt=OuterRef("decided_at"))
        | Q(decided_at=OuterRef("decided_at"), pk__gt=OuterRef("pk"))
    )
    found = Q(outcome__in=FOUND, found_on__isnull=False)
    day = case_day("case__", _zones(bounds), _until(bounds))
    days = counting.day_number("found_on") - counting.day_number(day)
    return (
        Closure.objects.filter(
            counting.within(bounds, "case__organisation", "decided_at"),
            state=Closure.State.APPROVED,
        )
        .alias(period_end=counting.period_end(bounds, "case__organisation"))
        .filter(~Exists(later))
        .annotate(
            organisation_id=F("case__organisation_id"),
            category=F("case__category"),
            reported_in_period=counting.flag(
                counting.within(bounds, "case__organisation", "case__reported_at")
            ),
            days_to_found=Case(
                When(found, then=days), default=Value(None), output_field=IntegerField()
            ),
        )
        .values("organisation_id", "category", "reported_in_period", "outcome", "days_to_found")
    )
