"""A case with everything its detail shows, loaded in ONE statement: the case, its assignee, its
section, its children (with their other names), its current risk assessment (with its assessor
and factors) and its closures (with who asked and who decided).

Opening a case is the read an operator does most, mid-call. Built by the ORM it was seven
queries, most of whose time went into composing them in Python; this statement is built once,
from the models' own tables and columns (never from input), and the database nests the rows as
JSON. Each row becomes the instance the ORM would have built (the same field conversions, then
`Model.from_db`), with its relations cached, so the API's schemas read them as before without a
query. The same statement runs on PostgreSQL and SQLite: only the names of the JSON functions
differ. Callers scope it (access.access_case_detail).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import DateTimeField, JSONField, Model

from homeward.cases.actions.cases import SECTION_MODELS
from homeward.cases.models import (
    CHILD_SUMMARY_FIELDS,
    Case,
    CaseChild,
    Child,
    ChildName,
    Closure,
    RiskAssessment,
    RiskFactor,
)
from homeward.organisations.models import User

M = TypeVar("M", bound=Model)

PERSON_FIELDS = ("id", "full_name", "email")
SECTIONS = tuple(SECTION_MODELS.values())


@dataclass
class LoadedChild:
    """A child of the case, with what belongs to this episode (clothing) and its other names."""

    link: CaseChild
    child: Child
    other_names: list[str]


@dataclass
class LoadedCase:
    """The case, its relations cached (assignee, section), and what its detail lists."""

    case: Case
    children: list[LoadedChild]
    risk: RiskAssessment | None
    closures: list[Closure]


def load_case_detail(case_id: int, organisation_id: int) -> LoadedCase | None:
    """The case of that organisation with that id, or None."""
    with connection.cursor() as cursor:
        cursor.execute(*case_detail_query(case_id, organisation_id))
        row = cursor.fetchone()
    return None if row is None else loaded_case(row)


def case_detail_query(case_id: int, organisation_id: int) -> tuple[str, list[int]]:
    """The statement (one row; none for another organisation's case) and its parameters, for a
    caller that runs it another way (access.read_case_detail records the read with it)."""
    return _statement(connection.vendor), [case_id, organisation_id]


def loaded_case(row: Sequence[Any]) -> LoadedCase:
    """The case from the statement's row."""
    return _build(json.loads(row[0], parse_float=Decimal))


def _build(document: list[Any]) -> LoadedCase:
    case_values, assignee, sections, children, risk, closures = document
    case = _instance(Case, case_values)
    _cache(case, "assigned_to", _person(assignee))
    for model, values in zip(SECTIONS, sections, strict=True):
        section = None if values is None else _instance(model, values)
        if section is not None:
            _cache(section, "case", case)
        _cache(case, model._meta.get_field("case").related_query_name(), section)
    return LoadedCase(
        case=case,
        children=[_child(values) for values in children or []],
        risk=None if risk is None else _risk(risk),
        closures=[_closure(case, values) for values in closures or []],
    )


def _child(values: list[Any]) -> LoadedChild:
    link_values, child_values, other_names = values
    link = _instance(CaseChild, link_values)
    child = _instance(Child, child_values, CHILD_SUMMARY_FIELDS)
    _cache(link, "child", child)
    return LoadedChild(link=link, child=child, other_names=other_names or [])


def _risk(values: list[Any]) -> RiskAssessment:
    assessment_values, assessor, factors = values
    assessment = _instance(RiskAssessment, assessment_values)
    _cache(assessment, "assessed_by", _person(assessor))
    assessment._prefetched_objects_cache = {  # type: ignore[attr-defined]
        "factors": [_instance(RiskFactor, factor) for factor in factors or []]
    }
    return assessment


def _closure(case: Case, values: list[Any]) -> Closure:
    closure_values, requested_by, decided_by = values
    closure = _instance(Closure, closure_values)
    _cache(closure, "case", case)
    _cache(closure, "requested_by", _person(requested_by))
    _cache(closure, "decided_by", _person(decided_by))
    return closure


def _person(values: list[Any] | None) -> User | None:
    return None if values is None else _instance(User, values, PERSON_FIELDS)


def _cache(instance: Model, relation: str, value: Model | None) -> None:
    """As select_related would: the relation then reads `value` (None too) without a query."""
    instance._meta.get_field(relation).set_cached_value(instance, value)  # type: ignore[union-attr]


def _instance(model: type[M], values: Sequence[Any], names: Sequence[str] | None = None) -> M:
    """The instance the ORM would build from these column values, as JSON gives them."""
    fields = _fields(model, names)
    row = [_python(field, value) for field, value in zip(fields, values, strict=True)]
    return model.from_db(DEFAULT_DB_ALIAS, [f.attname for f in fields], row)


def _python(field: Any, value: Any) -> Any:
    if value is None or isinstance(field, JSONField):
        return value
    if isinstance(field, DateTimeField):  # SQLite keeps UTC without saying so
        moment: datetime = field.to_python(value)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return field.to_python(value)


def _fields(model: type[Model], names: Sequence[str] | None) -> list[Any]:
    """The named fields (all the model's columns without names), in the model's column order,
    the order `Model.from_db` takes values in."""
    columns = model._meta.concrete_fields
    return [f for f in columns if f.name in names] if names else list(columns)


# --- the statement ------------------------------------------------------------------------------

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

    def values(model: type[Model], alias: str, names: Sequence[str] | None = None) -> str:
        def column(field: Any) -> str:
            name = f"{alias}.{quote(field.column)}"
            return nested.format(name) if isinstance(field, JSONField) else name

        return f"{array}({', '.join(column(f) for f in _fields(model, names))})"

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
        f"SELECT {array}({values(CaseChild, 'cc')}, {values(Child, 'ch', CHILD_SUMMARY_FIELDS)}, "
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
    return f"SELECT {document} FROM {table(Case)} c WHERE c.id = %s AND c.organisation_id = %s"
