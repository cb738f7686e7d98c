"""Finding children and cases by name (in any spelling or script), by reference and by filters.

Every function reads through the scoped access functions (cases_of, children_of), so results
belong to `membership.organisation` only, and the member needs the "view cases" permission.
Each call records one audit event `cases.search` naming the filters used, never their values:
the query text is personal data. Opening a child's record is audited separately
(access.view_child); result lists show names only.

Name search (see names.py and docs/name-search.md):
1. the query is cut into tokens, each reduced to keys (spelling, sound, consonants);
2. one indexed query on NameKey (organisation, key) keeps the children with a key for every
   required token, pre-ordered by how strong their keys are, capped at CANDIDATE_CAP;
3. those children and their other names are loaded in one query each and ranked by
   names.rank, with a reason per query token;
4. the cases of the children returned are loaded in one more query.
The number of queries does not grow with the number of candidates or results.
"""

from __future__ import annotations

import operator
import re
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from functools import reduce

from django.db.models import Case as SqlCase
from django.db.models import (
    F,
    IntegerField,
    Max,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import Combinable
from django.utils import timezone

from homeward.audit.actions import record_read
from homeward.cases import names
from homeward.cases.access import cases_of, children_of
from homeward.cases.choices import RiskGrade
from homeward.cases.models import Case, CaseChild, Child, ChildName, NameKey
from homeward.cases.name_index import name_forms
from homeward.organisations.models import Membership, Organisation

CANDIDATE_CAP = 500
"""At most this many children are ranked per name query (the strongest keys first)."""
CASE_LIMIT = 50
CHILD_LIMIT = 20
LIKELY_THRESHOLD = 0.85
"""likely_existing_children shows a child only at this score or above (after the birth year)."""
LIKELY_MIN_TOKEN = 0.7
"""…and only when every name token scores this or more: a name that ends differently
(Maria/Mario, Jan/Jana) scores below it, so it is never suggested as the same child."""
BIRTH_YEAR_BOOST = 0.1
BIRTH_YEAR_PENALTY = 0.1
FIRST_REFERENCE_YEAR = 1990
# High risk first; a case not yet assessed before a low one (as access.urgency).
RISK_RANK = {RiskGrade.HIGH: 0, RiskGrade.MEDIUM: 1, "": 2, RiskGrade.LOW: 3, RiskGrade.VERY_LOW: 4}

_FULL_REFERENCE = re.compile(r"^([a-z0-9-]{1,4})-(\d{4})-(\d{1,9})$", re.IGNORECASE)
_YEAR_NUMBER = re.compile(r"^(\d{4})-(\d{1,9})$")
_NUMBER = re.compile(r"^#?(\d{1,9})$")


@dataclass(frozen=True)
class ChildMatch:
    """A child whose names match: score 0–1, one reason per query token (plus the birth year
    for likely_existing_children), and the child's cases, newest report first."""

    child: Child
    score: float
    reasons: list[str] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)


@dataclass(frozen=True)
class CaseMatch:
    """A case in a result list. `score` is the name score of its best-matching child (1.0 when
    the search had no name), `reasons` why it matched (empty without a name or reference).
    `case.case_children` (with each child) and `case.assigned_to` are loaded."""

    case: Case
    score: float = 1.0
    reasons: list[str] = field(default_factory=list)


# --- name candidates ---------------------------------------------------------------------------


def _candidate_ids(organisation: Organisation, groups: list[dict[str, int]], cap: int) -> list[int]:
    """One indexed query: children having a key of every group, strongest keys first."""
    annotations = {}
    for i, group in enumerate(groups):
        by_weight: dict[int, set[str]] = {}
        for key, weight in group.items():
            by_weight.setdefault(weight, set()).add(key[:64])
        whens = [
            When(key__in=sorted(keys), then=Value(weight))
            for weight, keys in sorted(by_weight.items(), reverse=True)
        ]
        annotations[f"g{i}"] = Max(SqlCase(*whens, default=Value(0), output_field=IntegerField()))
    strength: Combinable = reduce(operator.add, (F(name) for name in annotations))
    keys = sorted({key[:64] for group in groups for key in group})
    rows = (
        NameKey.objects.filter(organisation=organisation, key__in=keys)
        .values("child_id")
        .annotate(**annotations)
        .filter(**{f"{name}__gt": 0 for name in annotations})
        .annotate(strength=strength)
        .order_by("-strength", "-child_id")[:cap]
    )
    return [row["child_id"] for row in rows]


