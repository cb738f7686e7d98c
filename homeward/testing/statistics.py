"""Annual returns for tests and for looking at the report: a hotline's return stored as
submitted, and a synthetic year of a hotline's work counted into every indicator of the
catalogue (each cell, totals included, consistent with the others), shaped like the network's
published figures (runaways about two thirds, parental abductions a fifth, most children found
within a week). Synthetic data only."""

from __future__ import annotations

import random
import statistics as stats
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from itertools import product

from homeward.organisations.models import Organisation
from homeward.statistics import dimensions as d
from homeward.statistics.catalogue import CATALOGUE
from homeward.statistics.figures import Breakdown, Figures, breakdown_key
from homeward.statistics.models import AnnualReturn, ReturnValue

T = d.TOTAL

CATEGORY_WEIGHTS = {
    "runaway": 64,
    "parental_abduction": 19,
    "migrant": 5,
    "criminal_abduction": 0.4,
    "lost_injured": 3,
    "otherwise_missing": 8.6,
}
SUBCATEGORIES = {
    "runaway": {"from_home": 70, "from_care": 25, "pushed_out": 5},
    "parental_abduction": {"national": 55, "international": 45},
    "migrant": {"unaccompanied": 70, "separated": 20, "with_family": 10},
    "lost_injured": {"lost": 80, "injured": 20},
}
AGE_PEAK = {"runaway": 15, "parental_abduction": 6, "migrant": 15}
CHANNELS = {
    "phone_116000": 68,
    "phone_other": 8,
    "sms": 3,
    "chat": 6,
    "email": 8,
    "social_media": 4,
    "walk_in": 1,
    "referral": 2,
}
OTHER_COUNTRIES = ("DE", "FR", "ES", "IT", "NL", "PL", "RO", "GB", "MA", "TR", "UA", "BE")


def store_return(
    organisation: Organisation,
    year: int,
    figures: Figures,
    *,
    state: str = AnnualReturn.State.SUBMITTED,
    source: str = AnnualReturn.Source.UPLOADED,
) -> AnnualReturn:
    """A hotline's return with these cells, as the returns' actions leave it."""
    moment = datetime(year + 1, 2, 1, 9, 0, tzinfo=UTC)
    annual_return, _created = AnnualReturn.objects.update_or_create(
        organisation=organisation,
        year=year,
        defaults={
            "source": source,
            "state": state,
            "prepared_at": moment,
            "submitted_at": moment if state == AnnualReturn.State.SUBMITTED else None,
        },
    )
    annual_return.values.all().delete()
    ReturnValue.objects.bulk_create(
        ReturnValue(
            annual_return=annual_return,
            indicator=code,
            breakdown=breakdown_key(breakdown),
            value=value,
        )
        for code, breakdown, value in figures
    )
    return annual_return


@dataclass
class _Case:
    category: str
    subcategory: str
    cross_border: bool
    countries: tuple[str, ...]
    ages: list[int | None]
    sexes: list[str]
    reasons: set[str]
    repeat: bool
    closed: str | None  # "this_year" / None
    outcome: str
    days: int


@dataclass
class _Counts:
    cells: dict[str, Counter[Breakdown]] = field(default_factory=dict)

    def add(self, code: str, *codes: str) -> None:
        """Counts one unit into the cell and into every total it belongs to."""
        counter = self.cells.setdefault(code, Counter())
        for mask in product((False, True), repeat=len(codes)):
            counter[tuple(T if m else c for m, c in zip(mask, codes, strict=True))] += 1


