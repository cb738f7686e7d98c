"""What every indicator of the known network (known_data.py) must be for a year, counted by
plain loops over the lists that built it, following the catalogue's definitions word by word.
It never calls the code under test: only the dimensions' lists of codes, to know which cells
exist."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import product
from statistics import median
from zoneinfo import ZoneInfo

from homeward.statistics import dimensions as d
from homeward.statistics.catalogue import CATALOGUE
from homeward.statistics.tests.known_data import (
    CASES,
    CONTACTS,
    REQUESTS,
    ZONES,
    CaseSpec,
    RequestSpec,
    case_org,
)

START, END = date(2025, 1, 1), date(2026, 1, 1)
"""The year the known network is built around."""
T = d.TOTAL
Cell = tuple[str, ...]


def local_day(org: str, moment: datetime) -> date:
    return moment.astimezone(ZoneInfo(ZONES[org])).date()


def in_year(org: str, moment: datetime | None, year: int) -> bool:
    return moment is not None and local_day(org, moment).year == year


def year_start(org: str, year: int) -> datetime:
    return datetime.combine(date(year, 1, 1), time.min, tzinfo=ZoneInfo(ZONES[org]))


def age_band(age: int | None) -> str:
    if age is None:
        return "unknown"
    for band, (first, last) in {
        "0_5": (0, 5),
        "6_9": (6, 9),
        "10_12": (10, 12),
        "13_15": (13, 15),
        "16_17": (16, 17),
    }.items():
        if first <= age <= last:
            return band
    return "18_plus"


def duration_band(days: int) -> str:
    # < 1 week, 1 week-1 month, 1-6 months, > 6 months (as published)
    if days < 7:
        return "lt_1w"
    if days <= 31:
        return "1w_1m"
    return "1m_6m" if days <= 183 else "gt_6m"


def sent_requests(key: str, side: str) -> list[RequestSpec]:
    found = [r for r in REQUESTS if r.sent and getattr(r, side) == key]
    return sorted(found, key=lambda r: r.sent or START)


def other_countries(spec: CaseSpec) -> set[str]:
    own = spec.org
    named = {spec.last_seen, spec.destination}
    asked, answering = sent_requests(spec.key, "case"), sent_requests(spec.key, "receiver_case")
    if asked:
        named.add(asked[0].receiver)
    elif answering:
        named.add(case_org(answering[0].case))
    return {c for c in named if c and c != own}


def is_cross_border(spec: CaseSpec) -> bool:
    requested = sent_requests(spec.key, "case") or sent_requests(spec.key, "receiver_case")
    return spec.flagged or bool(other_countries(spec)) or bool(requested)


def closed_on_first_day(spec: CaseSpec, year: int) -> bool:
    start = year_start(spec.org, year)
    return any(
        c.decided < start and (c.reopened is None or c.reopened >= start) for c in spec.closures
    )


def ran_away_before(spec: CaseSpec) -> bool:
    earlier_runaway = {
        s.key for s in CASES if s.category == "runaway" and s.reported < spec.reported
    }
    return spec.previous_episodes > 0 or any(c.same_as in earlier_runaway for c in spec.children)


class Expected:
    def __init__(self) -> None:
        self.counts: dict[str, Counter[Cell]] = defaultdict(Counter)
        self.observed: dict[str, dict[Cell, list[int]]] = defaultdict(lambda: defaultdict(list))

    def bump(self, code: str, *cell: str) -> None:
        """One more in the cell and in the totals it is part of."""
        for combination in product(*((c, T) for c in cell)):
            self.counts[code][combination] += 1

    def bump_only(self, code: str, *cell: str) -> None:
        self.counts[code][cell] += 1

    def observe(self, code: str, value: int, *cell: str) -> None:
        for combination in product(*((c, T) for c in cell)):
            self.observed[code][combination].append(value)

    def cells(self) -> dict[str, dict[Cell, Decimal]]:
        result: dict[str, dict[Cell, Decimal]] = {}
        for indicator in CATALOGUE:
            if indicator.is_count:
                axes = [(*dim.codes, T) for dim in indicator.dimensions]
                cells = {cell: Decimal(0) for cell in product(*axes)}
                cells.update({c: Decimal(n) for c, n in self.counts[indicator.code].items()})
            else:
                divisor = 60 if indicator.code == "REQUESTS_ACK_MEDIAN" else 1
                cells = {
                    cell: (Decimal(str(median(values))) / divisor).quantize(
                        Decimal("0.1"), ROUND_HALF_UP
                    )
                    for cell, values in self.observed[indicator.code].items()
                }
            result[indicator.code] = cells
        return result


def expected_2025(org: str) -> dict[str, dict[Cell, Decimal]]:
    return expected_year(org, START.year)


def expected_year(org: str, year: int) -> dict[str, dict[Cell, Decimal]]:
    e = Expected()
    for contact in CONTACTS:
        if contact.org == org and in_year(org, contact.started, year):
            e.bump("CONTACTS_CHANNEL", contact.channel)
            e.bump("CONTACTS_TYPE", contact.contact_type)
            recorded = contact.consent and bool(contact.caller_name)
            e.bump("CONTACTS_CALLER_RECORDED", "yes" if recorded else "no")
    for spec in (s for s in CASES if s.org == org):
        if spec.reported < year_start(org, year) and not closed_on_first_day(spec, year):
            e.bump("CASES_CARRIED_OVER", spec.category)
        closed = [c for c in spec.closures if in_year(org, c.decided, year)]
        if closed:
            last = max(closed, key=lambda c: c.decided)
            reported = "this_year" if in_year(org, spec.reported, year) else "earlier"
            e.bump("CASES_CLOSED", spec.category, reported)
            e.bump("CASES_OUTCOME", spec.category, last.outcome)
            if last.outcome != "still_missing" and last.found_on is not None:
                day = spec.disappeared or local_day(org, spec.reported)
                days = (last.found_on - day) // timedelta(days=1)
                e.bump("CASES_DURATION", spec.category, duration_band(days))
                e.observe("CASES_DURATION_MEDIAN", days, spec.category)
        if not in_year(org, spec.reported, year):
            continue
        e.bump("CASES_NEW", spec.category)
        e.bump("CASES_SUBCATEGORY", spec.category, spec.subcategory or "unspecified")
        cross_border = is_cross_border(spec)
        e.bump("CASES_CROSS_BORDER", spec.category, "yes" if cross_border else "no")
        if cross_border:
            for country in other_countries(spec) or {"unknown"}:
                e.bump_only("CASES_COUNTRIES", country)
            e.bump_only("CASES_COUNTRIES", T)
        for reason in set(spec.reasons):
            e.bump_only("CASES_REASON", reason)
        e.bump_only("CASES_REASON", T)
        if spec.category == "runaway":
            e.bump("RUNAWAY_REPEAT", "repeat" if ran_away_before(spec) else "first")
        for child in spec.children:
            e.bump("CHILDREN_AGE", spec.category, age_band(child.age))
            e.bump("CHILDREN_SEX", spec.category, child.sex)
            if child.age is not None:
                e.observe("CHILDREN_AGE_MEDIAN", child.age, spec.category)
    for request in REQUESTS:
        if request.sent is None:
            continue
        if case_org(request.case) == org and in_year(org, request.sent, year):
            e.bump("REQUESTS_SENT", request.request_type)
        if request.receiver == org and in_year(org, request.sent, year):
            if request.acknowledged is None:
                e.bump("REQUESTS_RECEIVED", "not_yet")
                continue
            allowed = timedelta(hours=2 if request.urgency == "urgent" else 24)
            late = request.acknowledged - request.sent > allowed
            e.bump("REQUESTS_RECEIVED", "late" if late else "in_time")
            minutes = (request.acknowledged - request.sent) // timedelta(minutes=1)
            e.observe("REQUESTS_ACK_MEDIAN", minutes)
    return e.cells()
