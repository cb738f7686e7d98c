"""The annual report: a year's submitted returns, aggregated per country, through disclosure
control, with the headline figures and the trends over every year with returns.

    network_report(year) -> Report            every hotline's submitted return
    hotline_report(year, organisation) -> Report   one hotline's (also protected: it leaves it)

Both raise `NoReturns` when there is nothing submitted to report on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from homeward.organisations.models import Organisation
from homeward.statistics import dimensions as d
from homeward.statistics import disclosure
from homeward.statistics.catalogue import SAME_COUNTS
from homeward.statistics.figures import Figures
from homeward.statistics.report import aggregate
from homeward.statistics.report.aggregate import HotlineStatus
from homeward.statistics.report.headlines import Headline, headlines
from homeward.statistics.report.published import Cell, PublishedView, published_share

T = d.TOTAL
TREND_INDICATORS = ["CONTACTS_CHANNEL", "CASES_NEW", "CASES_CARRIED_OVER", "CASES_CROSS_BORDER"]
TREND_YEARS = 10
HEADLINE_INDICATORS = [
    "CONTACTS_CHANNEL",
    "CASES_NEW",
    "CASES_CARRIED_OVER",
    "CASES_SUBCATEGORY",
    "CASES_CROSS_BORDER",
    "CHILDREN_AGE",
    "CHILDREN_AGE_MEDIAN",
    "CHILDREN_SEX",
    "RUNAWAY_REPEAT",
    "CASES_DURATION",
]


class NoReturns(Exception):
    def __init__(self, year: int, organisation: Organisation | None = None) -> None:
        self.year, self.organisation = year, organisation
        if organisation is None:
            message = f"no hotline has submitted its annual return for {year}"
        else:
            message = f"{organisation.slug} has not submitted its annual return for {year}"
        super().__init__(message)


@dataclass(frozen=True)
class Trends:
    """The network's totals over the years with returns (each year protected on its own)."""

    years: list[int]
    hotlines: list[int]
    """How many hotlines reported each year: the figures are comparable only as far as that."""
    views: list[PublishedView]
    raw: list[Figures]

    def series(self, code: str, breakdown: tuple[str, ...]) -> list[Decimal | None]:
        return [view.value(code, T, breakdown) for view in self.views]

    def share(self, part: Cell, whole: Cell) -> list[Decimal | None]:
        return [
            published_share(raw, view, T, [part], whole)
            for view, raw in zip(self.views, self.raw, strict=True)
        ]

    def previous(self, year: int) -> PublishedView | None:
        return self.views[self.years.index(year - 1)] if year - 1 in self.years else None


@dataclass(frozen=True)
class Report:
    year: int
    organisation: Organisation | None
    statuses: list[HotlineStatus]
    by_country: dict[str, Figures]
    """The unsuppressed counts: for shares only, never shown."""
    raw: Figures
    published: disclosure.Published
    view: PublishedView
    headlines: list[Headline]
    trends: Trends
    threshold: int
    countries: list[str] = field(default_factory=list)

    @property
    def reported(self) -> list[HotlineStatus]:
        return [s for s in self.statuses if s.submitted]

    @property
    def not_reported(self) -> list[HotlineStatus]:
        return [s for s in self.statuses if not s.submitted]

    def headline(self, key: str) -> Headline:
        return next(h for h in self.headlines if h.key == key)


def network_report(year: int) -> Report:
    return _report(year, None)


def hotline_report(year: int, organisation: Organisation) -> Report:
    return _report(year, organisation)


def network_summary(year: int) -> Report:
    """The headline figures and trends only (the coordinator's dashboard), with the same
    published cells as the full report's (see `with_linked`)."""
    return _report(year, None, with_linked([*HEADLINE_INDICATORS, *TREND_INDICATORS]))


def with_linked(codes: list[str]) -> list[str]:
    """The indicators, and every indicator that holds one of their counts too
    (`catalogue.SAME_COUNTS`: disclosure control hides such cells together). Suppression
    decides a group of linked indicators on its own relations, so protecting the group alone
    hides what protecting everything hides; tests/test_report.py checks it."""
    linked = set(codes)
    while True:
        more = {
            code
            for (first, _p), (second, _q) in SAME_COUNTS
            for code in (first, second)
            if (first in linked or second in linked) and code not in linked
        }
        if not more:
            return sorted(linked)
        linked |= more


def _report(
    year: int, organisation: Organisation | None, indicators: list[str] | None = None
) -> Report:
    by_country = aggregate.figures_by_country(
        [year], organisation=organisation, indicators=indicators
    ).get(year)
    if not by_country:
        raise NoReturns(year, organisation)
    published = disclosure.protect(by_country, year=year)
    view = PublishedView.of(published)
    raw = aggregate.network_totals(by_country)
    statuses = aggregate.hotline_statuses(year)
    if organisation is not None:
        statuses = [s for s in statuses if s.organisation_id == organisation.pk]
    return Report(
        year=year,
        organisation=organisation,
        statuses=statuses,
        by_country=by_country,
        raw=raw,
        published=published,
        view=view,
        headlines=headlines(raw, view),
        trends=trends(year, organisation),
        threshold=published.threshold,
        countries=sorted(by_country),
    )


def trends(year: int, organisation: Organisation | None = None) -> Trends:
    """The trend indicators over the (at most ten) years with returns up to `year`, each year
    protected on its own, with its linked indicators (the same outcome as its full report)."""
    years = aggregate.years_with_returns(up_to=year)[-TREND_YEARS:]
    data = aggregate.figures_by_country(
        years, organisation=organisation, indicators=with_linked(TREND_INDICATORS)
    )
    kept = [y for y in years if data.get(y)]
    counts = aggregate.hotlines_reporting(kept, organisation)
    views = [PublishedView.of(disclosure.protect(data[y], year=y)) for y in kept]
    raw = [aggregate.network_totals(data[y]) for y in kept]
    return Trends(kept, [counts.get(y, 0) for y in kept], views, raw)
