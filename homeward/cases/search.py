"""Finding children and cases by name (in any spelling or script), by reference and by filters.

Results belong to `membership.organisation` only, and the member needs the "view cases"
permission: the functions read through the scoped access functions (cases_of, children_of), or
check that permission first and give the organisation to their written-out statements.
Each call records one audit event `cases.search` naming the filters used, never their values:
the query text is personal data. Opening a child's record is audited separately
(access.view_child); result lists show names only.

Name search (see names.py and docs/name-search.md):
1. the query is cut into tokens, each reduced to keys (spelling, sound, consonants);
2. one statement reads the candidates with their names and other names: the children with a
   key of any required token (a subquery on NameKey, answered from its index on
   (organisation, key, child)), those matching most tokens by the strongest keys first,
   capped at CANDIDATE_CAP; on
   PostgreSQL the same statement appends the search's audit event (rows_with_event);
3. names.rank ranks them; the reasons are put into words for the children shown only;
4. the cases of the children returned are read in one more statement.
Both statements are written out from the models' tables and columns, as composing them with
the ORM took longer than running them (see docs/architecture.md).
The number of queries does not grow with the number of candidates or results.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.audit.actions import record_read, rows_with_event
from homeward.cases import names
from homeward.cases.access import CaseFilter, case_list, cases_of, filtered_cases
from homeward.cases.choices import Status
from homeward.cases.models import CHILD_SUMMARY_FIELDS, Case, CaseChild, Child, ChildName, NameKey
from homeward.cases.models.child import age_on
from homeward.cases.name_index import name_forms
from homeward.cases.urgency import most_urgent_first, urgency_key
from homeward.core.statements import field_of, python_values
from homeward.organisations.access import require_permission
from homeward.organisations.models import Membership, Organisation
from homeward.organisations.roles import Permission

CANDIDATE_CAP = 100
"""At most this many children are ranked per name query (the strongest keys first)."""
CASE_LIMIT = 50
CHILD_LIMIT = 20
BIRTH_YEAR_BOOST = 0.1
BIRTH_YEAR_PENALTY = 0.1
FIRST_REFERENCE_YEAR = 1990

_FULL_REFERENCE = re.compile(r"^([a-z0-9-]{1,4})-(\d{4})-(\d{1,9})$", re.IGNORECASE)
_YEAR_NUMBER = re.compile(r"^(\d{4})-(\d{1,9})$")
_NUMBER = re.compile(r"^#?(\d{1,9})$")


class ChildSummary(NamedTuple):
    """What ranking and a result list need of a child, as read (CHILD_SUMMARY_FIELDS, then
    the other names, oldest first): not a model instance, which would cost more to build for
    hundreds of candidates."""

    id: int
    given_names: str
    family_name: str
    original_script_name: str
    sex: str
    birth_precision: str
    birth_date: date | None
    birth_year: int | None
    estimated_age: int | None
    age_estimated_on: date | None
    other_names: list[str]

    def __str__(self) -> str:
        return " ".join(p for p in (self.given_names, self.family_name) if p) or f"child #{self.id}"

    def age_on(self, day: date) -> int | None:
        return age_on(self, day)

    @property
    def born(self) -> tuple[int, bool] | None:
        return _born(self.birth_date, self.birth_year, self.estimated_age, self.age_estimated_on)


class Episode(NamedTuple):
    """One of a found child's cases, as a result list shows it."""

    id: int
    reference: str
    category: str
    status: str
    reported_at: datetime

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)


@dataclass(frozen=True)
class ChildMatch:
    """A child whose names match: score 0–1, one reason per query token (plus the birth year
    for likely_existing_children), and the child's cases, newest report first."""

    child: ChildSummary
    score: float
    reasons: list[str] = field(default_factory=list)
    cases: list[Episode] = field(default_factory=list)


