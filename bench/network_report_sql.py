"""The benchmark's baseline for the network report: every indicator of the catalogue, every cell,
for every given hotline, by hand-written SQL GROUP BY statements, one per indicator family, then
added up into cells and totals in Python. Written from the definitions in
`homeward/statistics/catalogue.py` and docs/statistics.md, not from the app's code, so that the
check in bench/network_report.py compares two independent answers.

It lives in bench/ only: the app computes the same through the ORM and has no SQL of its own.

Each hotline counts over its own period: from midnight on `start` to midnight on `end` in its
time zone (UTC when the zone is unknown), passed to every statement as a `periods` table of
(organisation, first moment, end moment, zone). PostgreSQL does the date arithmetic itself;
SQLite, which has no time zones, gets two small functions for it (`_SQLite`), so that the
unit test runs the same statements on both.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from itertools import product
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from homeward.statistics.catalogue import BY_CODE, CATALOGUE

Cells = dict[tuple[int, str, str], Decimal]
TOTAL = "_T"


class _Postgres:
    def local_date(self, moment: str) -> str:
        return f"({moment} AT TIME ZONE p.zone)::date"

    def days(self, later: str, earlier: str) -> str:
        return f"({later} - {earlier})"

    def year(self, day: str) -> str:
        return f"EXTRACT(YEAR FROM {day})::int"

    def age(self, day: str, born: str) -> str:
        return f"date_part('year', age({day}, {born}))::int"

    def years_since(self, day: str, then: str) -> str:
        """Whole years of 365 days from `then` to `day`, rounded down (also before `then`)."""
        return f"FLOOR(({day} - {then}) / 365.0)::int"

    def minutes(self, later: str, earlier: str) -> str:
        return f"FLOOR(EXTRACT(EPOCH FROM ({later} - {earlier})) / 60)::int"

    def reasons(self) -> tuple[str, str]:
        array = "CASE WHEN jsonb_typeof(c.reasons) = 'array' THEN c.reasons ELSE '[]' END"
        return f"CROSS JOIN LATERAL jsonb_array_elements_text({array}) AS r(reason)", "r.reason"


class _SQLite(_Postgres):
    """SQLite keeps moments as UTC text and knows no time zone: the local date and the minutes
    between two moments are Python functions registered on the connection."""

    def local_date(self, moment: str) -> str:
        return f"bench_local_date({moment}, p.zone)"

    def days(self, later: str, earlier: str) -> str:
        return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"

    def year(self, day: str) -> str:
        return f"CAST(strftime('%Y', {day}) AS INTEGER)"

    def age(self, day: str, born: str) -> str:
        return (
            f"({self.year(day)} - {self.year(born)}"
            f" - (strftime('%m-%d', {day}) < strftime('%m-%d', {born})))"
        )

    def years_since(self, day: str, then: str) -> str:
        days = self.days(day, then)
        return f"(CASE WHEN {days} >= 0 THEN {days} / 365 ELSE -((364 - {days}) / 365) END)"

    def minutes(self, later: str, earlier: str) -> str:
        return f"bench_minutes({later}, {earlier})"

    def reasons(self) -> tuple[str, str]:
        array = "CASE WHEN json_type(c.reasons) = 'array' THEN c.reasons ELSE '[]' END"
        return f"JOIN json_each({array}) AS r", "r.value"

    @staticmethod
    def register(raw: Any) -> None:
        def moment(text: str) -> datetime:
            return datetime.fromisoformat(text).replace(tzinfo=UTC)

        def local_date(text: str | None, zone: str) -> str | None:
            if text is None:
                return None
            return moment(text).astimezone(ZoneInfo(zone)).date().isoformat()

        def minutes(later: str | None, earlier: str | None) -> int | None:
            if later is None or earlier is None:
                return None
            return int((moment(later) - moment(earlier)).total_seconds() // 60)

        raw.create_function("bench_local_date", 2, local_date, deterministic=True)
        raw.create_function("bench_minutes", 2, minutes, deterministic=True)


def _statements(sql: _Postgres) -> dict[str, str]:
    in_period = "{m} >= p.lo AND {m} < p.hi"
    case_day = f"COALESCE(c.disappeared_on, {sql.local_date('c.reported_at')})"
    reasons_join, reason = sql.reasons()
    return {
        "contacts": f"""
            SELECT c.organisation_id, c.channel, c.contact_type,
                   CASE WHEN c.caller_consent AND (c.caller_name <> '' OR c.caller_phone <> ''
                             OR c.caller_email <> '') THEN 1 ELSE 0 END,
                   COUNT(*)
            FROM cases_contact c JOIN periods p ON p.org = c.organisation_id
            WHERE {in_period.format(m="c.started_at")}
            GROUP BY 1, 2, 3, 4""",
        "new_cases": f"""
            SELECT c.organisation_id, c.category, c.subcategory, c.is_cross_border,
                   c.last_seen_country, pa.suspected_destination,
                   COALESCE(
                       (SELECT o.country FROM crossborder_cooperationrequest r
                        JOIN organisations_organisation o ON o.id = r.receiver_id
                        WHERE r.case_id = c.id AND r.sent_at IS NOT NULL
                        ORDER BY r.sent_at, r.id LIMIT 1),
                       (SELECT o.country FROM crossborder_cooperationrequest r
                        JOIN organisations_organisation o ON o.id = r.sender_id
                        WHERE r.receiver_case_id = c.id AND r.sent_at IS NOT NULL
                        ORDER BY r.sent_at, r.id LIMIT 1)),
                   COUNT(*)
            FROM cases_case c JOIN periods p ON p.org = c.organisation_id
            LEFT JOIN cases_parentalabductiondetails pa ON pa.case_id = c.id
            WHERE {in_period.format(m="c.reported_at")}
            GROUP BY 1, 2, 3, 4, 5, 6, 7""",
        "reasons": f"""
            SELECT c.organisation_id, {reason}, COUNT(DISTINCT c.id)
            FROM cases_case c JOIN periods p ON p.org = c.organisation_id {reasons_join}
            WHERE {in_period.format(m="c.reported_at")}
            GROUP BY 1, 2""",
        "repeats": f"""
            SELECT c.organisation_id,
                   CASE WHEN COALESCE(rd.previous_episodes, 0) > 0 OR EXISTS (
                       SELECT 1 FROM cases_casechild mine
                       JOIN cases_casechild theirs ON theirs.child_id = mine.child_id
                       JOIN cases_case e ON e.id = theirs.case_id
                       WHERE mine.case_id = c.id AND e.category = 'runaway'
                         AND e.reported_at < c.reported_at) THEN 1 ELSE 0 END,
                   COUNT(*)
            FROM cases_case c JOIN periods p ON p.org = c.organisation_id
            LEFT JOIN cases_runawaydetails rd ON rd.case_id = c.id
            WHERE c.category = 'runaway' AND {in_period.format(m="c.reported_at")}
            GROUP BY 1, 2""",
        "carried_over": """
            SELECT c.organisation_id, c.category, COUNT(*)
            FROM cases_case c JOIN periods p ON p.org = c.organisation_id
            WHERE c.reported_at < p.lo AND (c.closed_at IS NULL OR c.closed_at >= p.lo)
              AND NOT EXISTS (
                  SELECT 1 FROM cases_closure cl
                  WHERE cl.case_id = c.id AND cl.state = 'approved' AND cl.decided_at < p.lo
                    AND NOT EXISTS (
                        SELECT 1 FROM cases_timelineevent t
                        WHERE t.case_id = c.id AND t.kind = 'status' AND t.message = 'reopened'
                          AND t.occurred_at > cl.decided_at AND t.occurred_at < p.lo))
            GROUP BY 1, 2""",
        "children": f"""
            SELECT x.organisation_id, x.category, ch.sex,
                   CASE WHEN ch.birth_precision = 'exact' AND ch.birth_date IS NOT NULL
                            THEN {sql.age("x.day", "ch.birth_date")}
                        WHEN ch.birth_precision = 'year' AND ch.birth_year IS NOT NULL
                            THEN {sql.year("x.day")} - ch.birth_year
                        WHEN ch.estimated_age IS NOT NULL AND ch.age_estimated_on IS NOT NULL
                            THEN ch.estimated_age
                                 + {sql.years_since("x.day", "ch.age_estimated_on")}
                   END,
                   COUNT(*)
            FROM (SELECT c.id, c.organisation_id, c.category, {case_day} AS day
                  FROM cases_case c JOIN periods p ON p.org = c.organisation_id
                  WHERE {in_period.format(m="c.reported_at")}) x
            JOIN cases_casechild cc ON cc.case_id = x.id
            JOIN cases_child ch ON ch.id = cc.child_id
            GROUP BY 1, 2, 3, 4""",
        "closures": f"""
            SELECT c.organisation_id, c.category,
                   CASE WHEN {in_period.format(m="c.reported_at")} THEN 1 ELSE 0 END,
                   cl.outcome,
                   CASE WHEN cl.outcome <> 'still_missing' AND cl.found_on IS NOT NULL
                        THEN {sql.days("cl.found_on", case_day)} END,
                   COUNT(*)
            FROM cases_closure cl JOIN cases_case c ON c.id = cl.case_id
            JOIN periods p ON p.org = c.organisation_id
            WHERE cl.state = 'approved' AND {in_period.format(m="cl.decided_at")}
              AND NOT EXISTS (
                  SELECT 1 FROM cases_closure later
                  WHERE later.case_id = cl.case_id AND later.state = 'approved'
                    AND {in_period.format(m="later.decided_at")}
                    AND (later.decided_at > cl.decided_at
                         OR (later.decided_at = cl.decided_at AND later.id > cl.id)))
            GROUP BY 1, 2, 3, 4, 5""",
        "requests_sent": f"""
            SELECT r.sender_id, r.request_type, COUNT(*)
            FROM crossborder_cooperationrequest r JOIN periods p ON p.org = r.sender_id
            WHERE {in_period.format(m="r.sent_at")}
            GROUP BY 1, 2""",
        "requests_received": f"""
            SELECT r.receiver_id,
                   CASE WHEN r.acknowledged_at IS NULL THEN 'not_yet'
                        WHEN r.acknowledged_at <= r.acknowledge_due_at THEN 'in_time'
                        ELSE 'late' END,
                   {sql.minutes("r.acknowledged_at", "r.sent_at")},
                   COUNT(*)
            FROM crossborder_cooperationrequest r JOIN periods p ON p.org = r.receiver_id
            WHERE {in_period.format(m="r.sent_at")}
            GROUP BY 1, 2, 3""",
    }


class _Cells:
    """Counts per cell, each added into the totals it is part of; distributions for medians."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[int, str, tuple[str, ...]]] = Counter()
        self.observed: dict[tuple[int, str, tuple[str, ...]], Counter[int]] = defaultdict(Counter)

    def add(self, org: int, code: str, cell: tuple[str, ...], n: int) -> None:
        """In the cell and, for an additive indicator, in every total over its dimensions."""
        cells = product(*((c, TOTAL) for c in cell)) if BY_CODE[code].additive else [cell]
        for each in cells:
            self.counts[org, code, tuple(each)] += n

    def observe(self, org: int, code: str, cell: tuple[str, ...], value: int, n: int) -> None:
        for each in product(*((c, TOTAL) for c in cell)):
            self.observed[org, code, tuple(each)][value] += n

    def result(self, organisation_ids: Sequence[int]) -> Cells:
        found: Cells = {}
        for org in organisation_ids:
            for indicator in CATALOGUE:
                if not indicator.is_count:
                    continue
                axes = [
                    (TOTAL,) if dim.open else (*dim.codes, TOTAL) for dim in indicator.dimensions
                ]
                for cell in product(*axes):
                    found[org, indicator.code, ".".join(cell)] = Decimal(0)
        for (org, code, cell), n in self.counts.items():
            found[org, code, ".".join(cell)] = Decimal(n)
        for (org, code, cell), values in self.observed.items():
            middle = _median(values)
            if code == "REQUESTS_ACK_MEDIAN":
                middle /= 60  # minutes into hours
            found[org, code, ".".join(cell)] = middle.quantize(Decimal("0.1"), ROUND_HALF_UP)
        return found


