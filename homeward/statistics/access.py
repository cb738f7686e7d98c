"""Scoped reads of annual returns. A hotline reads its own returns (another hotline's is a 404,
the same answer as one that does not exist); the network office reads each year's submission
status across the network, never a hotline's cells (what it publishes passes disclosure
control in the network report). Returns hold counts, no personal data: nothing here is an
audited read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max, QuerySet
from django.http import Http404
from django.utils import timezone

from homeward.core import counting
from homeward.organisations.access import require_permission
from homeward.organisations.models import Membership, Organisation
from homeward.organisations.roles import OrganisationKind, Permission
from homeward.statistics.compute import figures_for
from homeward.statistics.figures import Figures, breakdown_of
from homeward.statistics.models import AnnualReturn, Reminder, ReportingYear
from homeward.statistics.own_figures import OwnFigures, Period, compare


def reporting_years() -> QuerySet[ReportingYear]:
    """Every year the network office opened, newest first (no one's data: open to members)."""
    return ReportingYear.objects.all()


def locate_year(year: int) -> ReportingYear:
    found = reporting_years().filter(year=year).first()
    if found is None:
        raise Http404("no such reporting year")
    return found


def returns_of(membership: Membership) -> QuerySet[AnnualReturn]:
    require_permission(membership, Permission.VIEW_OWN_STATISTICS)
    return AnnualReturn.objects.filter(organisation=membership.organisation).select_related(
        "organisation", "prepared_by", "submitted_by", "reopened_by"
    )


def access_return_by_id(membership: Membership, return_id: int) -> AnnualReturn:
    found = returns_of(membership).filter(pk=return_id).first()
    if found is None:
        raise Http404("no such annual return")
    return found


def return_for_year(membership: Membership, year: int) -> AnnualReturn | None:
    """The hotline's return of that year, if it has one yet."""
    return returns_of(membership).filter(year=year).first()


def figures_of(annual_return: AnnualReturn) -> Figures:
    """A return's cells (the caller fetched the return through this module)."""
    figures = Figures()
    for code, key, value in annual_return.values.values_list("indicator", "breakdown", "value"):
        figures.set(code, breakdown_of(key), value)
    return figures


# --- the network office --------------------------------------------------------------------


@dataclass(frozen=True)
class HotlineStatus:
    organisation: Organisation
    state: str
    """"submitted", "draft" or "not_started"."""
    source: str
    prepared_at: datetime | None
    submitted_at: datetime | None
    reopened_at: datetime | None
    reminded_at: datetime | None


NOT_STARTED = "not_started"


def year_status(membership: Membership, reporting_year: ReportingYear) -> list[HotlineStatus]:
    """Every active national hotline, and where its return of the year stands. No cells."""
    require_permission(membership, Permission.MANAGE_ANNUAL_RETURNS)
    returns = {
        r.organisation_id: r
        for r in AnnualReturn.objects.filter(year=reporting_year.year).only(
            "organisation_id", "state", "source", "prepared_at", "submitted_at", "reopened_at"
        )
    }
    reminded = dict(
        Reminder.objects.filter(reporting_year=reporting_year)
        .values("organisation_id")
        .annotate(last=Max("sent_at"))
        .values_list("organisation_id", "last")
    )
    hotlines = Organisation.objects.filter(
        kind=OrganisationKind.NATIONAL_HOTLINE, is_active=True
    ).order_by("country", "name")
    rows = []
    for hotline in hotlines:
        found = returns.get(hotline.pk)
        rows.append(
            HotlineStatus(
                organisation=hotline,
                state=found.state if found else NOT_STARTED,
                source=found.source if found else "",
                prepared_at=found.prepared_at if found else None,
                submitted_at=found.submitted_at if found else None,
                reopened_at=found.reopened_at if found else None,
                reminded_at=reminded.get(hotline.pk),
            )
        )
    return rows


def locate_submitted_return(
    membership: Membership, reporting_year: ReportingYear, organisation_id: int
) -> AnnualReturn:
    """A hotline's return of the year, for the network office to reopen (404 if none)."""
    require_permission(membership, Permission.MANAGE_ANNUAL_RETURNS)
    found = AnnualReturn.objects.filter(
        year=reporting_year.year, organisation_id=organisation_id
    ).first()
    if found is None:
        raise Http404("no such annual return")
    return found


# --- a hotline's own figures -------------------------------------------------------------


def this_year_so_far(organisation: Organisation) -> Period:
    """From 1 January to today, in the hotline's time zone."""
    today = timezone.localdate(timezone=counting.zone_of(organisation.time_zone))
    return Period(today.replace(month=1, day=1), today)


def own_figures(membership: Membership, period: Period) -> OwnFigures:
    """The member's hotline's live figures for the period and for the same days a year earlier
    (counts only: not an audited read, and no disclosure control, as nothing leaves it)."""
    require_permission(membership, Permission.VIEW_OWN_STATISTICS)
    organisation = membership.organisation
    before = period.year_before()
    now = figures_for([organisation.pk], period.first, period.end)[organisation.pk]
    earlier = figures_for([organisation.pk], before.first, before.end)[organisation.pk]
    return compare(period, now, earlier)