@dataclass(frozen=True)
class CaseMatch:
    """A case in a result list. `score` is the name score of its best-matching child (1.0 when
    the search had no name), `reasons` why it matched (empty without a name or reference).
    `case.case_children` (with each child) and `case.assigned_to` are loaded."""

    case: Case
    score: float = 1.0
    reasons: list[str] = field(default_factory=list)


class _Searched(NamedTuple):
    """What a search's audit event says: which search, and the filters used (never their
    values: the query text is personal data)."""

    kind: str
    used: list[str]


def _search_event(membership: Membership, searched: _Searched) -> dict[str, Any]:
    return {
        "actor": membership.user,
        "organisation": membership.organisation,
        "action": "cases.search",
        "object_type": "search",
        "object_id": searched.kind,
        "fields": searched.used,
    }


def _record_search(membership: Membership, kind: str, used: list[str]) -> None:
    record_read(**_search_event(membership, _Searched(kind, used)))


# --- name candidates ---------------------------------------------------------------------------


class Query(NamedTuple):
    sql: str
    params: list[str | int]


def _candidate_ids(organisation: Organisation, groups: list[dict[str, int]], cap: int) -> Query:
    """The ids of the children having a key of any group, those with the strongest keys of the
    most groups first: a child whose given name is mistyped or missing from the record is still
    found by the family name, ranked lower. The keys are parameters; the rest of the text is
    ours (weights, column names), never the user's."""
    params: list[str | int] = []

    def placeholders(keys: Iterable[str]) -> str:
        distinct = sorted({key[:64] for key in keys})
        params.extend(distinct)
        return ", ".join(["%s"] * len(distinct))

    strengths = []  # per group: the weight of the child's strongest key of that group
    for i, group in enumerate(groups):
        by_weight: dict[int, list[str]] = {}
        for key, weight in group.items():
            by_weight.setdefault(weight, []).append(key)
        whens = " ".join(
            f"WHEN key IN ({placeholders(keys)}) THEN {weight:d}"
            for weight, keys in sorted(by_weight.items(), reverse=True)
        )
        strengths.append(f"MAX(CASE {whens} ELSE 0 END) AS g{i}")
    params.append(organisation.pk)
    keys = placeholders(key for group in groups for key in group)
    strength = " + ".join(f"g{i}" for i in range(len(groups)))
    sql = (
        f"SELECT child_id FROM (SELECT child_id, {', '.join(strengths)}"  # noqa: S608 (see above)
        f" FROM {NameKey._meta.db_table} WHERE organisation_id = %s AND key IN ({keys})"
        f" GROUP BY child_id) AS matched"
        f" ORDER BY {strength} DESC, child_id DESC LIMIT {cap:d}"
    )
    return Query(sql, params)


_CHILD_FIELDS = CHILD_SUMMARY_FIELDS
if ChildSummary._fields != (*_CHILD_FIELDS, "other_names"):
    raise ImportError("ChildSummary must hold CHILD_SUMMARY_FIELDS, in order, then other_names")


def _candidates(
    membership: Membership, groups: list[dict[str, int]], searched: _Searched
) -> list[ChildSummary]:
    """The children having a key of every group, with their other names, and the search's
    audit event: one statement (the keys matched in a subquery, the other names joined: one
    row per other name). Written out rather than composed by the ORM, which took twice as long
    to compose and read it as the database took to run it; built from the models' tables and
    columns. Callers check the permission (children_of)."""
    organisation = membership.organisation
    ids = _candidate_ids(organisation, groups, CANDIDATE_CAP)
    rows = rows_with_event(
        _candidates_statement().format(ids=ids.sql),
        [organisation.pk, *ids.params],
        order_by="name_id",
        **_search_event(membership, searched),
    )
    found: dict[int, ChildSummary] = {}
    for *values, other_name, _name_id in rows:
        child_id = values[0]
        if child_id not in found:
            found[child_id] = ChildSummary._make([*python_values(Child, _CHILD_FIELDS, values), []])
        if other_name is not None:
            found[child_id].other_names.append(other_name)
    return list(found.values())


