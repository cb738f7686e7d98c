"""Baselines for the benchmark (bench/): each view runs the same query as one hand-written SQL
statement through the same server, and returns its JSON, so that the API's cost can be read
against the floor set by the database and the web server.

They are deliberately bare: no authentication, no permission check, no audit event, no
validation. They are routed only by the benchmark's own settings (bench/settings.py, which
refuse to load outside demo, debug and test runs); Homeward's settings, root URLs and package
never mention them. PostgreSQL only (the JSON is built by the database); on another database
they answer 501.
"""

from __future__ import annotations

import json
from typing import Any

from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from homeward.cases import names

PAGE_SIZE = 50
SEARCH_LIMIT = 20


def _postgres_only() -> HttpResponse | None:
    if connection.vendor != "postgresql":
        return JsonResponse({"code": "not_implemented", "message": "PostgreSQL only"}, status=501)
    return None


def _organisation(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("organisation", ""))
    except ValueError:
        raise Http404("organisation= is needed") from None


def _json(sql: str, params: list[Any] | dict[str, Any], status: int = 200) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None or row[0] is None:
        return JsonResponse({"code": "not_found", "message": "Not found."}, status=404)
    body = row[0] if isinstance(row[0], str) else json.dumps(row[0])
    return HttpResponse(body, content_type="application/json", status=status)


CONTACT_SQL = """
INSERT INTO cases_contact (
    organisation_id, channel, started_at, duration_seconds, caller, language, contact_type,
    case_id, notes, caller_consent, caller_name, caller_phone, caller_email, logged_by_id,
    created_at
) VALUES (
    %(organisation)s, %(channel)s, COALESCE(%(started_at)s::timestamptz, now()),
    %(duration_seconds)s, %(caller)s, %(language)s, %(contact_type)s, %(case_id)s, %(notes)s,
    false, '', '', '', NULL, now()
) RETURNING json_build_object('id', id)::text
"""


@csrf_exempt
@require_POST
def log_contact(request: HttpRequest) -> HttpResponse:
    """POST /bench/contacts?organisation=ID, body as POST /api/v1/contacts."""
    refused = _postgres_only()
    if refused:
        return refused
    data = json.loads(request.body or b"{}")
    params = {
        "organisation": _organisation(request),
        "channel": data.get("channel", ""),
        "started_at": data.get("started_at"),
        "duration_seconds": data.get("duration_seconds"),
        "caller": data.get("caller", ""),
        "language": data.get("language", ""),
        "contact_type": data.get("contact_type", ""),
        "case_id": data.get("case_id"),
        "notes": data.get("notes", ""),
    }
    return _json(CONTACT_SQL, params, status=201)


_PERSON = (
    "json_build_object('user_id', u.id, 'full_name', COALESCE(NULLIF(u.full_name, ''), u.email))"
)
CASE_SQL = f"""
SELECT json_build_object(
    'case', to_jsonb(c),
    'assigned_to', (SELECT {_PERSON} FROM organisations_user u WHERE u.id = c.assigned_to_id),
    'section', COALESCE(
        (SELECT to_jsonb(s) FROM cases_runawaydetails s WHERE s.case_id = c.id),
        (SELECT to_jsonb(s) FROM cases_parentalabductiondetails s WHERE s.case_id = c.id),
        (SELECT to_jsonb(s) FROM cases_migrationdetails s WHERE s.case_id = c.id)
    ),
    'children', (
        SELECT COALESCE(json_agg(json_build_object(
            'id', ch.id, 'given_names', ch.given_names, 'family_name', ch.family_name,
            'original_script_name', ch.original_script_name, 'sex', ch.sex,
            'birth_precision', ch.birth_precision, 'birth_date', ch.birth_date,
            'birth_year', ch.birth_year, 'estimated_age', ch.estimated_age,
            'nationalities', ch.nationalities, 'languages', ch.languages,
            'clothing', cc.clothing,
            'other_names', (SELECT COALESCE(json_agg(json_build_object(
                'id', n.id, 'kind', n.kind, 'value', n.value, 'source', n.source
            ) ORDER BY n.id), '[]') FROM cases_childname n WHERE n.child_id = ch.id)
        ) ORDER BY cc.added_at, cc.id), '[]')
        FROM cases_casechild cc JOIN cases_child ch ON ch.id = cc.child_id
        WHERE cc.case_id = c.id
    ),
    'risk', (
        SELECT json_build_object(
            'id', r.id, 'grade', r.grade, 'rationale', r.rationale,
            'assessed_at', r.assessed_at,
            'assessed_by',
                (SELECT {_PERSON} FROM organisations_user u WHERE u.id = r.assessed_by_id),
            'factors', (SELECT COALESCE(json_agg(json_build_object(
                'kind', f.kind, 'detail', f.detail, 'source', f.source,
                'observed_at', f.observed_at
            ) ORDER BY f.id), '[]') FROM cases_riskfactor f WHERE f.assessment_id = r.id)
        )
        FROM cases_riskassessment r WHERE r.case_id = c.id
        ORDER BY r.assessed_at DESC, r.id DESC LIMIT 1
    ),
    'closures', (
        SELECT COALESCE(json_agg(to_jsonb(cl) ORDER BY cl.requested_at DESC, cl.id DESC), '[]')
        FROM cases_closure cl WHERE cl.case_id = c.id
    )
)::text
FROM cases_case c
WHERE c.id = %(case)s AND c.organisation_id = %(organisation)s
"""  # noqa: S608 — constant fragments only; values are parameters


