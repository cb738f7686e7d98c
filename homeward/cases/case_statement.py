"""A case with everything its page and the API's answer show, in ONE statement: the case, its
assignee, its section, its children (with their other names), its current risk assessment (with
its assessor and factors) and its closures (with who asked and who decided).

Why SQL: opening a case is the read an operator does most, mid-call, and issue 14's target is a
p95 under 100 ms at 300 paced operators with a third of the hand-written baseline's throughput at
saturation. Built by the ORM (eleven statements with the token and the read's event) a request
cost 15.0 ms of CPU against 2.7 ms for the hand-written statement it replaced, nearly all of it
Python composing queries (bench/where_time_goes.py on 1,000,000 cases, 2026-12-07 05:48, table
"Where one request's time goes, 2026-12-07" of docs/benchmarks.md). With this statement a request
takes two statements (the token, then the case with its event) and 4.6 ms of CPU against 1.1 ms
for the one-statement baseline (same tool and database, 2026-12-07 14:31, on a machine loaded by
test suites); docs/benchmarks.md has the load test. The statement is built
once per database from the models' tables and columns (never from input); the database nests the
rows as JSON, and `statements.instance` turns them into objects the one way every hand-written
read does. The same statement runs on PostgreSQL and SQLite: only the names of the JSON functions
differ. `access.read_case` scopes it and records the read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import JSONField, Model

from homeward.cases.actions.cases import SECTION_MODELS
from homeward.cases.models import (
    Case,
    CaseChild,
    Child,
    ChildName,
    Closure,
    MigrationDetails,
    ParentalAbductionDetails,
    RiskAssessment,
    RiskFactor,
    RunawayDetails,
)
from homeward.core.statements import fields_of, instance
from homeward.organisations.models import User

PERSON_FIELDS = ("id", "full_name", "email")
"""What a case's page shows of a colleague; the rest of their User keeps its defaults."""
SECTIONS = tuple(SECTION_MODELS.values())
Section = ParentalAbductionDetails | MigrationDetails | RunawayDetails


@dataclass(frozen=True)
class CaseChildRead:
    """A child of the case, with what belongs to this episode (clothing) and its other names."""

    link: CaseChild
    child: Child
    other_names: list[str]


@dataclass(frozen=True)
class CaseRead:
    """A case with everything its page and the API's answer show. `case.assigned_to`,
    `link.child`, `risk.assessed_by` and each closure's people are set; every other relation
    of these instances is read from the database if asked for."""

    case: Case
    section: Section | None
    """The section of the case's category, when it has been filled in."""
    children: list[CaseChildRead]
    risk: RiskAssessment | None
    """The current assessment."""
    risk_factors: list[RiskFactor]
    closures: list[Closure]
    """Newest first."""


def statement() -> str:
    """One row for the case of `id = %s AND organisation_id = %s`, none otherwise: a JSON
    document, as text, that `case_read` reads."""
    return _statement(connection.vendor)


def case_read(document: str) -> CaseRead:
    case_values, assignee, sections, children, risk, closures = json.loads(
        document, parse_float=Decimal
    )
    case = instance(Case, case_values)
    case.assigned_to = None if assignee is None else _person(assignee)
    model = SECTION_MODELS.get(case.category)
    values = None if model is None else sections[SECTIONS.index(model)]
    section = None if model is None or values is None else instance(model, values)
    assessment, factors = _risk(risk)
    read = CaseRead(
        case=case,
        section=section,
        children=[_child(each) for each in children or []],
        risk=assessment,
        risk_factors=factors,
        closures=[_closure(each) for each in closures or []],
    )
    for part in [section, assessment, *read.closures, *(each.link for each in read.children)]:
        if part is not None:
            part.case = case
    return read


def _child(values: list[Any]) -> CaseChildRead:
    link_values, child_values, other_names = values
    link = instance(CaseChild, link_values)
    link.child = instance(Child, child_values)
    return CaseChildRead(link=link, child=link.child, other_names=other_names or [])


