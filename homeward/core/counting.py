"""ORM pieces for counting by period across organisations, in one statement and on SQLite and
PostgreSQL alike: each organisation's own period (its calendar days in its own time zone), a
day's number for differences in days, a moment's local date.

Statistics groups thousands of rows by organisation; these let it ask the database once for
all organisations, each with its own bounds, instead of once per organisation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db.models import (
    BooleanField,
    Case,
    DateField,
    DateTimeField,
    Exists,
    Expression,
    F,
    Func,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.functions import (
    Cast,
    ExtractDay,
    ExtractHour,
    ExtractMinute,
    ExtractMonth,
    ExtractSecond,
    ExtractYear,
    TruncDate,
)
from django.db.models.lookups import LessThanOrEqual

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler, _AsSqlType

T = TypeVar("T")
Bounds = Mapping[int, tuple[datetime, datetime]]
"""Organisation id -> its period [start, end) as two moments."""
Moments = Mapping[int, datetime]
"""Organisation id -> one moment of its own (the start of its period)."""

_NOTHING = Q(pk__in=[])


def _grouped(moments: Mapping[int, T]) -> list[tuple[T, list[int]]]:
    """Organisations with the same bounds together (Brussels and Paris share midnight), so the
    statement has a clause per distinct bound, not per organisation."""
    groups: dict[T, list[int]] = defaultdict(list)
    for organisation_id, value in moments.items():
        groups[value].append(organisation_id)
    return sorted(((v, sorted(ids)) for v, ids in groups.items()), key=lambda g: g[1])


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def within(bounds: Bounds, organisation: str, moment: str) -> Q:
    """Rows whose `moment` lies in their organisation's period."""
    spans = {org: (_utc(start), _utc(end)) for org, (start, end) in bounds.items()}
    condition = _NOTHING
    for (start, end), ids in _grouped(spans):
        clause = Q(**{f"{organisation}__in": ids, f"{moment}__gte": start, f"{moment}__lt": end})
        condition = clause if condition is _NOTHING else condition | clause
    return condition


def period_end(bounds: Bounds, organisation: str) -> Case:
    """Each row's organisation's end of period (a moment), to compare with."""
    ends = {org: _utc(end) for org, (_start, end) in bounds.items()}
    whens = [When(**{f"{organisation}__in": ids}, then=Value(end)) for end, ids in _grouped(ends)]
    return Case(*whens, default=Value(None), output_field=DateTimeField())


def before(moments: Moments, organisation: str, moment: str, *, inclusive: bool = False) -> Q:
    """Rows whose `moment` is before their organisation's moment."""
    lookup = "lte" if inclusive else "lt"
    condition = _NOTHING
    for at, ids in _grouped({org: _utc(m) for org, m in moments.items()}):
        clause = Q(**{f"{organisation}__in": ids, f"{moment}__{lookup}": at})
        condition = clause if condition is _NOTHING else condition | clause
    return condition


