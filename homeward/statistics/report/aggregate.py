"""The network's figures for a year, from the hotlines' SUBMITTED annual returns only.

One aggregation through the ORM (no hand-written SQL): the cells of every submitted return,
summed per country of the hotline, indicator and breakdown. A country with two hotlines gets
their counts added; a median cannot be added, so a country's median is kept only where one
hotline of that country reported it (otherwise it is not available, like the network's).

Which hotlines were asked and which answered: every active national hotline is expected to
report; its return for the year is not started, a draft or submitted.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, F, QuerySet, Sum
from django.http import Http404

from homeward.organisations.models import Organisation
from homeward.organisations.roles import OrganisationKind
from homeward.statistics.catalogue import BY_CODE
from homeward.statistics.figures import Figures, breakdown_of
from homeward.statistics.models import AnnualReturn, ReturnValue

SUBMITTED = AnnualReturn.State.SUBMITTED
NOT_STARTED = "not_started"


@dataclass(frozen=True)
class HotlineStatus:
    """Where one hotline's return for the year stands (no figures: only its state)."""

    organisation_id: int
    slug: str
    name: str
    country: str
    state: str
    """"not_started" (no return yet), or the return's state ("draft", "submitted")."""
    source: str
    submitted_at: datetime | None

    @property
    def submitted(self) -> bool:
        return self.state == SUBMITTED


def expected_hotlines() -> QuerySet[Organisation]:
    """The organisations asked for a return: every active national hotline."""
    return Organisation.objects.filter(
        kind=OrganisationKind.NATIONAL_HOTLINE, is_active=True
    ).order_by("country", "name")


def organisation_named(slug: str) -> Organisation:
    """The organisation a report is asked for by its short name (404 if none)."""
    found = Organisation.objects.filter(slug=slug).first()
    if found is None:
        raise Http404("no such organisation")
    return found


def hotline_statuses(year: int) -> list[HotlineStatus]:
    """Every expected hotline, and any other that submitted anyway, with its return's state."""
    returns = {
        r.organisation_id: r
        for r in AnnualReturn.objects.filter(year=year).select_related("organisation")
    }
    organisations = {o.pk: o for o in expected_hotlines()}
    for submitted in returns.values():
        organisations.setdefault(submitted.organisation_id, submitted.organisation)
    statuses = []
    for organisation in sorted(organisations.values(), key=lambda o: (o.country, o.name)):
        annual_return = returns.get(organisation.pk)
        statuses.append(
            HotlineStatus(
                organisation_id=organisation.pk,
                slug=organisation.slug,
                name=organisation.name,
                country=organisation.country,
                state=annual_return.state if annual_return else NOT_STARTED,
                source=annual_return.source if annual_return else "",
                submitted_at=annual_return.submitted_at if annual_return else None,
            )
        )
    return statuses


def _submitted_values(
    years: list[int] | None = None,
    organisation: Organisation | None = None,
    indicators: list[str] | None = None,
) -> QuerySet[ReturnValue]:
    values = ReturnValue.objects.filter(annual_return__state=SUBMITTED)
    if years is not None:
        values = values.filter(annual_return__year__in=years)
    if organisation is not None:
        values = values.filter(annual_return__organisation=organisation)
    if indicators is not None:
        values = values.filter(indicator__in=indicators)
    return values


def figures_by_country(
    years: list[int],
    *,
    organisation: Organisation | None = None,
    indicators: list[str] | None = None,
) -> dict[int, dict[str, Figures]]:
    """year -> country (ISO code) -> the summed cells of the submitted returns."""
    rows = (
        _submitted_values(years, organisation, indicators)
        .values(
            "indicator",
            "breakdown",
            year=F("annual_return__year"),
            country=F("annual_return__organisation__country"),
        )
        .annotate(total=Sum("value"), hotlines=Count("annual_return_id"))
        .order_by()
    )
    result: dict[int, dict[str, Figures]] = defaultdict(dict)
    for row in rows:
        indicator = BY_CODE.get(row["indicator"])
        if indicator is None or not row["country"]:
            continue  # a code no longer in the catalogue; a hotline without a country
        if not indicator.is_count and row["hotlines"] > 1:
            continue  # medians of two hotlines do not add up to the country's median
        figures = result[row["year"]].setdefault(row["country"], Figures())
        figures.set(row["indicator"], breakdown_of(row["breakdown"]), Decimal(row["total"]))
    return dict(result)


def years_with_returns(up_to: int | None = None) -> list[int]:
    """The years for which at least one return was submitted, oldest first."""
    years = AnnualReturn.objects.filter(state=SUBMITTED)
    if up_to is not None:
        years = years.filter(year__lte=up_to)
    return sorted(set(years.values_list("year", flat=True)))


def network_totals(by_country: dict[str, Figures]) -> Figures:
    """The network's counts: each count cell summed over the countries (medians left out)."""
    total = Figures()
    for figures in by_country.values():
        for code, breakdown, value in figures:
            if not BY_CODE[code].is_count:
                continue
            total.set(code, breakdown, (total.get(code, breakdown) or Decimal(0)) + value)
    return total


def hotlines_reporting(
    years: list[int], organisation: Organisation | None = None
) -> dict[int, int]:
    """year -> how many hotlines submitted a return for it."""
    returns = AnnualReturn.objects.filter(state=SUBMITTED, year__in=years)
    if organisation is not None:
        returns = returns.filter(organisation=organisation)
    rows = returns.values("year").annotate(n=Count("pk")).order_by()
    return {row["year"]: row["n"] for row in rows}
