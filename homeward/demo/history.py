"""The network's annual returns from before Homeward: what each hotline uploaded, year after year,
from the system it used then. Generated from the demo's shapes (shapes.py), one hotline and one
year at a time, with the network's totals near the published ones (DOMAIN.md, "Annual figures,
as published"), and some hotlines missing in some years, as in the published reports.

Pure functions of the seed: no database. Every return is complete and consistent, so that it
passes the checks of an uploaded return (tests/test_demo_statistics.py uploads them all).
Cross-border requests are left out: the hotlines asked each other by e-mail before Homeward,
and nobody counted the requests the same way. Child alerts and publicity appeals are in: a
handful of alerts a year in the few countries with a national alert system (ALERT_COUNTRIES),
one for every child located after an alert, and some tens of appeals a year per hotline, one for
every child located after publicity; elsewhere a closure is never "located after a child alert".
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from homeward.alerts.choices import EndReason as AlertEnd
from homeward.appeals.choices import EndReason as AppealEnd
from homeward.cases.choices import Category, ContactType, Outcome, Reason, Sex, Subcategory
from homeward.cases.models.closure import duration_band_of_days
from homeward.demo import plans, shapes
from homeward.demo.network import COUNTRIES, Country
from homeward.organisations.models import Channel
from homeward.statistics.compute.children import age_band
from homeward.statistics.compute.tally import Tally
from homeward.statistics.dimensions import NOT_ENDED
from homeward.statistics.figures import Figures

T = TypeVar("T")
FIRST_YEAR = 2019
NOT_COLLECTED = ("REQUESTS_SENT", "REQUESTS_RECEIVED", "REQUESTS_ACK_MEDIAN")
SMALL_HOTLINE = 200
"""Hotlines that miss a year are among those of up to this many cases a year."""


@dataclass(frozen=True)
class NetworkYear:
    """What the network's report said of a year, and what the demo draws it with."""

    year: int
    hotlines: int
    """How many hotlines reported."""
    cases: int
    """The caseload: new cases and cases carried over."""
    contacts: int
    """Points of contact. The reports mostly say "calls" for them (2022 gives both: 53,711
    calls of 70,855 contacts); the demo takes the number as the contacts of every channel."""
    carried_share: float
    """Of the caseload, the cases carried over from earlier years."""
    phone_share: float
    """Of the contacts, the calls."""
    categories: tuple[float, float, float, float]
    """Per cent of new cases: runaways, parental abductions, children in migration, lost or
    injured (criminal abductions 0.3 %; the rest otherwise missing)."""
    cross_border: float = 1.0
    """Times the shapes' cross-border share."""
    repeat: float = 0.27
    """Of runaway cases, repeat episodes."""
    published: bool = True
    """False: the report's figures for the year are not in DOMAIN.md; these are the demo's."""


NETWORK_YEARS: dict[int, NetworkYear] = {
    y.year: y
    for y in (
        NetworkYear(2019, 27, 7_582, 55_284, 0.24, 0.81, (56.0, 22.0, 4.0, 1.8), 1.2, 0.28),
        NetworkYear(2020, 22, 8_857, 42_662, 0.25, 0.79, (53.0, 25.0, 3.6, 2.0), 0.9, 0.27),
        NetworkYear(2021, 25, 7_900, 50_400, 0.22, 0.78, (60.0, 24.0, 3.3, 2.0), 1.0, 0.27, False),
        NetworkYear(2022, 28, 6_668, 70_855, 0.19, 0.76, (66.0, 24.0, 3.0, 2.2), 1.1, 0.26),
        NetworkYear(2023, 29, 7_274, 67_345, 0.16, 0.76, (66.0, 18.0, 6.0, 2.5), 1.0, 0.26),
        NetworkYear(2024, 30, 7_450, 64_000, 0.13, 0.76, (66.0, 19.0, 5.0, 2.5), 1.0, 0.25, False),
    )
}


def network_year(year: int) -> NetworkYear:
    """The year as published, or, for a year the table does not have, the last one's shape."""
    known = NETWORK_YEARS.get(year)
    if known is not None:
        return known
    return replace(NETWORK_YEARS[max(NETWORK_YEARS)], year=year, published=False)


def reporting(rng: random.Random, countries: Sequence[Country], hotlines: int) -> list[Country]:
    """The hotlines that reported: all but a few of the smaller ones."""
    missing = set(late(rng, countries, len(countries) - hotlines))
    return [c for c in countries if c not in missing]


def late(rng: random.Random, countries: Sequence[Country], count: int) -> list[Country]:
    """`count` of the smaller hotlines (a large one missing would skew the network's year)."""
    small = [c for c in countries if c.cases_a_year <= SMALL_HOTLINE]
    return rng.sample(small, max(0, min(count, len(small))))