def _risk(values: list[Any] | None) -> tuple[RiskAssessment | None, list[RiskFactor]]:
    if values is None:
        return None, []
    assessment_values, assessor, factors = values
    assessment = instance(RiskAssessment, assessment_values)
    assessment.assessed_by = _person(assessor)
    return assessment, [instance(RiskFactor, factor) for factor in factors or []]


def _closure(values: list[Any]) -> Closure:
    closure_values, requested_by, decided_by = values
    closure = instance(Closure, closure_values)
    closure.requested_by = _person(requested_by)
    closure.decided_by = None if decided_by is None else _person(decided_by)
    return closure


def _person(values: list[Any]) -> User:
    return instance(User, values, PERSON_FIELDS)


# (array of values, aggregate of rows into an array, a JSON value kept as JSON when nested, the
# document as text)
_FUNCTIONS = {
    "postgresql": ("json_build_array", "json_agg", "{}", "{}::text"),
    "sqlite": ("json_array", "json_group_array", "json({})", "{}"),
}


@cache
def _statement(vendor: str) -> str:
    array, aggregate, nested, text = _FUNCTIONS[vendor]
    quote = connection.ops.quote_name

    def table(model: type[Model]) -> str:
        return quote(model._meta.db_table)

    def values(model: type[Model], alias: str, names: tuple[str, ...] | None = None) -> str:
        def column(field: Any) -> str:
            name = f"{alias}.{quote(field.column)}"
            return nested.format(name) if isinstance(field, JSONField) else name

        return f"{array}({', '.join(column(f) for f in fields_of(model, names))})"

    def rows(select: str, *, of_json: bool = True) -> str:
        """A JSON array of the column `v` of `select`'s rows, in its order."""
        value = nested.format("r.v") if of_json else "r.v"
        return f"(SELECT {aggregate}({value}) FROM ({select}) r)"

    def person(column: str) -> str:
        return nested.format(
            f"(SELECT {values(User, 'u', PERSON_FIELDS)} FROM {table(User)} u "
            f"WHERE u.id = {column})"
        )

    sections = [
        f"(SELECT {values(model, 's')} FROM {table(model)} s WHERE s.case_id = c.id)"
        for model in SECTIONS
    ]
    other_names = rows(
        f"SELECT n.value AS v FROM {table(ChildName)} n WHERE n.child_id = ch.id ORDER BY n.id",
        of_json=False,
    )
    children = rows(
        f"SELECT {array}({values(CaseChild, 'cc')}, {values(Child, 'ch')}, "
        f"{nested.format(other_names)}) AS v "
        f"FROM {table(CaseChild)} cc JOIN {table(Child)} ch ON ch.id = cc.child_id "
        "WHERE cc.case_id = c.id ORDER BY cc.added_at, cc.id"
    )
    factors = rows(
        f"SELECT {values(RiskFactor, 'f')} AS v FROM {table(RiskFactor)} f "
        "WHERE f.assessment_id = a.id ORDER BY f.id"
    )
    risk = (
        f"(SELECT {array}({values(RiskAssessment, 'a')}, {person('a.assessed_by_id')}, "
        f"{nested.format(factors)}) FROM {table(RiskAssessment)} a "
        "WHERE a.case_id = c.id ORDER BY a.assessed_at DESC, a.id DESC LIMIT 1)"
    )
    closures = rows(
        f"SELECT {array}({values(Closure, 'cl')}, {person('cl.requested_by_id')}, "
        f"{person('cl.decided_by_id')}) AS v FROM {table(Closure)} cl "
        "WHERE cl.case_id = c.id ORDER BY cl.requested_at DESC, cl.id DESC"
    )
    parts = [
        values(Case, "c"),
        person("c.assigned_to_id"),
        f"{array}({', '.join(nested.format(s) for s in sections)})",
        nested.format(children),
        nested.format(risk),
        nested.format(closures),
    ]
    document = text.format(f"{array}({', '.join(parts)})")
    return (
        f"SELECT {document} AS document FROM {table(Case)} c "
        "WHERE c.id = %s AND c.organisation_id = %s"
    )
