"""The charts of each section of the report, drawn from the published cells.

Counts come from the published cells as they are; shares are computed from the unsuppressed
counts and left out (the report's symbol) wherever a cell they are made of is suppressed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from homeward.core.templatetags.country_names import country as country_name
from homeward.statistics import charts
from homeward.statistics import dimensions as d
from homeward.statistics.charts import Series
from homeward.statistics.figures import Breakdown
from homeward.statistics.report.build import Report
from homeward.statistics.report.published import published_share

T = d.TOTAL
SUPPRESSED = "c"
MAIN_CATEGORIES = ("runaway", "parental_abduction", "migrant")
TOP_COUNTRIES = 10


@dataclass(frozen=True)
class Chart:
    """A chart and its title, which the page shows above it (the SVG's own title is for
    assistive technology)."""

    title: str
    svg: SafeString


def share(report: Report, code: str, part: Breakdown, whole: Breakdown) -> Decimal | None:
    return published_share(report.raw, report.view, T, [(code, part)], (code, whole))


def _share_rows(
    report: Report, code: str, dimension: d.Dimension, *, prefix: Breakdown = ()
) -> list[tuple[str, Decimal | None]]:
    """Each code's share of the total, e.g. channels of all contacts; `prefix` fixes the
    dimensions before it (all categories' sexes: prefix ("_T",))."""
    whole = (*prefix, T)
    return [
        (dimension.label_of(c), share(report, code, (*prefix, c), whole)) for c in dimension.codes
    ]


def _shares(title: str, rows: list[tuple[str, Decimal | None]], what: str) -> Chart:
    svg = charts.share_chart(
        title=title, description=what, rows=rows, x_label=_("share (%)"), missing=SUPPRESSED
    )
    return Chart(title, svg)


def _bars(title: str, **options: Any) -> Chart:
    return Chart(title, charts.bar_chart(title=title, missing=SUPPRESSED, **options))


def _lines(title: str, **options: Any) -> Chart:
    return Chart(title, charts.line_chart(title=title, missing=SUPPRESSED, **options))


def _years(report: Report) -> list[str]:
    return [str(y) for y in report.trends.years]


def _contacts(report: Report) -> list[Chart]:
    result = [
        _shares(
            _("Contacts by channel, %(year)s") % {"year": report.year},
            _share_rows(report, "CONTACTS_CHANNEL", d.CHANNEL),
            _("The share of all contacts that came through each channel."),
        )
    ]
    trends = report.trends
    if len(trends.years) > 1:
        phone = [
            a + b if a is not None and b is not None else None
            for a, b in zip(
                trends.series("CONTACTS_CHANNEL", ("phone_116000",)),
                trends.series("CONTACTS_CHANNEL", ("phone_other",)),
                strict=True,
            )
        ]
        result.append(
            _lines(
                _("Contacts over the years"),
                description=_("All contacts and calls, by year."),
                x_values=_years(report),
                series=[
                    Series(_("all contacts"), trends.series("CONTACTS_CHANNEL", (T,))),
                    Series(_("calls"), phone),
                ],
                y_label=_("contacts"),
                x_label=_("year"),
            )
        )
    return result


def _cases(report: Report) -> list[Chart]:
    categories = d.CATEGORY.codes
    view = report.view
    series = [Series(str(report.year), [view.value("CASES_NEW", T, (c,)) for c in categories])]
    previous = report.trends.previous(report.year)
    if previous is not None:
        values = [previous.value("CASES_NEW", T, (c,)) for c in categories]
        series.append(Series(str(report.year - 1), values))
    result = [
        _bars(
            _("New cases by category"),
            description=_("New cases in the year, against the year before where it reported."),
            categories=[d.CATEGORY.label_of(c) for c in categories],
            series=series,
            y_label=_("new cases"),
        ),
        _shares(
            _("Share of each category, %(year)s") % {"year": report.year},
            _share_rows(report, "CASES_NEW", d.CATEGORY),
            _("The share of new cases in each category."),
        ),
    ]
    trends = report.trends
    if len(trends.years) > 1:
        lines = [
            Series(_("all new cases"), trends.series("CASES_NEW", (T,))),
            *(
                Series(d.CATEGORY.label_of(c), trends.series("CASES_NEW", (c,)))
                for c in MAIN_CATEGORIES
            ),
            Series(_("carried over"), trends.series("CASES_CARRIED_OVER", (T,))),
        ]
        result.append(
            _lines(
                _("New cases over the years"),
                description=_("New cases by main category, and cases carried over, by year."),
                x_values=_years(report),
                series=lines,
                y_label=_("cases"),
                x_label=_("year"),
            )
        )
    return result


def _children(report: Report) -> list[Chart]:
    bands = d.AGE_BAND.codes
    view = report.view
    return [
        _bars(
            _("Children by age, runaways and parental abductions"),
            description=_("Children in new cases by age when they went missing."),
            categories=[d.AGE_BAND.label_of(b) for b in bands],
            series=[
                Series(
                    d.CATEGORY.label_of(c), [view.value("CHILDREN_AGE", T, (c, b)) for b in bands]
                )
                for c in ("runaway", "parental_abduction")
            ],
            y_label=_("children"),
            x_label=_("age"),
        ),
        _shares(
            _("Children by sex"),
            _share_rows(report, "CHILDREN_SEX", d.SEX, prefix=(T,)),
            _("The share of children in new cases of each sex."),
        ),
    ]


def _cross_border(report: Report) -> list[Chart]:
    rows = [
        (d.CATEGORY.label_of(c), share(report, "CASES_CROSS_BORDER", (c, "yes"), (c, T)))
        for c in (*d.CATEGORY.codes, T)
    ]
    result = [
        _shares(
            _("Share of cross-border cases, by category"),
            rows,
            _("The share of new cases of each category that were cross-border."),
        )
    ]
    view = report.view
    involved = sorted(
        {b[0] for b in view.breakdowns("CASES_COUNTRIES") if b[0] != T},
        key=lambda c: (-(report.raw.get("CASES_COUNTRIES", (c,)) or 0), c),
    )[:TOP_COUNTRIES]
    if involved:
        title = _("The other countries most often involved")
        svg = charts.share_chart(
            title=title,
            description=_("New cross-border cases by the other country involved."),
            rows=[(country_name(c), view.value("CASES_COUNTRIES", T, (c,))) for c in involved],
            x_label=_("cases"),
            value_format=charts.format_count,
            ceiling=None,
            missing=SUPPRESSED,
        )
        result.append(Chart(title, svg))
    return result


def _circumstances(report: Report) -> list[Chart]:
    return [
        _shares(
            _("Reasons and vulnerabilities"),
            [
                (d.REASON.label_of(r), share(report, "CASES_REASON", (r,), (T,)))
                for r in d.REASON.codes
            ],
            _("The share of new cases in which each was recorded; a case may have several."),
        ),
        _shares(
            _("Runaways who had run away before"),
            _share_rows(report, "RUNAWAY_REPEAT", d.REPEAT),
            _("New runaway cases by whether the child had run away before."),
        ),
    ]


def _outcomes(report: Report) -> list[Chart]:
    return [
        _shares(
            _("Outcomes at closure"),
            _share_rows(report, "CASES_OUTCOME", d.OUTCOME, prefix=(T,)),
            _("The share of cases closed in the year with each outcome."),
        ),
        _shares(
            _("Time until found"),
            _share_rows(report, "CASES_DURATION", d.DURATION, prefix=(T,)),
            _("The share of children found within each time."),
        ),
    ]


def _requests(report: Report) -> list[Chart]:
    sent = report.view.value("REQUESTS_SENT", T, (T,))
    received = report.view.value("REQUESTS_RECEIVED", T, (T,))
    if sent == 0 and received == 0:
        return []  # the tables' zeros say it; two empty charts would only look broken
    types = d.REQUEST_TYPE.codes
    title = _("Cross-border requests sent, by type")
    svg = charts.share_chart(
        title=title,
        description=_("Cooperation requests sent to another hotline in the year."),
        rows=[
            (d.REQUEST_TYPE.label_of(t), report.view.value("REQUESTS_SENT", T, (t,))) for t in types
        ],
        x_label=_("requests"),
        value_format=charts.format_count,
        ceiling=None,
        missing=SUPPRESSED,
    )
    return [
        Chart(title, svg),
        _shares(
            _("Requests received, by acknowledgement"),
            _share_rows(report, "REQUESTS_RECEIVED", d.ACKNOWLEDGED),
            _("The share of requests received that were acknowledged within the deadline."),
        ),
    ]


def _publicity(report: Report) -> list[Chart]:
    """How the alerts and the appeals ended, each only where there were any: most years a
    handful of alerts in a few countries, whose shares are mostly hidden."""
    result = []
    for code, dimension, title, what in (
        (
            "ALERTS",
            d.ALERT_END,
            _("Child alerts, by how they ended"),
            _("The share of the child alerts activated in the year that ended each way."),
        ),
        (
            "APPEALS",
            d.APPEAL_END,
            _("Publicity appeals, by how they ended"),
            _("The share of the publicity appeals published in the year that ended each way."),
        ),
    ):
        if report.view.value(code, T, (T,)):
            result.append(_shares(title, _share_rows(report, code, dimension), what))
    return result


DRAWERS: dict[str, Callable[[Report], Sequence[Chart]]] = {
    "contacts": _contacts,
    "cases": _cases,
    "children": _children,
    "cross-border": _cross_border,
    "circumstances": _circumstances,
    "outcomes": _outcomes,
    "publicity": _publicity,
    "requests": _requests,
}


def charts_for(section: str, report: Report) -> list[Chart]:
    return list(DRAWERS[section](report))
