"""A hotline's own figures for a run of days, beside the same days a year earlier: what its
figures page and `GET /api/v1/statistics/figures` show. Its own internal view: counts, no
personal data, and no disclosure control (nothing here leaves the hotline).

The tables follow the catalogue's groups. A table lists every cell of a one-dimension
indicator; a two-dimension one is cut into one section per code of its first dimension, and
leaves out the rows (and sections) that are 0 in both periods, totals excepted, so that a
quiet month does not read as sixty lines of zeros."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from homeward.core.templatetags.country_names import country
from homeward.statistics import charts
from homeward.statistics import dimensions as d
from homeward.statistics.catalogue import GROUPS, Indicator, cells
from homeward.statistics.catalogue import indicator as indicator_of
from homeward.statistics.figures import Breakdown, Figures


def year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class Period:
    first: date
    last: date
    """Both days included."""

    @property
    def end(self) -> date:
        """The day after the last (the end of the half-open period figures_for takes)."""
        return self.last + timedelta(days=1)

    def year_before(self) -> Period:
        return Period(year_before(self.first), year_before(self.last))


@dataclass(frozen=True)
class Line:
    label: str
    breakdown: Breakdown
    current: Decimal | None
    previous: Decimal | None
    is_total: bool
    is_count: bool = True

    @property
    def change(self) -> Decimal | None:
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous

    @property
    def change_percent(self) -> Decimal | None:
        """The change as a share of last year's figure, for counts only."""
        change = self.change
        if not change or not self.previous or not self.is_count:
            return None
        return (change * 100 / self.previous).quantize(Decimal("1"), ROUND_HALF_UP)

    @property
    def change_sign(self) -> str:
        change = self.change
        return "" if not change else "+" if change > 0 else "\u2212"

    @property
    def change_size(self) -> Decimal | None:
        return None if self.change is None else abs(self.change)

    @property
    def percent_size(self) -> Decimal | None:
        return None if self.change_percent is None else abs(self.change_percent)


@dataclass(frozen=True)
class Section:
    heading: str
    """The first dimension's code's label ("" for a one-dimension indicator)."""
    lines: list[Line]


@dataclass(frozen=True)
class IndicatorFigures:
    indicator: Indicator
    sections: list[Section]

    @property
    def row_heading(self) -> str:
        """What the rows are (the last dimension's name; the figure itself without one)."""
        dimensions = self.indicator.dimensions
        return str(capfirst(str(dimensions[-1].label))) if dimensions else _("Figure")


@dataclass(frozen=True)
class GroupFigures:
    code: str
    title: str
    indicators: list[IndicatorFigures]
    chart: SafeString
    chart_title: str


@dataclass(frozen=True)
class OwnFigures:
    period: Period
    previous: Period
    current_figures: Figures
    previous_figures: Figures
    groups: list[GroupFigures]


def label(dimension: d.Dimension, code: str) -> str:
    if dimension.open and code not in (d.TOTAL, d.UNKNOWN):
        return str(country(code))
    if dimension.open and code == d.UNKNOWN:
        return _("Not recorded")
    return dimension.label_of(code)


def _breakdowns(indicator: Indicator, now: Figures, before: Figures) -> list[Breakdown]:
    listed = cells(indicator)
    if any(dimension.open for dimension in indicator.dimensions):
        seen = set(now.cells(indicator.code)) | set(before.cells(indicator.code))
        return [*listed, *sorted(seen - set(listed))]
    if indicator.is_count:
        return listed
    return listed or [()]


def _line(indicator: Indicator, breakdown: Breakdown, now: Figures, before: Figures) -> Line:
    last = indicator.dimensions[-1] if indicator.dimensions else None
    return Line(
        label=label(last, breakdown[-1]) if last else str(indicator.title),
        breakdown=breakdown,
        current=now.get(indicator.code, breakdown),
        previous=before.get(indicator.code, breakdown),
        is_total=not breakdown or breakdown[-1] == d.TOTAL,
        is_count=indicator.is_count,
    )


def _empty(line: Line) -> bool:
    return not line.current and not line.previous


