"""The report's sections, one per family of indicators, each with its charts and tables, and
the per-country tables of the annex."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from homeward.statistics import dimensions as d
from homeward.statistics.catalogue import BY_CODE, Indicator
from homeward.statistics.figures import Breakdown
from homeward.statistics.report import illustrations
from homeward.statistics.report.build import Report
from homeward.statistics.report.tables import Shown, Table, country_table, network_table

T = d.TOTAL

FAMILIES: tuple[tuple[str, str | Promise, str | Promise, tuple[str, ...]], ...] = (
    (
        "contacts",
        _("Contacts"),
        _("Every call, message or visit the hotlines received, whether or not it led to a case."),
        ("CONTACTS_CHANNEL", "CONTACTS_TYPE", "CONTACTS_CALLER_RECORDED"),
    ),
    (
        "cases",
        _("Cases"),
        _(
            "The cases reported in the year, the work carried over from earlier years, and the "
            "cases closed."
        ),
        ("CASES_NEW", "CASES_CARRIED_OVER", "CASES_CLOSED", "CASES_SUBCATEGORY"),
    ),
    (
        "children",
        _("The children"),
        _("The children in the new cases, by age and sex."),
        ("CHILDREN_AGE", "CHILDREN_AGE_MEDIAN", "CHILDREN_SEX"),
    ),
    (
        "cross-border",
        _("Cross-border cases"),
        _("New cases in which the child was believed to be in, or taken to, another country."),
        ("CASES_CROSS_BORDER", "CASES_COUNTRIES"),
    ),
    (
        "circumstances",
        _("Circumstances"),
        _("Reasons and vulnerabilities recorded in the new cases, and repeat running away."),
        ("CASES_REASON", "RUNAWAY_REPEAT"),
    ),
    (
        "outcomes",
        _("Outcomes"),
        _("How the cases closed in the year ended, and how long until the child was found."),
        ("CASES_OUTCOME", "CASES_DURATION", "CASES_DURATION_MEDIAN"),
    ),
    (
        "publicity",
        _("Child alerts and publicity appeals"),
        _(
            "Child alerts the competent authorities activated and publicity appeals the "
            "hotlines published in the year, and how each ended: how many children were found "
            "while one ran."
        ),
        ("ALERTS", "APPEALS"),
    ),
    (
        "requests",
        _("Cooperation between hotlines"),
        _("Requests for help the hotlines sent each other, and how fast they were answered."),
        ("REQUESTS_SENT", "REQUESTS_RECEIVED", "REQUESTS_ACK_MEDIAN"),
    ),
)
NO_COUNTRY_TABLE = {"CASES_COUNTRIES"}
"""Countries involved by reporting country is a sparse matrix: the network table says it."""


@dataclass(frozen=True)
class Section:
    key: str
    title: str | Promise
    intro: str | Promise
    indicators: list[Indicator]
    charts: list[illustrations.Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    country_tables: list[Table] = field(default_factory=list)


def sections(report: Report) -> list[Section]:
    country = report.countries[0] if report.organisation is not None else "_T"
    result = []
    for key, title, intro, codes in FAMILIES:
        indicators = [BY_CODE[code] for code in codes]
        tables = [
            t
            for i in indicators
            if (t := network_table(i, report.view, report.raw, country=country)) is not None
        ]
        by_country = (
            []
            if report.organisation is not None
            else [
                country_table(i, report.view, report.countries)
                for i in indicators
                if i.code not in NO_COUNTRY_TABLE
            ]
        )
        result.append(
            Section(
                key,
                title,
                intro,
                indicators,
                illustrations.charts_for(key, report),
                tables,
                by_country,
            )
        )
    return result


@dataclass(frozen=True)
class TrendRow:
    label: str | Promise
    cells: list[Shown]
    percent: bool = False


def trend_rows(report: Report) -> list[TrendRow]:
    """The trends table: a row per series, a column per year with returns."""
    trends = report.trends

    def counts(code: str, breakdown: Breakdown) -> list[Shown]:
        cells = [view.cell(code, T, breakdown) for view in trends.views]
        return [
            Shown(None if c is None or c.suppressed else c.value, c is not None and c.suppressed)
            for c in cells
        ]

    def shares(code: str, part: Breakdown, whole: Breakdown) -> list[Shown]:
        values = trends.share((code, part), (code, whole))
        return [
            Shown(None, view.is_suppressed(code, T, part) or view.is_suppressed(code, T, whole), v)
            for v, view in zip(values, trends.views, strict=True)
        ]

    return [
        TrendRow(_("Hotlines that reported"), [Shown(Decimal(n)) for n in trends.hotlines]),
        TrendRow(_("Contacts"), counts("CONTACTS_CHANNEL", (T,))),
        TrendRow(_("New cases"), counts("CASES_NEW", (T,))),
        TrendRow(_("Cases carried over"), counts("CASES_CARRIED_OVER", (T,))),
        TrendRow(_("Runaways, share of new cases"), shares("CASES_NEW", ("runaway",), (T,)), True),
        TrendRow(
            _("Parental abductions, share of new cases"),
            shares("CASES_NEW", ("parental_abduction",), (T,)),
            True,
        ),
        TrendRow(
            _("Children in migration, share of new cases"),
            shares("CASES_NEW", ("migrant",), (T,)),
            True,
        ),
        TrendRow(
            _("Cross-border, share of new cases"),
            shares("CASES_CROSS_BORDER", (T, "yes"), (T, T)),
            True,
        ),
    ]