def history(
    seed: int, years: Sequence[int], countries: Sequence[Country] = COUNTRIES
) -> dict[int, dict[str, Figures]]:
    """year -> country code -> the hotline's return, for the hotlines that reported."""
    result: dict[int, dict[str, Figures]] = {}
    for year in years:
        spec = network_year(year)
        rng = random.Random(f"history-{seed}-{year}")
        reporters = reporting(rng, countries, min(spec.hotlines, len(countries)))
        new_target = spec.cases * (1 - spec.carried_share)
        scale = new_target / sum(c.cases_a_year for c in reporters)
        new_cases = {
            c.code: round(c.cases_a_year * scale * rng.uniform(0.9, 1.1)) for c in reporters
        }
        total_new = sum(new_cases.values())
        result[year] = {}
        for country in reporters:
            share = new_cases[country.code] / total_new
            contacts = round(spec.contacts * share * rng.uniform(0.9, 1.1))
            local = random.Random(f"history-{seed}-{year}-{country.code}")
            recorded = shapes.recorded_share(seed, country.code)
            publicity = random.Random(f"history-{seed}-{year}-{country.code}-publicity")
            result[year][country.code] = hotline_year(
                local, country, spec, new_cases[country.code], contacts, recorded, publicity
            )
    return result


CARRIED_WEIGHT: dict[str, float] = {Category.PARENTAL_ABDUCTION: 2.5, Category.MIGRANT: 2.5}
"""Long cases are more often carried over."""
CARRIED_CLOSED = 0.8
CARRIED_DURATION = shapes.Weighted({(0, 6): 45.0, (7, 31): 28.0, (32, 183): 20.0, (184, 500): 7.0})
DECISION_DAYS = (0, 0, 1, 1, 2, 4, 7)
SEX_UNKNOWN = 0.01
PHONE_116000 = 0.92
"""Of the calls, those to 116 000 (the rest to the hotline's other numbers)."""
OTHER_CHANNELS = shapes.Weighted(
    {
        Channel.EMAIL: 7.0,
        Channel.CHAT: 6.0,
        Channel.SMS: 4.0,
        Channel.SOCIAL_MEDIA: 4.0,
        Channel.WALK_IN: 1.0,
        Channel.REFERRAL: 2.0,
    }
)
FOLLOW_UPS = (1.0, 1.5)
"""Contacts about an existing case, per new case."""
ALERT_COUNTRIES = frozenset({"BE", "CZ", "FR", "GR", "NL", "PL", "PT"})
"""The demo's countries with a national child alert system (DOMAIN.md, "Child alerts")."""
OTHER_ALERTS = {Category.CRIMINAL_ABDUCTION: 0.3, Category.PARENTAL_ABDUCTION: 0.005}
"""Of the new cases of a category in an alert country, those with an alert whose child was not
located through it."""
ALERT_END_FOUND = shapes.Weighted({AlertEnd.CHILD_FOUND: 80.0, AlertEnd.DURATION_OVER: 20.0})
"""An alert of a child located after it: found while it ran, or soon after its broadcast."""
ALERT_END_OTHER = shapes.Weighted(
    {
        AlertEnd.CHILD_FOUND: 35.0,
        AlertEnd.DURATION_OVER: 40.0,
        AlertEnd.AUTHORITY_ENDED: 15.0,
        AlertEnd.CASE_CLOSED: 10.0,
    }
)
OTHER_APPEALS = {
    Category.RUNAWAY: 0.015,
    Category.PARENTAL_ABDUCTION: 0.04,
    Category.OTHERWISE_MISSING: 0.02,
}
"""Of the new cases of a category, those with an appeal whose child was not located through it
(found by the police, or come back, while it ran; or not yet found)."""
APPEAL_END_FOUND = shapes.Weighted({AppealEnd.CHILD_FOUND: 90.0, AppealEnd.EXPIRED: 10.0})
APPEAL_END_OTHER = shapes.Weighted(
    {
        AppealEnd.CHILD_FOUND: 50.0,
        AppealEnd.EXPIRED: 20.0,
        AppealEnd.CASE_CLOSED: 10.0,
        AppealEnd.CONSENT_WITHDRAWN: 8.0,
        AppealEnd.BY_HOTLINE: 9.0,
        NOT_ENDED: 3.0,
    }
)