def _indicator(indicator: Indicator, now: Figures, before: Figures) -> IndicatorFigures:
    breakdowns = _breakdowns(indicator, now, before)
    if len(indicator.dimensions) < 2:
        lines = [_line(indicator, b, now, before) for b in breakdowns]
        if indicator.dimensions and indicator.dimensions[0].open:
            lines = [line for line in lines if line.is_total or not _empty(line)]
        return IndicatorFigures(indicator, [Section("", lines)])
    first = indicator.dimensions[0]
    sections = []
    for code in (*first.codes, d.TOTAL):
        lines = [_line(indicator, b, now, before) for b in breakdowns if b[0] == code]
        total = next(line for line in lines if line.is_total)
        if code != d.TOTAL and _empty(total):
            continue
        shown = [line for line in lines if line.is_total or not _empty(line)]
        heading = _("All") if code == d.TOTAL else first.label_of(code)
        sections.append(Section(heading, shown))
    return IndicatorFigures(indicator, sections)


CHARTS: dict[str, tuple[str, int, Breakdown]] = {
    # group: (indicator, the dimension spread along the chart, the other codes)
    "contacts": ("CONTACTS_CHANNEL", 0, ()),
    "cases": ("CASES_NEW", 0, ()),
    "children": ("CHILDREN_AGE", 1, (d.TOTAL,)),
    "outcomes": ("CASES_OUTCOME", 1, (d.TOTAL,)),
    "cross_border": ("CASES_CROSS_BORDER", 0, ("yes",)),
}
TOTALS_CHARTS: dict[str, tuple[str, ...]] = {
    # group: the indicators whose totals stand side by side (too few to spread by a dimension)
    "publicity": ("ALERTS", "APPEALS"),
}


def _totals_chart(group: str, now: Figures, before: Figures) -> tuple[SafeString, str]:
    """This period's totals of the group's indicators beside last year's."""
    indicators = [indicator_of(code) for code in TOTALS_CHARTS[group]]
    series = [
        charts.Series(name, [values.get(i.code, (d.TOTAL,)) for i in indicators])
        for name, values in (
            (_("This period"), now),
            (_("Same period last year"), before),
        )
    ]
    title = _("Child alerts and publicity appeals")
    chart = charts.bar_chart(
        title=title,
        description=_(
            "Child alerts activated and publicity appeals published: this period and the same "
            "period a year earlier."
        ),
        categories=[str(i.title) for i in indicators],
        series=series,
        y_label=_("number"),
    )
    return chart, title


def _chart(group: str, now: Figures, before: Figures) -> tuple[SafeString, str]:
    """This period's bars beside last year's, along one dimension of the group's main count."""
    if group in TOTALS_CHARTS:
        return _totals_chart(group, now, before)
    code, spread, fixed = CHARTS[group]
    indicator = indicator_of(code)
    dimension = indicator.dimensions[spread]

    def at(spread_code: str) -> Breakdown:
        parts = list(fixed)
        parts.insert(spread, spread_code)
        return tuple(parts)

    categories = [dimension.label_of(c) for c in dimension.codes]
    series = [
        charts.Series(name, [values.get(code, at(c)) for c in dimension.codes])
        for name, values in (
            (_("This period"), now),
            (_("Same period last year"), before),
        )
    ]
    title = str(indicator.title)
    if fixed and fixed[0] == "yes":
        title = _("Cross-border cases")
    chart = charts.bar_chart(
        title=title,
        description=_(
            "%(indicator)s by %(dimension)s: this period and the same period a year earlier."
        )
        % {"indicator": title, "dimension": dimension.label},
        categories=categories,
        series=series,
        y_label=_("number"),
    )
    return chart, title


def compare(period: Period, now: Figures, before: Figures) -> OwnFigures:
    groups = []
    for group in GROUPS:
        chart, chart_title = _chart(group.code, now, before)
        groups.append(
            GroupFigures(
                code=group.code,
                title=str(group.title),
                indicators=[_indicator(i, now, before) for i in group.indicators],
                chart=chart,
                chart_title=chart_title,
            )
        )
    return OwnFigures(period, period.year_before(), now, before, groups)