@cache
def _candidates_statement() -> str:
    columns = ", ".join(f"c.{field_of(Child, name).column}" for name in _CHILD_FIELDS)
    child, other = Child._meta, ChildName._meta
    return (
        f"SELECT {columns}, n.{field_of(ChildName, 'value').column},"  # noqa: S608 (model names)
        f" n.{other.pk.column} AS name_id"
        f" FROM {child.db_table} c LEFT JOIN {other.db_table} n"
        f" ON n.{field_of(ChildName, 'child').column} = c.{child.pk.column}"
        f" WHERE c.{field_of(Child, 'organisation').column} = %s"
        f" AND c.{child.pk.column} IN ({{ids}})"
    )


def _ranked_children(
    membership: Membership, groups: list[dict[str, int]], query: str, searched: _Searched
) -> list[tuple[ChildSummary, names.Match]]:
    """The organisation's children matching `query` (whose key groups are `groups`), ranked:
    one statement whatever the number of candidates, which records the search (when there
    is a name to search for)."""
    # children_of's permission, checked before anything is read (the statements scope by
    # organisation themselves; building its queryset only to drop it cost 0.2 ms a search)
    require_permission(membership, Permission.VIEW_CASES)
    if not groups:
        return []
    by_id = {child.id: child for child in _candidates(membership, groups, searched)}
    forms = {pk: name_forms(child, child.other_names) for pk, child in by_id.items()}
    return [(by_id[match.child_id], match) for match in names.rank(query, forms)]


_EPISODE_FIELDS = Episode._fields
"""Episode's fields are the Case columns its statement reads, by the same names."""


def _child_matches(
    membership: Membership, shown: list[tuple[ChildSummary, float, list[str]]]
) -> list[ChildMatch]:
    """The children shown (candidate, score, reasons), each with its cases, newest report
    first: one statement, written out as the candidates' is."""
    if not shown:
        return []
    ids = [child.id for child, _score, _reasons in shown]
    with connection.cursor() as cursor:
        cursor.execute(
            _episodes_statement(len(ids)), [membership.organisation.pk, *ids]
        )  # fmt: skip
        rows = cursor.fetchall()
    cases: dict[int, list[Episode]] = {child_id: [] for child_id in ids}
    for child_id, *case in rows:
        cases[child_id].append(Episode._make(python_values(Case, _EPISODE_FIELDS, case)))
    return [
        ChildMatch(child=child, score=score, reasons=reasons, cases=cases[child.id])
        for child, score, reasons in shown
    ]


@cache
def _episodes_statement(children: int) -> str:
    link, case = CaseChild._meta, Case._meta
    columns = ", ".join(f"c.{field_of(Case, name).column}" for name in _EPISODE_FIELDS)
    child_id = f"l.{field_of(CaseChild, 'child').column}"
    return (
        f"SELECT {child_id}, {columns}"  # noqa: S608 (model names only)
        f" FROM {link.db_table} l JOIN {case.db_table} c"
        f" ON c.{case.pk.column} = l.{field_of(CaseChild, 'case').column}"
        f" WHERE c.{field_of(Case, 'organisation').column} = %s"
        f" AND {child_id} IN ({', '.join(['%s'] * children)})"
        f" ORDER BY c.{field_of(Case, 'reported_at').column} DESC, c.{case.pk.column} DESC"
    )


# --- children ----------------------------------------------------------------------------------


def search_children(
    membership: Membership, query: str, *, limit: int = CHILD_LIMIT
) -> list[ChildMatch]:
    """Children of the organisation whose names match `query` in any spelling or script, best
    first, each with its reasons and cases. Every required query token must match (the order
    of names does not matter; particles such as "van der" are optional)."""
    groups = names.query_key_groups(query)
    ranked = _ranked_children(membership, groups, query, _Searched("children", ["name"]))[:limit]
    worded = names.reasons_of([match for _child, match in ranked])
    shown = [(child, m.score, reasons) for (child, m), reasons in zip(ranked, worded, strict=True)]
    return _child_matches(membership, shown)