@require_GET
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    """GET /bench/cases/ID?organisation=ID: the case, its children (with their other names),
    its section, current risk with factors and closures, as GET /api/v1/cases/ID."""
    refused = _postgres_only()
    if refused:
        return refused
    return _json(CASE_SQL, {"case": case_id, "organisation": _organisation(request)})


_LIST_WHERE = (
    "c.organisation_id = %(organisation)s AND c.status = %(status)s AND c.category = %(category)s"
)
LIST_SQL = f"""
SELECT json_build_object(
    'count', (SELECT count(*) FROM cases_case c WHERE {_LIST_WHERE}),
    'page', %(page)s, 'page_size', %(page_size)s,
    'items', (SELECT COALESCE(json_agg(p), '[]') FROM (
        SELECT c.id, c.reference, c.category, c.subcategory, c.status, c.risk_grade,
               c.is_cross_border, c.reported_at, c.disappeared_on, c.last_seen_country,
               c.follow_up_due,
               CASE WHEN u.id IS NULL THEN NULL ELSE {_PERSON} END AS assigned_to
        FROM cases_case c LEFT JOIN organisations_user u ON u.id = c.assigned_to_id
        WHERE {_LIST_WHERE}
        ORDER BY c.reported_at DESC, c.id DESC
        LIMIT %(page_size)s OFFSET %(offset)s
    ) p)
)::text
"""  # noqa: S608 — constant fragments only; values are parameters


@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    """GET /bench/cases?organisation=ID&status=&category=&page=: as GET /api/v1/cases."""
    refused = _postgres_only()
    if refused:
        return refused
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    params = {
        "organisation": _organisation(request),
        "status": request.GET.get("status", ""),
        "category": request.GET.get("category", ""),
        "page": page,
        "page_size": PAGE_SIZE,
        "offset": (page - 1) * PAGE_SIZE,
    }
    return _json(LIST_SQL, params)


SEARCH_SQL = """
WITH q (grp, key, weight) AS (VALUES {values}),
hits AS (
    SELECT nk.child_id, q.grp, max(q.weight) AS weight
    FROM cases_namekey nk JOIN q ON q.key = nk.key
    WHERE nk.organisation_id = %(organisation)s
    GROUP BY nk.child_id, q.grp
),
best AS (
    SELECT child_id, sum(weight) AS strength FROM hits
    GROUP BY child_id HAVING count(*) = %(groups)s
    ORDER BY strength DESC, child_id DESC LIMIT %(limit)s
)
SELECT COALESCE(json_agg(json_build_object(
    'child', json_build_object(
        'id', ch.id, 'given_names', ch.given_names, 'family_name', ch.family_name,
        'original_script_name', ch.original_script_name, 'sex', ch.sex,
        'birth_date', ch.birth_date, 'birth_year', ch.birth_year
    ),
    'strength', b.strength,
    'cases', (SELECT COALESCE(json_agg(json_build_object(
        'case_id', c.id, 'reference', c.reference, 'category', c.category,
        'status', c.status, 'reported_at', c.reported_at
    ) ORDER BY c.reported_at DESC), '[]')
    FROM cases_casechild cc JOIN cases_case c ON c.id = cc.case_id WHERE cc.child_id = ch.id)
) ORDER BY b.strength DESC, ch.id DESC), '[]')::text
FROM best b JOIN cases_child ch ON ch.id = b.child_id
"""


@require_GET
def search_children(request: HttpRequest) -> HttpResponse:
    """GET /bench/search/children?organisation=ID&q=: the children having a key of every
    query token (the same keys as the API's search, names.query_key_groups), strongest keys
    first, with their cases. Unlike the API it does not re-rank by string similarity."""
    refused = _postgres_only()
    if refused:
        return refused
    groups = names.query_key_groups(request.GET.get("q", ""))
    if not groups:
        return HttpResponse("[]", content_type="application/json")
    values: list[str] = []
    params: dict[str, Any] = {
        "organisation": _organisation(request),
        "groups": len(groups),
        "limit": SEARCH_LIMIT,
    }
    for index, group in enumerate(groups):
        for number, (key, weight) in enumerate(sorted(group.items())):
            values.append(f"({index}, %(k{index}_{number})s, %(w{index}_{number})s)")
            params[f"k{index}_{number}"] = key[:64]
            params[f"w{index}_{number}"] = weight
    return _json(SEARCH_SQL.format(values=", ".join(values)), params)
