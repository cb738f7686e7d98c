"""Children and cases planned from the shapes (shapes.py): a hotline's children, their
episodes, reports and contacts, drawn with one random generator so a seed gives the same
network. Both the demo seeded through the actions (cases.py) and the bulk path (bulk.py) plan
with it."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from homeward.cases.choices import (
    BirthPrecision,
    Category,
    Outcome,
    Reason,
    Sex,
    Subcategory,
)
from homeward.demo.network import NAMES, Country
from homeward.demo.shapes import (
    AGE,
    CALLER,
    CAPITALS,
    CATEGORY,
    CHANNEL,
    CROSS_BORDER,
    DAYS_WITHIN_WEEK,
    DURATION,
    FACTORS,
    FEMALE_SHARE,
    MIGRANT_NAMES,
    MIGRANT_NATIONALITY,
    MIGRANT_ORIGINS,
    NOT_FOUND,
    OUTCOME,
    PLACES,
    REASONS,
    RISK,
    SUBCATEGORY,
    SUMMARY,
    TIMELINE_SHARES,
)

_SCRIPT = {"el": "greek", "bg": "cyrillic", "sr": "cyrillic", "uk": "cyrillic"}
_POOLS: dict[str, list[str]] = {}
for _language in NAMES:
    _POOLS.setdefault(_SCRIPT.get(_language, "latin"), []).append(_language)
MIXED_NAME_SHARE = 0.25
CLOSURE_AFTER_FOUND = (0, 1, 1, 2, 3, 5, 8, 13, 21, 30, 45, 60, 90, 120)
"""Days from the child found to the closure asked for (return interview, support, papers):
the cases a year starts with are mostly last autumn's, not yet closed."""
STILL_MISSING_CLOSED = 0.85
"""Share of the cases of a child still missing after 200 days that were closed (the rest stay
open on the desk, as long-term cases do)."""


@dataclass(eq=False)
class ChildPlan:
    """A child as the generator pictures them; reused by a repeat episode."""

    given_names: str
    family_name: str
    sex: str
    birth_date: date
    birth_precision: str = BirthPrecision.EXACT
    original_script_name: str = ""
    other_names: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    family_entry: tuple[str, str] | None = None
    db_id: int | None = None
    episodes: int = 0
    free_from: date | None = None  # the last episode ended (None while still missing)


def local_child(
    rng: random.Random,
    languages: Sequence[str],
    female: bool,
    born: date,
    country: str,
    family_entry: tuple[str, str] | None = None,
) -> ChildPlan:
    """A child named in a language of the hotline; sometimes with names from another language
    of the same script (families move, names travel). A sibling shares `family_entry`
    (language, "masculine/feminine" family name)."""
    language = languages[0] if rng.random() < 0.7 else rng.choice(languages)
    language = language if language in NAMES else "en"
    pool = _POOLS[_SCRIPT.get(language, "latin")]
    given_language = rng.choice(pool) if rng.random() < MIXED_NAME_SHARE else language
    family_language = rng.choice(pool) if rng.random() < MIXED_NAME_SHARE else language
    entry = family_entry or (family_language, rng.choice(NAMES[family_language].family))
    masculine, _, feminine = entry[1].partition("/")
    names = NAMES[given_language]
    given = rng.choice(names.female if female else names.male)
    if rng.random() < 0.15:  # a second given name
        second = rng.choice(names.female if female else names.male)
        given = f"{given} {second}" if second != given else given
    return ChildPlan(
        given_names=given,
        family_name=(feminine or masculine) if female else masculine,
        sex=Sex.FEMALE if female else Sex.MALE,
        birth_date=born,
        nationalities=(country,),
        languages=(language,),
        family_entry=entry,
    )