def _born(
    birth_date: date | None,
    birth_year: int | None,
    estimated_age: int | None,
    age_estimated_on: date | None,
) -> tuple[int, bool] | None:
    if birth_date is not None:
        return birth_date.year, False
    if birth_year:
        return birth_year, False
    if estimated_age is not None and age_estimated_on is not None:
        return age_estimated_on.year - estimated_age, True
    return None


def _birth_reason(known: tuple[int, bool], given: int) -> tuple[float, str]:
    year, estimated = known
    words = {"year": year, "given": given}
    if estimated:
        born = _("born about %(year)s (estimated age)") % words
    else:
        born = _("born %(year)s") % words
    if year == given:
        return BIRTH_YEAR_BOOST, _("%(born)s, as given") % {"born": born}
    if abs(year - given) <= 1:
        return BIRTH_YEAR_BOOST, _("%(born)s, within a year of %(given)s") % {**words, "born": born}
    return -BIRTH_YEAR_PENALTY, _("%(born)s, not %(given)s as given") % {**words, "born": born}


def likely_existing_children(
    membership: Membership,
    *,
    given_names: str,
    family_name: str,
    birth_year: int | None = None,
    limit: int = 5,
) -> list[ChildMatch]:
    """Search before create: children of the organisation who may be the child being reported
    (a repeat episode). The children the top bar's name search finds for the same name (the
    same candidates and scores: a child it finds is never missing here, e.g. Oleksandr
    Shevchenko for "Alexandre Chevtchenko"), reordered by the year of birth: the score gains
    BIRTH_YEAR_BOOST when the known year is within a year of `birth_year` and loses
    BIRTH_YEAR_PENALTY when it is further off. Each says why it matched, so the operator
    judges a weak match (Mario for "Maria" reads "ends differently")."""
    query = f"{given_names} {family_name}".strip()
    groups = names.query_key_groups(query)
    used = [
        name
        for name, value in (
            ("given_names", given_names.strip()),
            ("family_name", family_name.strip()),
            ("birth_year", birth_year),
        )
        if value
    ]
    ranked = _ranked_children(membership, groups, query, _Searched("likely_existing", used))
    found: list[tuple[float, float, ChildSummary, names.Match, list[str]]] = []
    for child, match in ranked:
        score, birth = match.score, []
        if birth_year is not None and child.born is not None:
            change, reason = _birth_reason(child.born, birth_year)
            score += change
            birth.append(reason)
        found.append((score, match.coverage, child, match, birth))
    found.sort(key=lambda item: (-item[0], -item[1], -item[2].id))
    found = found[:limit]
    worded = names.reasons_of([match for _s, _c, _child, match, _birth in found])
    shown = [
        (child, round(min(max(score, 0.0), 1.0), 3), reasons + birth)
        for (score, _c, child, _match, birth), reasons in zip(found, worded, strict=True)
    ]
    return _child_matches(membership, shown)


# --- cases -------------------------------------------------------------------------------------


def _reference_filter(organisation: Organisation, q: str) -> Q | None:
    """A Q on the reference when `q` looks like one: "BE-2026-000123" (any case, the number
    with or without its zeros), "2026-123", or a bare number "123" (any year). Matched with
    the reference index (no LIKE)."""
    text = q.strip()
    if full := _FULL_REFERENCE.match(text):
        prefix, year, number = full.groups()
        return Q(reference__in={text.upper(), f"{prefix.upper()}-{year}-{int(number):06d}"})
    prefix = organisation.country or organisation.slug.upper()[:4]
    if year_number := _YEAR_NUMBER.match(text):
        year, number = year_number.groups()
        return Q(reference=f"{prefix}-{year}-{int(number):06d}")
    if bare := _NUMBER.match(text):
        number = int(bare.group(1))
        years = range(FIRST_REFERENCE_YEAR, timezone.now().year + 2)
        return Q(reference__in=[f"{prefix}-{year}-{number:06d}" for year in years])
    return None


