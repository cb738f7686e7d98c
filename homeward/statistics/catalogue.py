"""The indicators, defined once: what each counts, in which unit, broken down how. Every number
Homeward computes, every uploaded return and every published table uses these codes, so two
hotlines count the same way (docs/statistics.md prints this catalogue with its rules).

A cell of an indicator is one code per dimension (`dimensions.TOTAL` for the total over a
dimension): `CASES_NEW` by category has the cells `("runaway",)`, …, `("_T",)`; `CHILDREN_SEX`
by category and sex has `("runaway", "female")`, `("runaway", "_T")`, `("_T", "female")`,
`("_T", "_T")`. An indicator without dimensions has the one cell `()`.

The reference period is the calendar year (or, on a hotline's own figures page, any run of
days), in the hotline's time zone: `Organisation.time_zone`, which the organisation's hotlines
share. A hotline's year runs from midnight on 1 January there to midnight on the next 1 January,
so a call at 23:30 UTC on 31 December is next year's in Brussels and this year's in Lisbon. Each
moment (a contact's start, a case's report, a closure's approval, a request's sending, an
alert's activation, an appeal's publication) is compared with those two moments in the database.
A case counts for the hotline that holds it; a child counts once per case (siblings are two
children). Counts use what is recorded when they are computed (a case's current category),
except what the definitions date (reported, closed, sent in the period; open on its first day).

A median's cell exists only where there is something to take the median of; it is halfway
between the two middle values for an even number of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from itertools import product

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from homeward.statistics import dimensions as d
from homeward.statistics.figures import Breakdown


class Unit(StrEnum):
    COUNT = "count"
    YEARS = "years"
    DAYS = "days"
    HOURS = "hours"


@dataclass(frozen=True)
class Indicator:
    code: str
    title: str | Promise
    definition: str | Promise
    dimensions: tuple[d.Dimension, ...] = ()
    unit: Unit = Unit.COUNT
    additive: bool = True
    """The cells of a dimension add up to its total (not so for multi-select reasons)."""
    population: str = ""
    """For a median: the count indicator of the same breakdown it is the median of; the median
    is published only where that count is."""
    population_excludes: tuple[str, ...] = ()
    """Codes of the population's last dimension the median does not count (children of unknown
    age, requests not yet acknowledged): disclosure control needs the size of the median's own
    base, not only the population total, to decide whether the median may be published."""
    minimum: bool = False
    """In the minimum common set asked of every country: caseload, age and sex."""

    @property
    def is_count(self) -> bool:
        return self.unit == Unit.COUNT


CATALOGUE: tuple[Indicator, ...] = (
    Indicator(
        "CONTACTS_CHANNEL",
        _("Contacts by channel"),
        _(
            "Points of contact (calls, messages, visits) that started in the year, whether or "
            "not they concerned a case, by the channel they came through."
        ),
        (d.CHANNEL,),
    ),
    Indicator(
        "CONTACTS_TYPE",
        _("Contacts by type"),
        _("The same contacts by what they were about."),
        (d.CONTACT_TYPE,),
    ),
    Indicator(
        "CONTACTS_CALLER_RECORDED",
        _("Contacts with the caller's identity recorded"),
        _(
            "The same contacts by whether the caller agreed to their name, phone or e-mail "
            "being kept and at least one was recorded."
        ),
        (d.CALLER_RECORDED,),
    ),
    Indicator(
        "CASES_NEW",
        _("New cases"),
        _("Cases reported to the hotline in the year, by category."),
        (d.CATEGORY,),
        minimum=True,
    ),
    Indicator(
        "CASES_CARRIED_OVER",
        _("Cases carried over"),
        _(
            "Cases reported before the year and not closed on 1 January, by category: the work "
            "the year started with."
        ),
        (d.CATEGORY,),
        minimum=True,
    ),
    Indicator(
        "CASES_CLOSED",
        _("Cases closed"),
        _(
            "Cases whose closure was approved in the year, by category and by whether they were "
            "reported in the year or earlier."
        ),
        (d.CATEGORY, d.CLOSED_CASE_REPORTED),
    ),
    Indicator(
        "CASES_SUBCATEGORY",
        _("New cases by subcategory"),
        _(
            "New cases by category and subcategory (runaway from home or care, national or "
            "international parental abduction…)."
        ),
        (d.CATEGORY, d.SUBCATEGORY),
    ),
    Indicator(
        "CASES_CROSS_BORDER",
        _("Cross-border cases"),
        _(
            "New cases by category and by whether they were cross-border: marked so, or the "
            "child was last seen in, or is believed to have been taken to, another country, or "
            "a cooperation request about the case was sent to or received from another "
            "hotline."
        ),
        (d.CATEGORY, d.CROSS_BORDER),
    ),
    Indicator(
        "CASES_COUNTRIES",
        _("Other countries involved"),
        _(
            "New cross-border cases by the other country involved: where the child was last "
            "seen or is believed to have been taken, and the country of the hotline asked to "
            "help (or asking) in the case's first request; a case naming two countries counts "
            "in both, one naming none under “unknown”. The total is the number of new "
            "cross-border cases."
        ),
        (d.COUNTRY_INVOLVED,),
        additive=False,
    ),
    Indicator(
        "CHILDREN_AGE",
        _("Children by age"),
        _(
            "Children in new cases by category and by age when they went missing (from the "
            "date of birth, the year of birth or the estimated age)."
        ),
        (d.CATEGORY, d.AGE_BAND),
        minimum=True,
    ),
    Indicator(
        "CHILDREN_AGE_MEDIAN",
        _("Median age"),
        _(
            "The median of the ages, in whole years, of the children in new cases whose age is "
            "known."
        ),
        (d.CATEGORY,),
        unit=Unit.YEARS,
        population="CHILDREN_AGE",
        population_excludes=(d.UNKNOWN,),
    ),
    Indicator(
        "CHILDREN_SEX",
        _("Children by sex"),
        _("Children in new cases by category and sex."),
        (d.CATEGORY, d.SEX),
        minimum=True,
    ),
    Indicator(
        "CASES_REASON",
        _("Reasons and vulnerabilities"),
        _(
            "New cases by each reason or vulnerability recorded (violence, grooming, "
            "exploitation, mental health…); a case with two reasons counts under both, so the "
            "reasons do not add up to the total, which is the number of new cases."
        ),
        (d.REASON,),
        additive=False,
    ),
    Indicator(
        "RUNAWAY_REPEAT",
        _("Repeat episodes among runaways"),
        _(
            "New runaway cases by whether the child had run away before: a child of the case "
            "was in an earlier runaway case of the hotline, or previous episodes are recorded."
        ),
        (d.REPEAT,),
    ),
    Indicator(
        "CASES_OUTCOME",
        _("Outcomes at closure"),
        _(
            "Cases closed in the year by category and outcome, which also says how the child "
            "was found (by police, returned of their own accord, after an alert or publicity)."
        ),
        (d.CATEGORY, d.OUTCOME),
    ),
    Indicator(
        "CASES_DURATION",
        _("Time until found"),
        _(
            "Cases closed in the year with the child found (alive or not), by category and by "
            "the time from the day of the disappearance (or of the report, where that day is "
            "unknown) to the day found."
        ),
        (d.CATEGORY, d.DURATION),
    ),
    Indicator(
        "CASES_DURATION_MEDIAN",
        _("Median time until found"),
        _("The median, in days, of the same time for the same cases."),
        (d.CATEGORY,),
        unit=Unit.DAYS,
        population="CASES_DURATION",
    ),
    Indicator(
        "REQUESTS_SENT",
        _("Cross-border requests sent"),
        _("Cooperation requests the hotline sent to another hotline in the year, by type."),
        (d.REQUEST_TYPE,),
    ),
    Indicator(
        "REQUESTS_RECEIVED",
        _("Cross-border requests received"),
        _(
            "Cooperation requests sent to the hotline in the year, by whether it acknowledged "
            "them within the deadline each carried (by default 2 hours if urgent, 24 otherwise)."
        ),
        (d.ACKNOWLEDGED,),
    ),
    Indicator(
        "REQUESTS_ACK_MEDIAN",
        _("Median time to acknowledge"),
        _(
            "The median, in hours, from a request's sending to its acknowledgement, for the "
            "requests received in the year and acknowledged."
        ),
        unit=Unit.HOURS,
        population="REQUESTS_RECEIVED",
        population_excludes=("not_yet",),
    ),
    Indicator(
        "ALERTS",
        _("Child alerts activated"),
        _(
            "Child alerts the competent authority activated in the year (the hotline records "
            "the authority's decision and never activates an alert itself), by how they ended: "
            "the child found during the alert, the case closed, the duration over, ended by the "
            "authority, or still active when counted. The alerts that ended with the child found "
            "count the children located while an alert ran; the cases closed in the year say in "
            "CASES_OUTCOME which were “located after a child alert”."
        ),
        (d.ALERT_END,),
    ),
    Indicator(
        "APPEALS",
        _("Publicity appeals published"),
        _(
            "Publicity appeals the hotline published in the year, with consent, by how they "
            "ended: the child found, the case closed, consent withdrawn, the end date passed, "
            "ended by the hotline, or still published when counted. The appeals that ended with "
            "the child found count the children located while an appeal ran; the cases closed "
            "in the year say in CASES_OUTCOME which were “located after publicity”."
        ),
        (d.APPEAL_END,),
    ),
)

BY_CODE: dict[str, Indicator] = {indicator.code: indicator for indicator in CATALOGUE}
MINIMUM_SET: tuple[Indicator, ...] = tuple(i for i in CATALOGUE if i.minimum)


def indicator(code: str) -> Indicator:
    return BY_CODE[code]


def cells(indicator: Indicator) -> list[Breakdown]:
    """Every cell of an indicator: each dimension's codes and its total, in every combination
    (the row totals, the column totals and the grand total of a table). An open dimension
    (countries involved) lists only its total: its other cells are the codes that occur."""
    axes = [(*dimension.codes, d.TOTAL) for dimension in indicator.dimensions]
    return [tuple(cell) for cell in product(*axes)]


@dataclass(frozen=True)
class Group:
    """Indicators read together (a section of a figures page, of the documentation)."""

    code: str
    title: str | Promise
    codes: tuple[str, ...]

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(BY_CODE[code] for code in self.codes)


GROUPS: tuple[Group, ...] = (
    Group(
        "contacts",
        _("Contacts"),
        ("CONTACTS_CHANNEL", "CONTACTS_TYPE", "CONTACTS_CALLER_RECORDED"),
    ),
    Group(
        "cases",
        _("Cases"),
        (
            "CASES_NEW",
            "CASES_CARRIED_OVER",
            "CASES_CLOSED",
            "CASES_SUBCATEGORY",
            "CASES_REASON",
            "RUNAWAY_REPEAT",
        ),
    ),
    Group("children", _("Children"), ("CHILDREN_AGE", "CHILDREN_AGE_MEDIAN", "CHILDREN_SEX")),
    Group(
        "outcomes",
        _("Outcomes"),
        ("CASES_OUTCOME", "CASES_DURATION", "CASES_DURATION_MEDIAN"),
    ),
    Group(
        "cross_border",
        _("Cross-border"),
        (
            "CASES_CROSS_BORDER",
            "CASES_COUNTRIES",
            "REQUESTS_SENT",
            "REQUESTS_RECEIVED",
            "REQUESTS_ACK_MEDIAN",
        ),
    ),
    Group("publicity", _("Alerts and appeals"), ("ALERTS", "APPEALS")),
)
"""Every indicator in exactly one group, in the catalogue's order within each."""


