"""The API's case list (GET /api/v1/cases without `q`): a page of a hotline's cases, newest
report first, and how many cases match, in ONE statement.

It is the list integrations and dashboards poll. Composed by the ORM, its page and count
queries took three times as long to compose and read as to run; this statement is built from
the models' tables and columns (never from input), once per combination of filters, with every
value a parameter. Callers scope it (access.case_list). The rows are the dicts
schemas_cases.CaseListItemOut reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from django.db import connection

from homeward.cases.models import Case
from homeward.cases.statements import column, converted, converters
from homeward.organisations.models import User

LIST_COLUMNS = (
    "id",
    "reference",
    "category",
    "subcategory",
    "status",
    "risk_grade",
    "is_cross_border",
    "reported_at",
    "disappeared_on",
    "last_seen_country",
    "follow_up_due",
)
"""What a list shows of a case; the rows also have the assignee's id, name and e-mail."""
COLUMNS = (*LIST_COLUMNS, "assigned_to")
ASSIGNEE_COLUMNS = ("full_name", "email")
ROW_KEYS = (
    *LIST_COLUMNS,
    "assigned_to_id",
    *(f"assigned_to__{name}" for name in ASSIGNEE_COLUMNS),
)
# Each filter: its condition on the case table (alias c), one parameter.
CONDITIONS = {
    "status": f"{column(Case, 'status', 'c')} = %s",
    "category": f"{column(Case, 'category', 'c')} = %s",
    "risk_grade": f"{column(Case, 'risk_grade', 'c')} = %s",
    "country": f"{column(Case, 'last_seen_country', 'c')} = %s",  # codes are stored upper-case
    "reported_from": f"{column(Case, 'reported_at', 'c')} >= %s",
    "reported_before": f"{column(Case, 'reported_at', 'c')} < %s",
    "assigned_to": f"{column(Case, 'assigned_to', 'c')} = %s",
}


@dataclass(frozen=True)
class CaseList:
    """The cases of one organisation that meet every filter given (api.pagination.Listing)."""

    organisation_id: int
    status: str = ""
    category: str = ""
    risk_grade: str = ""
    country: str = ""
    reported_from: datetime | None = None
    reported_before: datetime | None = None
    assigned_to: int | None = None

    def _filters(self) -> tuple[tuple[str, ...], list[Any]]:
        given = {
            "status": self.status,
            "category": self.category,
            "risk_grade": self.risk_grade,
            "country": self.country.upper(),
            # as the ORM passes them: SQLite compares UTC text
            "reported_from": connection.ops.adapt_datetimefield_value(self.reported_from),
            "reported_before": connection.ops.adapt_datetimefield_value(self.reported_before),
            "assigned_to": self.assigned_to,
        }
        used = {name: value for name, value in given.items() if value not in ("", None)}
        return tuple(used), [self.organisation_id, *used.values()]

    def page(self, offset: int, size: int) -> tuple[list[dict[str, Any]], int]:
        """The rows from `offset`, at most `size`, and the number of cases matching."""
        filters, params = self._filters()
        with connection.cursor() as cursor:
            cursor.execute(_page_statement(filters), [*params, *params, size, offset])
            rows = cursor.fetchall()
            if not rows:  # past the end: the count came with no row
                cursor.execute(_count_statement(filters), params)
                (count,) = cursor.fetchone() or (0,)
                return [], count
        convert = converters(Case, COLUMNS, connection.alias)
        items = [
            dict(zip(ROW_KEYS, converted(list(row[:-1]), convert), strict=True)) for row in rows
        ]
        return items, rows[0][-1]


def _where(filters: tuple[str, ...]) -> str:
    scope = f"{column(Case, 'organisation', 'c')} = %s"
    return " AND ".join([scope, *(CONDITIONS[name] for name in filters)])


@cache
def _count_statement(filters: tuple[str, ...]) -> str:
    return f"SELECT count(*) FROM {Case._meta.db_table} c WHERE {_where(filters)}"  # noqa: S608 (model names only)


@cache
def _page_statement(filters: tuple[str, ...]) -> str:
    columns = ", ".join(column(Case, name, "c") for name in COLUMNS)
    assignee = ", ".join(column(User, name, "u") for name in ASSIGNEE_COLUMNS)
    join = f"u.{User._meta.pk.column} = {column(Case, 'assigned_to', 'c')}"
    # the count is a subquery of its own (its alias c is its own table), run once
    return (
        f"SELECT {columns}, {assignee}, ({_count_statement(filters)}) AS total"  # noqa: S608 (model names only)
        f" FROM {Case._meta.db_table} c LEFT JOIN {User._meta.db_table} u ON {join}"
        f" WHERE {_where(filters)}"
        f" ORDER BY {column(Case, 'reported_at', 'c')} DESC, c.{Case._meta.pk.column} DESC"
        " LIMIT %s OFFSET %s"
    )