def case_by_reference(membership: Membership, q: str) -> Case | None:
    """The one case `q` names by its reference (read as search_cases reads references), or
    None: `q` is no reference, or names no case of the organisation, or several (a bare
    number of several years). Audited as a search by reference."""
    reference = _reference_filter(membership.organisation, q) if q.strip() else None
    if reference is None:
        return None
    found = list(cases_of(membership).filter(reference)[:2])
    _record_search(membership, "cases", ["reference"])
    return found[0] if len(found) == 1 else None


def _children_prefetch() -> Prefetch[str]:
    return Prefetch("case_children", queryset=CaseChild.objects.select_related("child"))


def _with_rows(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.select_related("assigned_to").prefetch_related(_children_prefetch())


def search_cases(
    membership: Membership, q: str, filters: CaseFilter | None = None, *, limit: int = CASE_LIMIT
) -> list[CaseMatch]:
    """The organisation's cases meeting `filters` whose reference or children's names match `q`.

    `q` is a reference when it looks like one (see _reference_filter), otherwise a name: the
    cases of the children whose names match, scored by the best child. At most `limit` results:
    name score first, then the most urgent first (cases/urgency.py)."""
    filters = filters or CaseFilter()
    cases, used = filtered_cases(membership, filters), list(filters.lookups(membership))
    q = q.strip()
    reference = _reference_filter(membership.organisation, q) if q else None
    if reference is not None:
        rows = list(_with_rows(most_urgent_first(cases.filter(reference)))[:limit])
        _record_search(membership, "cases", [*used, "reference"])
        return [CaseMatch(case=c, reasons=[_("reference matches")]) for c in rows]
    return _cases_by_name(membership, cases, q, used, limit)


def listed_cases(membership: Membership, filters: CaseFilter) -> QuerySet[Case]:
    """The case list page without a name: `access.case_list` with each case's children and
    assignee, its read recorded as a search's (which filters, never their values)."""
    cases = _with_rows(case_list(membership, filters))
    _record_search(membership, "cases", list(filters.lookups(membership)))
    return cases


def _cases_by_name(
    membership: Membership, cases: QuerySet[Case], q: str, used: list[str], limit: int
) -> list[CaseMatch]:
    groups = names.query_key_groups(q)
    searched = _Searched("cases", [*used, "name"])
    ranked = {c.id: (c, m) for c, m in _ranked_children(membership, groups, q, searched)}
    if not ranked:
        return []
    # filter, then annotate: the annotation reuses the join, one row per (case, matched child);
    # only the columns that order them, then the cases shown in full
    rows = (
        cases.filter(case_children__child_id__in=list(ranked))
        .annotate(matched_child_id=F("case_children__child_id"))
        .values_list("pk", "matched_child_id", "risk_grade", "reported_at")
    )
    best: dict[int, tuple[tuple[float, int, float, int], int]] = {}  # case → (order, child)
    for pk, child_id, risk_grade, reported_at in rows:
        score = ranked[child_id][1].score
        order = (-score, *urgency_key(risk_grade, reported_at, pk))
        if pk not in best or order < best[pk][0]:
            best[pk] = (order, child_id)
    ordered = sorted(best.items(), key=lambda item: item[1][0])[:limit]
    shown = {case.pk: case for case in _with_rows(cases.filter(pk__in=[pk for pk, _ in ordered]))}
    results = []
    for pk, (_order, child_id) in ordered:
        case, (child, match) = shown[pk], ranked[child_id]
        siblings = len(case.case_children.all()) > 1
        reasons = [f"{child}: {r}" if siblings else r for r in match.reasons]
        results.append(CaseMatch(case=case, score=match.score, reasons=reasons))
    return results