def category_weights(spec: NetworkYear) -> dict[str, float]:
    runaway, parental, migrant, lost = spec.categories
    criminal = 0.3
    otherwise = max(0.0, 100 - runaway - parental - migrant - lost - criminal)
    return {
        Category.RUNAWAY: runaway,
        Category.PARENTAL_ABDUCTION: parental,
        Category.MIGRANT: migrant,
        Category.LOST_INJURED: lost,
        Category.CRIMINAL_ABDUCTION: criminal,
        Category.OTHERWISE_MISSING: otherwise,
    }


class _Counts:
    """Cells counted one case at a time, added to the tally once per distinct cell."""

    def __init__(self) -> None:
        self.cells: Counter[tuple[str, tuple[str, ...]]] = Counter()
        self.totals: Counter[str] = Counter()
        self.observed: Counter[tuple[str, tuple[str, ...], int]] = Counter()

    def add(self, code: str, *breakdown: str) -> None:
        self.cells[(code, breakdown)] += 1

    def into(self, tally: Tally) -> None:
        for (code, breakdown), n in self.cells.items():
            tally.add(0, code, breakdown, n)
        for code, n in self.totals.items():
            tally.add_total(0, code, n)
        for (code, breakdown, value), n in self.observed.items():
            tally.observe(0, code, breakdown, value, n)


def hotline_year(
    rng: random.Random,
    country: Country,
    spec: NetworkYear,
    new_cases: int,
    contacts: int,
    recorded: float,
    publicity: random.Random,
) -> Figures:
    """One hotline's return for one year: its new cases one by one, the cases it carried over
    and closed, its contacts by channel, type and caller recorded, and its alerts and appeals
    (drawn from `publicity`, so that the rest is drawn as it was before they were counted)."""
    counts = _Counts()
    weights = category_weights(spec)
    categories = shapes.Weighted(weights)
    alerts = country.code in ALERT_COUNTRIES
    for _ in range(new_cases):
        _new_case(rng, counts, country, spec, categories(rng), alerts)
    _publicity(publicity, counts, alerts)
    carried_categories = shapes.Weighted(
        {category: w * CARRIED_WEIGHT.get(category, 1.0) for category, w in weights.items()}
    )
    carried = round(new_cases * spec.carried_share / (1 - spec.carried_share))
    for _ in range(carried):
        _carried_case(rng, counts, carried_categories(rng), alerts)
    _contacts(rng, counts, new_cases, contacts, spec.phone_share, recorded)
    tally = Tally([0])
    counts.into(tally)
    figures = tally.figures()[0]
    for code in NOT_COLLECTED:
        figures.values.pop(code, None)
    return figures


def _publicity(rng: random.Random, counts: _Counts, alerts: bool) -> None:
    """The year's alerts and appeals, from its new cases so far (before the carried-over ones
    are counted): one for each child of the year located after one, and some more."""
    new: Counter[str] = Counter()
    located: Counter[str] = Counter()
    for (code, breakdown), n in counts.cells.items():
        if code == "CASES_NEW":
            new[breakdown[0]] += n
        elif code == "CASES_OUTCOME":
            located[breakdown[1]] += n
    if alerts:
        for _ in range(located[Outcome.LOCATED_ALERT]):
            counts.add("ALERTS", ALERT_END_FOUND(rng))
        for category, chance in OTHER_ALERTS.items():
            for _ in range(_binomial(rng, new[category], chance)):
                counts.add("ALERTS", ALERT_END_OTHER(rng))
    for _ in range(located[Outcome.LOCATED_PUBLICITY]):
        counts.add("APPEALS", APPEAL_END_FOUND(rng))
    for category, chance in OTHER_APPEALS.items():
        for _ in range(_binomial(rng, new[category], chance)):
            counts.add("APPEALS", APPEAL_END_OTHER(rng))


def _binomial(rng: random.Random, n: int, chance: float) -> int:
    return sum(rng.random() < chance for _ in range(n))


def _without_alert(outcome: str, alerts: bool) -> str:
    """Where there is no alert system, nobody is located after an alert: the police it is."""
    return Outcome.LOCATED_POLICE if outcome == Outcome.LOCATED_ALERT and not alerts else outcome