def zone_of(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


ZONES_SINCE = date(2000, 1, 1)
"""Time zones are told apart by their clocks from this day on (before the 116 000 number was
reserved, so before any record Homeward holds)."""


@lru_cache(maxsize=1024)
def _clock_changes(name: str, until: date) -> tuple[tuple[int, int], ...]:
    """A zone's UTC offset from ZONES_SINCE to `until`, as (moment, offset) at each change (found
    at noon each day, then to the hour): two zones with the same changes show the same local
    date for every moment in that span."""
    zone = zone_of(name)

    def offset(moment: datetime) -> int:
        shift = moment.astimezone(zone).utcoffset()
        return int(shift.total_seconds()) if shift is not None else 0

    moment = datetime.combine(ZONES_SINCE, time(12), tzinfo=UTC)
    current = offset(moment)
    changes = [(0, current)]
    while moment.date() < until:
        following = moment + timedelta(days=1)
        if offset(following) != current:
            while offset(moment) == current:
                moment += timedelta(hours=1)
            current = offset(moment)
            changes.append((int(moment.timestamp()), current))
        moment = following
    return tuple(changes)


def local_date(moment: str, organisation: str, zones: Mapping[int, str], until: date) -> Expression:
    """The calendar date of `moment` (up to the day `until`) in its organisation's time zone.
    Organisations whose zones keep the same clock (Brussels, Paris, Rome…) share one branch, so
    the expression has a branch per clock, not per organisation: it is repeated wherever the
    date is used, and PostgreSQL compiles it (JIT) for every statement."""
    clocks: dict[tuple[tuple[int, int], ...], tuple[str, list[int]]] = {}
    for name, ids in _grouped({org: str(zone) for org, zone in zones.items()}):
        _first, members = clocks.setdefault(_clock_changes(name, until), (name, []))
        members.extend(ids)
    whens = [
        When(**{f"{organisation}__in": sorted(ids)}, then=TruncDate(moment, tzinfo=zone_of(name)))
        for name, ids in clocks.values()
    ]
    by_clock = Case(*whens, default=TruncDate(moment, tzinfo=UTC))
    known = all(zone_of(str(name)).key == name for name in zones.values())
    return _LocalDate(moment, f"{organisation}__time_zone", by_clock, zones_known=known)


class _PostgresOrPortable(Func):
    """An expression PostgreSQL computes in a short form of its own (`as_postgresql`), and
    every database in the portable form given as the last source expression."""

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> _AsSqlType:
        return compiler.compile(self.get_source_expressions()[-1])


class _LocalDate(_PostgresOrPortable):
    """`local_date` as PostgreSQL computes it: the moment converted by its organisation's own
    `time_zone` column, `(timezone(zone, moment))::date`, one short expression whatever the
    number of clocks. Other databases know no time zones of their own and get `by_clock`, the
    CASE with a branch per clock; so does PostgreSQL when a zone is not one Python knows (such
    an organisation is counted in UTC, where PostgreSQL would refuse the name).

    Measured on 2.5 million cases (docs/benchmarks.md, "Statistics"): even with a branch per
    clock, the JIT compilation of the children's and the closures' statements took longer than
    running them (EXPLAIN ANALYZE: 13 s and 11 s of JIT over the leader and two workers)."""

    output_field = DateField()

    def __init__(self, moment: str, zone: str, by_clock: Expression, *, zones_known: bool) -> None:
        super().__init__(F(moment), F(zone), by_clock)
        self.by_clock = by_clock
        self.zones_known = zones_known

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> _AsSqlType:
        moment, zone, by_clock = self.get_source_expressions()
        if not self.zones_known:
            return compiler.compile(by_clock)
        converted = Func(zone, moment, function="timezone", output_field=DateTimeField())
        return compiler.compile(Cast(converted, DateField()))


def whole(expression: Expression) -> Cast:
    """An integer (PostgreSQL's EXTRACT gives a numeric, whose division is not an integer
    division)."""
    return Cast(expression, IntegerField())


def day_number(day: Expression | str) -> Expression:
    """The number of a date's day, counted in the database (so that differences in days need
    no vendor's date arithmetic in the callers): on PostgreSQL the days since 1970-01-01, on
    other databases the day's number in the proleptic Gregorian calendar, with March-based
    years as in H. Hinnant's `days_from_civil`. Only differences are meaningful."""
    expression = F(day) if isinstance(day, str) else day
    return _DayNumber(expression, _civil_day_number(expression))


class _DayNumber(_PostgresOrPortable):
    """`day_number` as PostgreSQL computes it, `(day - DATE '1970-01-01')`, a whole number of
    days; elsewhere the civil formula, which names its date ten times (the case's day, inside
    it, made the JIT compilation of the ages and the closures take seconds). Every day of a
    statement is counted the same way, and only differences are used."""

    output_field = IntegerField()

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> _AsSqlType:
        day = self.get_source_expressions()[0]
        return compiler.compile(Func(day, template="(%(expressions)s - DATE '1970-01-01')"))


def _civil_day_number(expression: Expression | F) -> Expression:
    year, month = whole(ExtractYear(expression)), whole(ExtractMonth(expression))
    shifted = Case(
        When(LessThanOrEqual(month, 2), then=year - Value(1)),
        default=year,
        output_field=IntegerField(),
    )
    month_index = Case(
        When(LessThanOrEqual(month, 2), then=month + Value(9)),
        default=month - Value(3),
        output_field=IntegerField(),
    )
    return (
        Value(365) * shifted
        + shifted / Value(4)
        - shifted / Value(100)
        + shifted / Value(400)
        + (Value(153) * month_index + Value(2)) / Value(5)
        + whole(ExtractDay(expression))
    )


def seconds_of_day(moment: str) -> Expression:
    """Seconds since midnight UTC of a moment (whole seconds)."""
    return (
        whole(ExtractHour(moment, tzinfo=UTC)) * Value(3600)
        + whole(ExtractMinute(moment, tzinfo=UTC)) * Value(60)
        + whole(ExtractSecond(moment, tzinfo=UTC))
    )


def utc_date(moment: str) -> Expression:
    return TruncDate(moment, tzinfo=UTC)


def floor_divide(numerator: Expression, denominator: int, *, least: int) -> Expression:
    """Python's `//` for a numerator not below `least` (the database's integer division
    truncates towards zero): shifted up by a whole multiple of the denominator, divided, shifted
    back, so that the numerator's expression appears once."""
    shift = -(least // denominator) if least < 0 else 0
    return (numerator + Value(shift * denominator)) / Value(denominator) - Value(shift)


def date_number(day: Expression | F) -> Expression:
    """A date as the number YYYYMMDD: whole years between two dates are the difference of their
    numbers // 10,000 (a birthday not reached yet takes one off)."""
    return (
        whole(ExtractYear(day)) * Value(10000)
        + whole(ExtractMonth(day)) * Value(100)
        + whole(ExtractDay(day))
    )


def flag(condition: Q | Exists) -> Case:
    """True where the condition holds, False elsewhere (a column to group by)."""
    return Case(
        When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
    )