def migrant_child(rng: random.Random, female: bool, born: date) -> ChildPlan:
    origin = MIGRANT_ORIGINS(rng)
    names = MIGRANT_NAMES[origin]
    given, given_original, given_others = rng.choice(names["female" if female else "male"])
    family, family_original, family_others = rng.choice(names["family"])
    other_names = []
    if given_others or family_others:
        for _ in range(rng.randint(1, 2)):
            form = (
                f"{rng.choice(given_others or (given,))} {rng.choice(family_others or (family,))}"
            )
            if form != f"{given} {family}" and form not in other_names:
                other_names.append(form)
    precision = BirthPrecision.YEAR if rng.random() < 0.6 else BirthPrecision.EXACT
    return ChildPlan(
        given_names=given,
        family_name=family,
        sex=Sex.FEMALE if female else Sex.MALE,
        birth_date=born,
        birth_precision=precision,
        original_script_name=f"{given_original} {family_original}",
        other_names=tuple(other_names),
        nationalities=(rng.choice(MIGRANT_NATIONALITY[origin]),),
        languages=(origin,),
    )


@dataclass
class CasePlan:
    """One case as the generator pictures it, before it is written."""

    category: str
    subcategory: str
    reported_at: datetime
    disappeared_on: date
    is_cross_border: bool
    children: list[ChildPlan]
    risk_grade: str
    risk_factors: list[str]
    reasons: list[str]
    summary: str
    caller: str
    channel: str
    found_on: date | None  # None: not found (yet)
    outcome: str
    closure_requested_on: date | None
    closure_decided_on: date | None
    still_missing_closed: bool = False
    follow_ups: int = 0
    timeline: list[str] = field(default_factory=list)
    last_seen: str = ""
    previous_episodes: int = 0


def birth_for_age(rng: random.Random, age: int, on: date) -> date:
    """A birthday that makes the child exactly `age` on the day (leap years counted)."""
    year = on.year - age
    latest = on.replace(year=year) if (on.month, on.day) != (2, 29) else date(year, 2, 28)
    return latest - timedelta(days=rng.randint(0, 364))