@dataclass(frozen=True)
class _Candidate:
    """What ranking needs of a child: its names and year of birth (not a model instance, which
    would cost more to build for hundreds of candidates)."""

    pk: int
    given_names: str
    family_name: str
    original_script_name: str
    born: tuple[int, bool] | None

    def __str__(self) -> str:
        return " ".join(p for p in (self.given_names, self.family_name) if p) or f"#{self.pk}"


_CANDIDATE_FIELDS = (
    "pk",
    "given_names",
    "family_name",
    "original_script_name",
    "birth_date",
    "birth_year",
    "estimated_age",
    "age_estimated_on",
)


def _ranked_children(membership: Membership, query: str) -> list[tuple[_Candidate, names.Match]]:
    """The organisation's children matching `query`, ranked: three queries whatever the number
    of candidates (keys; the candidates' names; their other names)."""
    children = children_of(membership)  # checks the permission before anything is read
    groups = names.query_key_groups(query)
    if not groups:
        return []
    ids = _candidate_ids(membership.organisation, groups, CANDIDATE_CAP)
    if not ids:
        return []
    rows = children.filter(pk__in=ids).order_by().values_list(*_CANDIDATE_FIELDS)
    by_id = {
        pk: _Candidate(pk, given, family, original, _born(born_on, year, age, estimated_on))
        for pk, given, family, original, born_on, year, age, estimated_on in rows
    }
    other_names: dict[int, list[str]] = {pk: [] for pk in by_id}
    for child_id, value in ChildName.objects.filter(
        child_id__in=list(by_id), child__organisation=membership.organisation
    ).values_list("child_id", "value"):
        other_names[child_id].append(value)
    forms = {pk: name_forms(child, other_names[pk]) for pk, child in by_id.items()}
    return [(by_id[match.child_id], match) for match in names.rank(query, forms)]


def _full(membership: Membership, shown: Iterable[_Candidate]) -> dict[int, Child]:
    """The children shown, loaded, with their cases (newest report first) and other names:
    three queries."""
    ids = [c.pk for c in shown]
    if not ids:
        return {}
    episodes = (
        CaseChild.objects.filter(case__organisation=membership.organisation)
        .select_related("case")
        .order_by("-case__reported_at", "-case_id")
    )
    loaded = children_of(membership).filter(pk__in=ids)
    loaded = loaded.prefetch_related(Prefetch("episodes", queryset=episodes), "other_names")
    return {child.pk: child for child in loaded}


def _cases_of_child(child: Child) -> list[Case]:
    return [episode.case for episode in child.episodes.all()]


def _record_search(membership: Membership, kind: str, used: list[str]) -> None:
    record_read(
        actor=membership.user,
        organisation=membership.organisation,
        action="cases.search",
        object_type="search",
        object_id=kind,
        fields=used,
    )


# --- children ----------------------------------------------------------------------------------


def search_children(
    membership: Membership, query: str, *, limit: int = CHILD_LIMIT
) -> list[ChildMatch]:
    """Children of the organisation whose names match `query` in any spelling or script, best
    first, each with its reasons and cases. Every required query token must match (the order
    of names does not matter; particles such as "van der" are optional)."""
    ranked = _ranked_children(membership, query)[:limit]
    full = _full(membership, [child for child, _match in ranked])
    if names.query_key_groups(query):
        _record_search(membership, "children", ["name"])
    return [
        ChildMatch(
            child=full[child.pk],
            score=m.score,
            reasons=m.reasons,
            cases=_cases_of_child(full[child.pk]),
        )
        for child, m in ranked
        if child.pk in full
    ]


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


def birth_year_of(child: Child) -> tuple[int, bool] | None:
    """(year of birth, estimated?) from whatever is known: date, year, or estimated age."""
    return _born(child.birth_date, child.birth_year, child.estimated_age, child.age_estimated_on)


def _birth_reason(known: tuple[int, bool], given: int) -> tuple[float, str]:
    year, estimated = known
    born = f"born about {year} (estimated age)" if estimated else f"born {year}"
    if year == given:
        return BIRTH_YEAR_BOOST, f"{born}, as given"
    if abs(year - given) <= 1:
        return BIRTH_YEAR_BOOST, f"{born}, within a year of {given}"
    return -BIRTH_YEAR_PENALTY, f"{born}, not {given} as given"