Template = tuple[str | int, ...]
"""A breakdown pattern: a code, or the position of a code taken from the linked cell."""

SAME_COUNTS: tuple[tuple[tuple[str, Template], tuple[str, Template]], ...] = (
    # new cases by category, counted in four tables
    (("CASES_NEW", (0,)), ("CASES_SUBCATEGORY", (0, d.TOTAL))),
    (("CASES_NEW", (0,)), ("CASES_CROSS_BORDER", (0, d.TOTAL))),
    (("CASES_NEW", (d.TOTAL,)), ("CASES_REASON", (d.TOTAL,))),
    (("CASES_NEW", ("runaway",)), ("RUNAWAY_REPEAT", (d.TOTAL,))),
    # cases closed by category
    (("CASES_CLOSED", (0, d.TOTAL)), ("CASES_OUTCOME", (0, d.TOTAL))),
    # children in new cases by category
    (("CHILDREN_AGE", (0, d.TOTAL)), ("CHILDREN_SEX", (0, d.TOTAL))),
    # all contacts
    (("CONTACTS_CHANNEL", (d.TOTAL,)), ("CONTACTS_TYPE", (d.TOTAL,))),
    (("CONTACTS_CHANNEL", (d.TOTAL,)), ("CONTACTS_CALLER_RECORDED", (d.TOTAL,))),
)
"""Cells of two indicators that count the same thing by definition: CASES_NEW's runaways are
CASES_SUBCATEGORY's runaway total. An integer in the first pattern matches any code (or the
total) and stands for that same code in the second. Disclosure control hides such cells
together, or a cell hidden in one table could be read in the other; an uploaded return can be
checked against them."""


def same_counts(code: str, breakdown: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
    """The cells of other indicators that hold the same count as `code`'s `breakdown`."""
    linked: list[tuple[str, tuple[str, ...]]] = []
    for (first, pattern), (second, other) in SAME_COUNTS:
        if first != code or len(pattern) != len(breakdown):
            continue
        if all(isinstance(p, int) or p == b for p, b in zip(pattern, breakdown, strict=True)):
            bound = {p: b for p, b in zip(pattern, breakdown, strict=True) if isinstance(p, int)}
            linked.append((second, tuple(bound[p] if isinstance(p, int) else p for p in other)))
    return linked
