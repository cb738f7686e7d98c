"""cases/figures.py: what statistics may count. Ages and days are computed in the database; they
must agree with what the case pages compute in Python, on every kind of date of birth and
around the awkward days (29 February, birthdays, year ends, estimates made after the day), and
no function may hand out a personal field."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from homeward.cases import figures
from homeward.cases.models import Case, CaseChild, Child
from homeward.cases.models.child import age_on
from homeward.core import counting
from homeward.organisations.models import Organisation
from homeward.testing.cast import Cast

DAYS = [
    date(2024, 2, 28),
    date(2024, 2, 29),
    date(2024, 3, 1),
    date(2023, 2, 28),
    date(2023, 3, 1),
    date(2025, 12, 31),
    date(2026, 1, 1),
    date(2000, 2, 29),
    date(1999, 12, 31),
]
BIRTHS: list[dict[str, Any]] = [
    {"birth_precision": "exact", "birth_date": date(2012, 2, 29)},
    {"birth_precision": "exact", "birth_date": date(2011, 3, 1)},
    {"birth_precision": "exact", "birth_date": date(2011, 12, 31)},
    {"birth_precision": "exact", "birth_date": date(1995, 1, 1)},
    {"birth_precision": "year", "birth_year": 2010},
    {"birth_precision": "estimated", "estimated_age": 15, "age_estimated_on": date(2024, 2, 29)},
    {"birth_precision": "estimated", "estimated_age": 9, "age_estimated_on": date(2026, 1, 1)},
    {"birth_precision": "estimated", "estimated_age": 3, "age_estimated_on": date(1999, 3, 1)},
    {"birth_precision": "exact"},  # not known
]


def _everything(cast: Cast) -> dict[int, tuple[datetime, datetime]]:
    start, end = datetime(1990, 1, 1, tzinfo=UTC), datetime(2030, 1, 1, tzinfo=UTC)
    return {cast.be.pk: (start, end)}


def _case(cast: Cast, day: date | None, reported: datetime) -> Case:
    return Case.objects.create(
        organisation=cast.be, reference=f"T-{Case.objects.count()}", category="runaway",
        reported_at=reported, disappeared_on=day,
    )  # fmt: skip


def test_ages_in_the_database_are_the_case_pages_ages(cast: Cast) -> None:
    expected: dict[int, int | None] = {}
    for day in DAYS:
        case = _case(cast, day, datetime(2026, 6, 1, tzinfo=UTC))
        for birth in BIRTHS:
            child = Child.objects.create(organisation=cast.be, given_names="Kim", **birth)
            link = CaseChild.objects.create(case=case, child=child, clothing=str(day))
            expected[link.pk] = age_on(child, day)
    # without a day of disappearance: the report's day in Brussels (23:30 UTC is the next day)
    case = _case(cast, None, datetime(2024, 2, 28, 23, 30, tzinfo=UTC))
    child = Child.objects.create(
        organisation=cast.be, given_names="Kim", birth_precision="exact",
        birth_date=date(2012, 2, 29),
    )  # fmt: skip
    link = CaseChild.objects.create(case=case, child=child)
    expected[link.pk] = 12  # on 29 February 2024 in Brussels (11 on the 28th, in UTC)

    rows = figures.children_of_cases_reported(_everything(cast)).values("pk", "age")
    assert {row["pk"]: row["age"] for row in rows} == expected


def test_days_between_dates_in_the_database(cast: Cast) -> None:
    days = [*DAYS, date(1900, 3, 1), date(2100, 12, 31), date(2020, 1, 1)]
    for day in days:
        _case(cast, day, datetime(2024, 1, 1, tzinfo=UTC))
    numbers = [
        (day, number)
        for day, number in Case.objects.filter(organisation=cast.be)
        .annotate(n=counting.day_number("disappeared_on"))
        .values_list("disappeared_on", "n")
        if day is not None
    ]
    assert len(numbers) == len(days)
    first_day, first_number = min(numbers)
    for day, number in numbers:
        assert number - first_number == (day - first_day).days, day


PERSONAL = {
    "given_names",
    "family_name",
    "original_script_name",
    "birth_date",
    "birth_year",
    "estimated_age",
    "age_estimated_on",
    "reference",
    "summary",
    "reporter_name",
    "reporter_phone",
    "reporter_email",
    "caller_name",
    "caller_phone",
    "caller_email",
    "notes",
    "last_seen_locality",
    "last_seen_description",
    "how_found",
    "found_place",
    "police_reference",
}


def test_nothing_personal_is_selected(cast: Cast) -> None:
    bounds = _everything(cast)
    starts = {org: start for org, (start, _end) in bounds.items()}
    selections = {
        "contacts_started": figures.contacts_started(bounds),
        "cases_reported": figures.cases_reported(bounds),
        "cases_open_at": figures.cases_open_at(starts),
        "children_of_cases_reported": figures.children_of_cases_reported(bounds),
        "closures_approved": figures.closures_approved(bounds),
    }
    for name, rows in selections.items():
        selected = set(rows.query.values_select) | set(rows.query.annotation_select)
        assert selected and not selected & PERSONAL, name
        assert "organisation_id" in selected, name


def test_local_dates_in_every_time_zone(cast: Cast) -> None:
    """Organisations whose zones keep the same clock share one branch of the expression; each
    organisation still gets its own local date, around midnight and the clock changes."""
    zones = {
        "BE": "Europe/Brussels",
        "FR": "Europe/Paris",  # the same clock as Brussels: one branch
        "PT": "Europe/Lisbon",
        "FI": "Europe/Helsinki",
        "US": "America/New_York",  # changes its clocks on other Sundays
        "XX": "Not/AZone",  # unknown: UTC
    }
    organisations = {}
    for code, zone in zones.items():
        organisations[code] = Organisation.objects.create(
            name=f"Zone {code}", slug=f"zone-{code.lower()}", kind="hotline", time_zone=zone
        )
    moments = [
        datetime(2025, 3, 30, 0, 30, tzinfo=UTC),  # the EU's spring change is at 01:00 UTC
        datetime(2025, 3, 30, 22, 30, tzinfo=UTC),
        datetime(2025, 3, 9, 4, 30, tzinfo=UTC),  # New York's change is on 9 March
        datetime(2025, 10, 26, 22, 30, tzinfo=UTC),
        datetime(2025, 12, 31, 23, 30, tzinfo=UTC),
        datetime(2026, 1, 1, 3, 30, tzinfo=UTC),
        datetime(2008, 7, 1, 21, 59, tzinfo=UTC),
    ]
    expected = {}
    for code, organisation in organisations.items():
        for moment in moments:
            case = Case.objects.create(
                organisation=organisation, reference=f"Z-{Case.objects.count()}",
                category="runaway", reported_at=moment,
            )  # fmt: skip
            expected[case.pk] = moment.astimezone(counting.zone_of(zones[code])).date()
    names = {o.pk: o.time_zone for o in organisations.values()}
    local = counting.local_date("reported_at", "organisation", names, date(2026, 12, 31))
    found = dict(Case.objects.filter(pk__in=expected).annotate(day=local).values_list("pk", "day"))
    assert found == expected
    branches = local.by_clock.cases  # type: ignore[attr-defined]
    assert len(branches) == 5  # Brussels and Paris together (where the CASE is used)
