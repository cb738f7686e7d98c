"""The network coordinator's dashboard panel: where this year's returns stand, the headline
shares of the latest year with returns and the new cases over the years. Counts and shares
only, each through disclosure control; nothing about a child."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from homeward.statistics import charts
from homeward.statistics import dimensions as d
from homeward.statistics.charts import Series
from homeward.statistics.models import AnnualReturn, ReportingYear
from homeward.statistics.report import aggregate
from homeward.statistics.report.build import Report, network_summary
from homeward.statistics.report.headlines import Headline
from homeward.statistics.report.illustrations import SUPPRESSED

T = d.TOTAL
PANEL_HEADLINES = (
    "cases_new",
    "share_runaway",
    "share_parental_abduction",
    "cross_border",
    "found_within_week",
    "contacts_phone",
)


@dataclass(frozen=True)
class NetworkPanel:
    returns_year: int
    """The reporting year whose returns are being collected (the latest the office opened)."""
    opened: bool
    submitted: int
    drafts: int
    not_started: int
    report_year: int | None
    """The latest year with submitted returns: the one the headlines are of."""
    headlines: list[Headline] = field(default_factory=list)
    trend_chart: SafeString | None = None

    @property
    def expected(self) -> int:
        return self.submitted + self.drafts + self.not_started


def network_panel() -> NetworkPanel:
    opened = ReportingYear.objects.order_by("-year").first()
    returns_year = opened.year if opened else timezone.localdate().year - 1
    statuses = aggregate.hotline_statuses(returns_year)
    states = [s.state for s in statuses]
    years = aggregate.years_with_returns()
    report = network_summary(years[-1]) if years else None
    return NetworkPanel(
        returns_year=returns_year,
        opened=opened is not None,
        submitted=states.count(AnnualReturn.State.SUBMITTED),
        drafts=states.count(AnnualReturn.State.DRAFT),
        not_started=states.count(aggregate.NOT_STARTED),
        report_year=report.year if report else None,
        headlines=[report.headline(k) for k in PANEL_HEADLINES] if report else [],
        trend_chart=_trend_chart(report) if report and len(report.trends.years) > 1 else None,
    )


def _trend_chart(report: Report) -> SafeString:
    trends = report.trends
    return charts.line_chart(
        title=_("New cases over the years"),
        description=_("New cases in the network, all and by main category, by year."),
        x_values=[str(y) for y in trends.years],
        series=[
            Series(_("all new cases"), trends.series("CASES_NEW", (T,))),
            Series(d.CATEGORY.label_of("runaway"), trends.series("CASES_NEW", ("runaway",))),
            Series(
                d.CATEGORY.label_of("parental_abduction"),
                trends.series("CASES_NEW", ("parental_abduction",)),
            ),
        ],
        y_label=_("cases"),
        missing=SUPPRESSED,
    )