def _median(values: Counter[int]) -> Decimal:
    ordered = sorted(values.elements())
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return Decimal(ordered[middle])
    return Decimal(ordered[middle - 1] + ordered[middle]) / 2


def _band(age: int | None) -> str:
    if age is None:
        return "unknown"
    age = max(age, 0)
    for top, code in ((5, "0_5"), (9, "6_9"), (12, "10_12"), (15, "13_15"), (17, "16_17")):
        if age <= top:
            return code
    return "18_plus"


def _duration(days: int) -> str:
    return "lt_1w" if days < 7 else "1w_1m" if days <= 31 else "1m_6m" if days <= 183 else "gt_6m"


def _periods(
    cursor: Any, organisation_ids: Sequence[int], start: date, end: date, adapt: Callable[..., Any]
) -> tuple[str, list[Any], dict[int, str]]:
    """The `periods` table's WITH clause and parameters, and each hotline's own country."""
    marks = ", ".join(["%s"] * len(organisation_ids))
    cursor.execute(
        f"SELECT id, country, time_zone FROM organisations_organisation WHERE id IN ({marks})",
        list(organisation_ids),
    )
    rows, params, countries = [], [], {}
    for org, country, name in cursor.fetchall():
        try:
            zone = ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            zone, name = ZoneInfo("UTC"), "UTC"
        first, after = (datetime.combine(day, time.min, tzinfo=zone) for day in (start, end))
        rows.append("(%s, %s, %s, %s)")
        params += [org, adapt(first.astimezone(UTC)), adapt(after.astimezone(UTC)), name]
        countries[org] = (country or "").upper()
    return f"WITH periods(org, lo, hi, zone) AS (VALUES {', '.join(rows)}) ", params, countries