def _pick(rng: random.Random, weights: Mapping[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _band(age: int | None) -> str:
    if age is None:
        return d.UNKNOWN
    if age >= 18:
        return "18_plus"
    return next(code for code, low, high in d.AGE_BANDS if low <= age <= high)


def _duration(days: int) -> str:
    if days < 7:
        return "lt_1w"
    if days < 31:
        return "1w_1m"
    return "1m_6m" if days < 183 else "gt_6m"


def _case(rng: random.Random) -> _Case:
    category = _pick(rng, CATEGORY_WEIGHTS)
    subcategory = (
        _pick(rng, SUBCATEGORIES[category]) if category in SUBCATEGORIES else "unspecified"
    )
    cross = subcategory == "international" or category == "migrant" or rng.random() < 0.08
    peak = AGE_PEAK.get(category, 11)
    children = 1 + (rng.random() < 0.12 and category == "parental_abduction")
    ages: list[int | None] = [
        None if rng.random() < 0.03 else max(0, min(17, round(rng.gauss(peak, 2.4))))
        for _ in range(children)
    ]
    female = 0.6 if category == "runaway" else 0.48
    sexes = ["female" if rng.random() < female else "male" for _ in range(children)]
    if rng.random() < 0.02:
        sexes[0] = "unknown"
    reasons = {
        reason
        for reason, chance in (
            ("problems_home", 0.45),
            ("problems_institution", 0.12),
            ("violence", 0.23),
            ("grooming", 0.03),
            ("exploitation", 0.04),
            ("trafficking", 0.01),
            ("substance_use", 0.08),
            ("mental_health", 0.15),
            ("school", 0.10),
            ("disability", 0.03),
        )
        if rng.random() < chance
    }
    days = int(rng.expovariate(1 / 3)) if rng.random() < 0.8 else int(rng.expovariate(1 / 60))
    return _Case(
        category=category,
        subcategory=subcategory,
        cross_border=cross,
        countries=tuple(rng.sample(OTHER_COUNTRIES, 1 + (rng.random() < 0.1))) if cross else (),
        ages=ages,
        sexes=sexes,
        reasons=reasons,
        repeat=category == "runaway" and rng.random() < 0.28,
        closed="this_year" if rng.random() < 0.85 else None,
        outcome=_pick(
            rng,
            {
                "found_safe": 40,
                "returned": 30,
                "located_police": 18,
                "located_publicity": 3,
                "located_alert": 1,
                "found_harmed": 2,
                "found_deceased": 0.3,
                "still_missing": 5.7,
            },
        ),
        days=days,
    )


def synthetic_year(seed: int, new_cases: int) -> Figures:
    """A year of a hotline's figures: `new_cases` new cases, about ten contacts per case."""
    rng = random.Random(seed)  # noqa: S311 - synthetic figures, not secrets
    counts = _Counts()
    cases = [_case(rng) for _ in range(new_cases)]
    for case in cases:
        counts.add("CASES_NEW", case.category)
        counts.add("CASES_SUBCATEGORY", case.category, case.subcategory)
        counts.add("CASES_CROSS_BORDER", case.category, "yes" if case.cross_border else "no")
        for country in case.countries:
            counts.cells.setdefault("CASES_COUNTRIES", Counter())[(country,)] += 1
        if case.countries:
            counts.cells["CASES_COUNTRIES"][(T,)] += 1
        for age, sex in zip(case.ages, case.sexes, strict=True):
            counts.add("CHILDREN_AGE", case.category, _band(age))
            counts.add("CHILDREN_SEX", case.category, sex)
        counts.cells.setdefault("CASES_REASON", Counter())[(T,)] += 1
        for reason in case.reasons:
            counts.cells["CASES_REASON"][(reason,)] += 1
        if case.category == "runaway":
            counts.add("RUNAWAY_REPEAT", "repeat" if case.repeat else "first")
    carried = [_case(rng) for _ in range(int(new_cases * 0.42))]
    for case in carried:
        counts.add("CASES_CARRIED_OVER", case.category)
        case.closed = "earlier" if rng.random() < 0.9 else None
    durations: dict[str, list[int]] = {}
    for case in [*cases, *carried]:
        if case.closed is None:
            continue
        counts.add("CASES_CLOSED", case.category, case.closed)
        counts.add("CASES_OUTCOME", case.category, case.outcome)
        if case.outcome != "still_missing":
            counts.add("CASES_DURATION", case.category, _duration(case.days))
            durations.setdefault(case.category, []).append(case.days)
            durations.setdefault(T, []).append(case.days)
    contacts = new_cases * 10 + rng.randint(0, new_cases)
    for _ in range(contacts):
        counts.add("CONTACTS_CHANNEL", _pick(rng, CHANNELS))
        counts.add(
            "CONTACTS_TYPE",
            _pick(rng, {"new_case": 10, "existing_case": 35, "information": 25, "prevention": 5,
                        "support": 12, "silent": 10, "other": 3}),
        )  # fmt: skip
        counts.add("CONTACTS_CALLER_RECORDED", "yes" if rng.random() < 0.62 else "no")
    requests = max(1, new_cases // 12)
    for _ in range(requests):
        counts.add(
            "REQUESTS_SENT",
            _pick(rng, {"locate": 45, "police": 15, "support": 20, "publicity": 8,
                        "facilities": 4, "mediation": 5, "take_over": 3}),
        )  # fmt: skip
        counts.add("REQUESTS_RECEIVED", _pick(rng, {"in_time": 82, "late": 14, "not_yet": 4}))
    _publicity(random.Random(f"publicity-{seed}"), counts, new_cases)  # noqa: S311
    figures = _complete(counts)
    ages = [a for case in cases for a in case.ages if a is not None]
    _medians(figures, cases, durations, ages)
    figures.set("REQUESTS_ACK_MEDIAN", (), Decimal(rng.randint(3, 30)))
    return figures


def _publicity(rng: random.Random, counts: _Counts, new_cases: int) -> None:
    """A few child alerts and some tens of appeals, by how they ended (its own random stream,
    so the other indicators are drawn as before)."""
    for _ in range(max(1, new_cases // 60)):
        counts.add(
            "ALERTS",
            _pick(rng, {"child_found": 45, "duration_over": 30, "case_closed": 10,
                        "authority_ended": 15}),
        )  # fmt: skip
    for _ in range(max(2, new_cases // 20)):
        counts.add(
            "APPEALS",
            _pick(rng, {"child_found": 40, "case_closed": 15, "consent_withdrawn": 5,
                        "expired": 25, "by_hotline": 10, d.NOT_ENDED: 5}),
        )  # fmt: skip


def _complete(counts: _Counts) -> Figures:
    """Every cell of every count indicator, zeros included, as a computed return has them."""
    figures = Figures()
    for indicator in CATALOGUE:
        if not indicator.is_count:
            continue
        counter = counts.cells.get(indicator.code, Counter())
        if any(dim.open for dim in indicator.dimensions):
            cells: Iterable[Breakdown] = counter.keys() or [(T,)]
        else:
            cells = product(*[(*dim.codes, T) for dim in indicator.dimensions])
        for breakdown in cells:
            figures.set(indicator.code, breakdown, counter.get(breakdown, 0))
    return figures


def _medians(
    figures: Figures, cases: list[_Case], durations: dict[str, list[int]], ages: list[int]
) -> None:
    by_category: dict[str, list[int]] = {}
    for case in cases:
        for age in case.ages:
            if age is not None:
                by_category.setdefault(case.category, []).append(age)
    for category in (*d.CATEGORY.codes, T):
        values = ages if category == T else by_category.get(category, [])
        if values:
            figures.set("CHILDREN_AGE_MEDIAN", (category,), Decimal(int(stats.median(values))))
        days = durations.get(category, [])
        if days:
            median = Decimal(str(stats.median(days))).quantize(Decimal("0.1"))
            figures.set("CASES_DURATION_MEDIAN", (category,), median)