def duration_days(rng: random.Random, category: str) -> int:
    low, high = DURATION[category](rng)
    return DAYS_WITHIN_WEEK(rng) if low == 0 else rng.randint(low, high)


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class HotlinePlanner:
    """Plans the cases of one hotline in the order they were reported, so that a runaway's
    later episode follows the earlier one's end."""

    REPEAT_SHARE = 0.24  # of runaway cases: ~27% of runaway children have a second episode

    def __init__(self, rng: random.Random, country: Country, today: date) -> None:
        self.rng = rng
        self.country = country
        self.today = today
        self.runaways: list[ChildPlan] = []

    def _repeat_child(self, disappeared: date) -> ChildPlan | None:
        rng = self.rng
        if not self.runaways or rng.random() >= self.REPEAT_SHARE:
            return None
        for child in rng.sample(self.runaways, min(6, len(self.runaways))):
            if (
                child.free_from is not None
                and child.free_from + timedelta(days=7) < disappeared
                and age_on(child.birth_date, disappeared) < 18
                and (child.episodes < 2 or rng.random() < 0.2)
            ):
                return child
        return None

    def plan(self, reported_at: datetime) -> CasePlan:
        rng = self.rng
        category = CATEGORY(rng)
        subcategory = SUBCATEGORY[category](rng) if category in SUBCATEGORY else ""
        reported_on = reported_at.date()
        disappeared = reported_on - timedelta(days=rng.choice((0, 0, 0, 1, 1, 2)))
        female = rng.random() < FEMALE_SHARE[category]
        children: list[ChildPlan] = []
        repeat = self._repeat_child(disappeared) if category == Category.RUNAWAY else None
        if repeat is not None:
            children.append(repeat)
        elif category == Category.MIGRANT:
            age = AGE[category](rng)
            children.append(migrant_child(rng, female, birth_for_age(rng, age, disappeared)))
        else:
            age = AGE[category](rng)
            child = local_child(
                rng,
                self.country.languages,
                female,
                birth_for_age(rng, age, disappeared),
                self.country.code,
            )
            children.append(child)
            if category == Category.PARENTAL_ABDUCTION and rng.random() < 0.2:
                sibling_age = min(17, age + rng.randint(1, 5))
                sibling = local_child(
                    rng,
                    child.languages,
                    rng.random() < 0.5,
                    birth_for_age(rng, sibling_age, disappeared),
                    self.country.code,
                    family_entry=child.family_entry,
                )
                children.append(sibling)
        cross_border = subcategory == Subcategory.INTERNATIONAL or rng.random() < CROSS_BORDER.get(
            category, 0.0
        )
        found_on: date | None = None
        if rng.random() >= NOT_FOUND[category]:
            found_on = disappeared + timedelta(days=duration_days(rng, category))
        outcome = OUTCOME[category](rng) if found_on else Outcome.STILL_MISSING
        requested = decided = None
        still_missing_closed = False
        if found_on is not None:
            requested = found_on + timedelta(days=rng.choice(CLOSURE_AFTER_FOUND))
            decided = requested + timedelta(days=rng.choice((0, 0, 1, 1, 2, 4, 7)))
        elif (self.today - disappeared).days > 200 and rng.random() < STILL_MISSING_CLOSED:
            requested = disappeared + timedelta(days=rng.randint(183, 200))
            decided = requested + timedelta(days=rng.randint(0, 5))
            still_missing_closed = True
        found_past = found_on is not None and found_on <= self.today
        for child in children:
            child.episodes += 1
            child.free_from = found_on if found_past else None
            if category == Category.RUNAWAY and child.episodes == 1:
                self.runaways.append(child)
        risk = RISK[category](rng)
        kinds = FACTORS[category]
        count = {"very_low": 0, "low": rng.randint(0, 1), "medium": rng.randint(1, 2)}.get(
            risk, rng.randint(1, 3)
        )
        factors = rng.sample(kinds, min(len(kinds), count))
        reasons: list[str] = []
        if category in REASONS:
            reasons = sorted(set(rng.sample(REASONS[category], rng.randint(0, 2))))
        if category == Category.RUNAWAY and subcategory == Subcategory.FROM_CARE:
            reasons = sorted({*reasons, Reason.PROBLEMS_INSTITUTION})
        timeline = [kind for kind, share in TIMELINE_SHARES if rng.random() < share]
        return CasePlan(
            category=category,
            subcategory=subcategory,
            reported_at=reported_at,
            disappeared_on=disappeared,
            is_cross_border=cross_border,
            children=children,
            risk_grade=risk,
            risk_factors=list(factors),
            reasons=list(reasons),
            summary=rng.choice(SUMMARY[category]),
            caller=CALLER.get(category, CALLER[Category.RUNAWAY])(rng),
            channel=contact_channel(rng),
            found_on=found_on,
            outcome=outcome,
            closure_requested_on=requested,
            closure_decided_on=decided,
            still_missing_closed=still_missing_closed,
            follow_ups=rng.choice((0, 0, 1, 1, 1, 2, 2, 3)),
            timeline=timeline,
            last_seen=f"{CAPITALS.get(self.country.code, '')}, {rng.choice(PLACES)}",
            previous_episodes=(children[0].episodes - 1) if category == Category.RUNAWAY else 0,
        )


def contact_channel(rng: random.Random) -> str:
    return CHANNEL(rng)


def report_times(rng: random.Random, count: int, now: datetime, days: int) -> list[datetime]:
    """`count` report times over the last `days` days, ascending; more in the evening."""
    times = []
    for _ in range(count):
        day = now - timedelta(days=rng.uniform(0.05, days))
        hour = rng.choice((8, 10, 12, 14, 16, 17, 18, 19, 20, 21, 22, 23, 1))
        times.append(day.replace(hour=hour, minute=rng.randint(0, 59), microsecond=0))
    return sorted(t if t < now else now - timedelta(minutes=5) for t in times)