def figures_by_sql(
    connection: Any, organisation_ids: Sequence[int], start: date, end: date
) -> Cells:
    """(organisation, indicator, breakdown key) → value, for every cell of every indicator."""
    sql: _Postgres = _Postgres()
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        _SQLite.register(connection.connection)
        sql = _SQLite()
    cells = _Cells()
    with connection.cursor() as cursor:
        periods, params, own = _periods(
            cursor, organisation_ids, start, end, connection.ops.adapt_datetimefield_value
        )

        statements = _statements(sql)

        def rows(name: str) -> list[tuple[Any, ...]]:
            cursor.execute(f"/* {name} */ " + periods + statements[name], params)
            return list(cursor.fetchall())

        for org, channel, kind, recorded, n in rows("contacts"):
            cells.add(org, "CONTACTS_CHANNEL", (channel,), n)
            cells.add(org, "CONTACTS_TYPE", (kind,), n)
            cells.add(org, "CONTACTS_CALLER_RECORDED", ("yes" if recorded else "no",), n)
        for org, category, sub, marked, seen, destination, counterpart, n in rows("new_cases"):
            cells.add(org, "CASES_NEW", (category,), n)
            cells.add(org, "CASES_SUBCATEGORY", (category, sub or "unspecified"), n)
            cells.counts[org, "CASES_REASON", (TOTAL,)] += n
            others = {c.upper() for c in (seen, destination, counterpart) if c} - {own[org]}
            cross_border = bool(marked) or bool(others)
            cells.add(org, "CASES_CROSS_BORDER", (category, "yes" if cross_border else "no"), n)
            if cross_border:
                cells.counts[org, "CASES_COUNTRIES", (TOTAL,)] += n
                for country in others or {"unknown"}:
                    cells.add(org, "CASES_COUNTRIES", (country,), n)
        codes = set(BY_CODE["CASES_REASON"].dimensions[0].codes)
        for org, reason, n in rows("reasons"):
            if reason in codes:
                cells.add(org, "CASES_REASON", (reason,), n)
        for org, repeat, n in rows("repeats"):
            cells.add(org, "RUNAWAY_REPEAT", ("repeat" if repeat else "first",), n)
        for org, category, n in rows("carried_over"):
            cells.add(org, "CASES_CARRIED_OVER", (category,), n)
        for org, category, sex, age, n in rows("children"):
            cells.add(org, "CHILDREN_AGE", (category, _band(age)), n)
            cells.add(org, "CHILDREN_SEX", (category, sex), n)
            if age is not None:
                cells.observe(org, "CHILDREN_AGE_MEDIAN", (category,), max(age, 0), n)
        for org, category, this_year, outcome, days, n in rows("closures"):
            reported = "this_year" if this_year else "earlier"
            cells.add(org, "CASES_CLOSED", (category, reported), n)
            cells.add(org, "CASES_OUTCOME", (category, outcome), n)
            if days is not None:
                cells.add(org, "CASES_DURATION", (category, _duration(days)), n)
                cells.observe(org, "CASES_DURATION_MEDIAN", (category,), days, n)
        for org, kind, n in rows("requests_sent"):
            cells.add(org, "REQUESTS_SENT", (kind,), n)
        for org, acknowledged, minutes, n in rows("requests_received"):
            cells.add(org, "REQUESTS_RECEIVED", (acknowledged,), n)
            if minutes is not None:
                cells.observe(org, "REQUESTS_ACK_MEDIAN", (), minutes, n)
    return cells.result(organisation_ids)