def _new_case(
    rng: random.Random,
    counts: _Counts,
    country: Country,
    spec: NetworkYear,
    category: str,
    alerts: bool,
) -> None:
    subcategory = shapes.SUBCATEGORY[category](rng) if category in shapes.SUBCATEGORY else ""
    counts.add("CASES_NEW", category)
    counts.add("CASES_SUBCATEGORY", category, subcategory or "unspecified")
    cross_border = subcategory == Subcategory.INTERNATIONAL or (
        rng.random() < shapes.CROSS_BORDER.get(category, 0.0) * spec.cross_border
    )
    counts.add("CASES_CROSS_BORDER", category, "yes" if cross_border else "no")
    if cross_border:
        other = rng.choice([c for c in shapes.NEIGHBOURS if c != country.code])
        counts.add("CASES_COUNTRIES", other)
        counts.totals["CASES_COUNTRIES"] += 1
    siblings = category == Category.PARENTAL_ABDUCTION and rng.random() < 0.2
    for _child in range(2 if siblings else 1):
        age = shapes.AGE[category](rng)
        sex = Sex.UNKNOWN
        if rng.random() >= SEX_UNKNOWN:
            sex = Sex.FEMALE if rng.random() < shapes.FEMALE_SHARE[category] else Sex.MALE
        counts.add("CHILDREN_AGE", category, age_band(age))
        counts.add("CHILDREN_SEX", category, sex)
        counts.observed[("CHILDREN_AGE_MEDIAN", (category,), age)] += 1
    reasons: set[str] = set()
    if category in shapes.REASONS:
        reasons = set(rng.sample(shapes.REASONS[category], rng.randint(0, 2)))
    if subcategory == Subcategory.FROM_CARE:
        reasons.add(Reason.PROBLEMS_INSTITUTION)
    for reason in sorted(reasons):
        counts.add("CASES_REASON", reason)
    counts.totals["CASES_REASON"] += 1
    if category == Category.RUNAWAY:
        counts.add("RUNAWAY_REPEAT", "repeat" if rng.random() < spec.repeat else "first")
    # closed in the same year?
    day = rng.randrange(365)
    if rng.random() >= shapes.NOT_FOUND[category]:
        days = plans.duration_days(rng, category)
        closed_on = day + days + rng.choice(plans.CLOSURE_AFTER_FOUND) + rng.choice(DECISION_DAYS)
        if closed_on < 365:
            outcome = _without_alert(shapes.OUTCOME[category](rng), alerts)
            _closed(counts, category, "this_year", outcome, days)
    elif day + rng.randint(183, 200) < 365 and rng.random() < plans.STILL_MISSING_CLOSED:
        _closed(counts, category, "this_year", Outcome.STILL_MISSING, None)


def _carried_case(rng: random.Random, counts: _Counts, category: str, alerts: bool) -> None:
    counts.add("CASES_CARRIED_OVER", category)
    if rng.random() >= CARRIED_CLOSED:
        return
    if rng.random() < min(1.0, 3 * shapes.NOT_FOUND[category]):
        _closed(counts, category, "earlier", Outcome.STILL_MISSING, None)
        return
    low, high = CARRIED_DURATION(rng)
    outcome = _without_alert(shapes.OUTCOME[category](rng), alerts)
    _closed(counts, category, "earlier", outcome, rng.randint(low, high))


def _closed(counts: _Counts, category: str, reported: str, outcome: str, days: int | None) -> None:
    counts.add("CASES_CLOSED", category, reported)
    counts.add("CASES_OUTCOME", category, outcome)
    if days is not None:
        counts.add("CASES_DURATION", category, duration_band_of_days(days))
        counts.observed[("CASES_DURATION_MEDIAN", (category,), days)] += 1


def _contacts(
    rng: random.Random,
    counts: _Counts,
    new_cases: int,
    contacts: int,
    phone: float,
    recorded: float,
) -> None:
    total = max(contacts, 2 * new_cases)
    calls = round(total * phone * rng.uniform(0.97, 1.03))
    to_116000 = round(calls * PHONE_116000)
    channels: Counter[Channel] = Counter(
        {Channel.PHONE_116000: to_116000, Channel.PHONE_OTHER: calls - to_116000}
    )
    channels.update(_draw(rng, OTHER_CHANNELS, total - calls))
    follow_ups = min(round(new_cases * rng.uniform(*FOLLOW_UPS)), total - new_cases)
    types: Counter[ContactType] = Counter(
        {ContactType.NEW_CASE: new_cases, ContactType.EXISTING_CASE: follow_ups}
    )
    types.update(_draw(rng, shapes.OTHER_CONTACT_TYPE, total - new_cases - follow_ups))
    kept = round((total - types[ContactType.SILENT]) * recorded)
    for channel, n in channels.items():
        counts.cells[("CONTACTS_CHANNEL", (channel,))] += n
    for contact_type, n in types.items():
        counts.cells[("CONTACTS_TYPE", (contact_type,))] += n
    counts.cells[("CONTACTS_CALLER_RECORDED", ("yes",))] += kept
    counts.cells[("CONTACTS_CALLER_RECORDED", ("no",))] += total - kept


def _draw(rng: random.Random, weighted: shapes.Weighted[T], n: int) -> Counter[T]:
    return Counter(rng.choices(weighted.values, cum_weights=weighted.cum, k=max(0, n)))