def likely_existing_children(
    membership: Membership,
    *,
    given_names: str,
    family_name: str,
    birth_year: int | None = None,
    limit: int = 5,
) -> list[ChildMatch]:
    """Search before create: children of the organisation who may be the child being reported
    (a repeat episode). The name score gains BIRTH_YEAR_BOOST when the known year of birth is
    within a year of `birth_year`, and loses BIRTH_YEAR_PENALTY when it is further off; only
    matches scoring LIKELY_THRESHOLD or more, with no name token below LIKELY_MIN_TOKEN, are
    returned, best first."""
    query = f"{given_names} {family_name}".strip()
    ranked = _ranked_children(membership, query)
    found: list[tuple[float, float, _Candidate, list[str]]] = []
    for child, match in ranked:
        score, reasons = match.score, list(match.reasons)
        if birth_year is not None and child.born is not None:
            change, reason = _birth_reason(child.born, birth_year)
            score += change
            reasons.append(reason)
        if score >= LIKELY_THRESHOLD and match.weakest >= LIKELY_MIN_TOKEN:
            found.append((score, match.coverage, child, reasons))
    if names.query_key_groups(query):
        used = [
            name
            for name, value in (
                ("given_names", given_names.strip()),
                ("family_name", family_name.strip()),
                ("birth_year", birth_year),
            )
            if value
        ]
        _record_search(membership, "likely_existing", used)
    found.sort(key=lambda item: (-item[0], -item[1], -item[2].pk))
    shown = found[:limit]
    full = _full(membership, [child for _s, _c, child, _r in shown])
    return [
        ChildMatch(
            child=full[child.pk],
            score=round(min(score, 1.0), 3),
            reasons=reasons,
            cases=_cases_of_child(full[child.pk]),
        )
        for score, _coverage, child, reasons in shown
        if child.pk in full
    ]


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


def _day_start(organisation: Organisation, day: date) -> datetime:
    """Midnight of `day` in the hotline's time zone."""
    zone: tzinfo
    try:
        zone = zoneinfo.ZoneInfo(organisation.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = timezone.get_current_timezone()
    return datetime.combine(day, time.min, tzinfo=zone)


def _children_prefetch() -> Prefetch[str]:
    return Prefetch("case_children", queryset=CaseChild.objects.select_related("child"))


def _with_rows(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.select_related("assigned_to").prefetch_related(_children_prefetch())


def _risk_rank() -> SqlCase:
    whens = [When(risk_grade=grade, then=Value(rank)) for grade, rank in RISK_RANK.items()]
    return SqlCase(*whens, default=Value(len(RISK_RANK)), output_field=IntegerField())


def search_cases(
    membership: Membership,
    *,
    q: str = "",
    status: str = "",
    category: str = "",
    risk: str = "",
    country: str = "",
    reported_from: date | None = None,
    reported_to: date | None = None,
    limit: int = CASE_LIMIT,
) -> list[CaseMatch]:
    """The organisation's cases, filtered in the database (status, category, risk grade, country
    last seen, reported between two dates in the hotline's time zone, both days included).

    `q` is a reference when it looks like one (see _reference_filter), otherwise a name: the
    cases of the children whose names match, scored by the best child. At most `limit` results:
    name score first, then high risk first (unassessed before low), then the newest report."""
    cases = cases_of(membership)
    organisation = membership.organisation
    used: list[str] = []
    filters = {
        "status": status,
        "category": category,
        "risk_grade": risk,
        "last_seen_country": country.upper(),
    }
    for name, value in filters.items():
        if value:
            cases = cases.filter(**{name: value})
            used.append(name)
    if reported_from is not None:
        cases = cases.filter(reported_at__gte=_day_start(organisation, reported_from))
        used.append("reported_from")
    if reported_to is not None:
        next_day = reported_to + timedelta(days=1)
        cases = cases.filter(reported_at__lt=_day_start(organisation, next_day))
        used.append("reported_to")
    cases = cases.annotate(risk_rank=_risk_rank())
    q = q.strip()
    reference = _reference_filter(organisation, q) if q else None
    if reference is not None:
        rows = list(_with_rows(cases.filter(reference)).order_by("risk_rank", "-reported_at"))
        _record_search(membership, "cases", [*used, "reference"])
        return [CaseMatch(case=c, reasons=["reference matches"]) for c in rows[:limit]]
    if not q:
        rows = list(_with_rows(cases).order_by("risk_rank", "-reported_at", "-pk")[:limit])
        _record_search(membership, "cases", used)
        return [CaseMatch(case=c) for c in rows]
    return _cases_by_name(membership, cases, q, used, limit)


def _cases_by_name(
    membership: Membership, cases: QuerySet[Case], q: str, used: list[str], limit: int
) -> list[CaseMatch]:
    ranked = {child.pk: (child, match) for child, match in _ranked_children(membership, q)}
    if names.query_key_groups(q):
        _record_search(membership, "cases", [*used, "name"])
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
        order = (-score, RISK_RANK.get(risk_grade, len(RISK_RANK)), -reported_at.timestamp(), -pk)
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
