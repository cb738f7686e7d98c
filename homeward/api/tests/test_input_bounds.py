"""What a client sends cannot make the API fail: numbers beyond the database's integers are a
422 that names the field, and only a database that is really away is a 503."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

import psycopg
import pytest
from django.db import DataError, IntegrityError, InterfaceError, OperationalError
from django.test import Client

from homeward.api.api import api
from homeward.core.outages import is_database_outage
from homeward.organisations import actions
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db

TOO_BIG_ID = 2**63
HUGE_PAGE = 2**58
METHODS = ("get", "post", "put", "patch", "delete")


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    document = api.get_openapi_schema()
    return [
        (method, path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def _integer_ids(operation: dict[str, Any]) -> set[str]:
    """The path's database ids (a public id, a random string, is not one)."""
    return {
        parameter["name"]
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "path" and parameter["schema"].get("type") == "integer"
    }


ID_OPERATIONS = [(m, p) for m, p, op in _operations() if _integer_ids(op)]
PAGED_OPERATIONS = [
    p for m, p, op in _operations() if any(q["name"] == "page" for q in op.get("parameters", []))
]


def _client(cast: Cast, name: str = "be_supervisor") -> tuple[Client, dict[str, str]]:
    member = cast.member(name)
    secret = actions.create_api_token(membership=member, name="t", days=1).secret
    return Client(raise_request_exception=False), {"Authorization": f"Bearer {secret}"}


def _fields(response: Any) -> set[str]:
    assert response.status_code == 422, (response.status_code, response.content)
    return {error["field"] for error in response.json()["errors"]}


def test_every_id_and_list_is_covered() -> None:
    assert len(ID_OPERATIONS) >= 30 and len(PAGED_OPERATIONS) >= 6


@pytest.mark.parametrize(("method", "path"), ID_OPERATIONS)
def test_an_id_beyond_the_databases_integers_is_a_422_naming_it(
    cast: Cast, method: str, path: str
) -> None:
    client, headers = _client(cast)
    names = re.findall(r"\{(\w+)\}", path)
    url = path
    for name in names:
        url = url.replace(f"{{{name}}}", str(TOO_BIG_ID) if name.endswith("_id") else "x")
    response = getattr(client, method)(url, {}, content_type="application/json", headers=headers)
    assert {name for name in names if name.endswith("_id")} <= _fields(response)


@pytest.mark.parametrize("path", PAGED_OPERATIONS)
@pytest.mark.parametrize("page", [str(HUGE_PAGE), "1e25", "0"])
def test_a_page_beyond_any_list_is_a_422_naming_it(cast: Cast, path: str, page: str) -> None:
    client, headers = _client(cast)
    url = re.sub(r"\{\w+\}", "1", path)
    response = client.get(url, {"page": page}, headers=headers)
    assert "page" in _fields(response)


@pytest.mark.parametrize(
    "query", [{"case_id": str(TOO_BIG_ID)}, {"case_id": "-1"}], ids=["too-big", "negative"]
)
def test_an_id_in_a_query_is_bounded_too(cast: Cast, query: dict[str, str]) -> None:
    client, headers = _client(cast)
    for path in ("/api/v1/contacts", "/api/v1/crossborder/shareable-fields"):
        assert "case_id" in _fields(client.get(path, query, headers=headers))


def test_ids_in_a_body_are_bounded_too(cast: Cast) -> None:
    client, headers = _client(cast)
    response = client.post(
        "/api/v1/contacts",
        {
            "channel": "phone",
            "caller": "parent",
            "contact_type": "information",
            "case_id": TOO_BIG_ID,
        },
        content_type="application/json",
        headers=headers,
    )
    assert "case_id" in _fields(response)


@pytest.mark.parametrize(
    "url",
    [
        "/contacts/new/?case=²",
        "/contacts/new/?case=9223372036854775808",
        "/cases/new/?contact=²",
        "/cases/new/?contact=99999999999999999999",
        "/cases/new/likely/?child0-given_names=Lena&child0-birth_year=²",
        "/crossborder/new/?case=²",
    ],
)
def test_html_forms_refuse_ids_that_are_not_numbers_without_a_500(cast: Cast, url: str) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(cast.user("be_operator"))
    response = client.get(url)
    assert response.status_code in (200, 404), response.status_code


def test_a_notice_id_that_is_not_a_number_is_not_a_500(cast: Cast) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(cast.user("be_operator"))
    response = client.post("/crossborder/notifications/read/", {"notification": "²"})
    assert response.status_code == 302


def _wrapped(django_error: type[Exception], cause: Exception) -> Exception:
    try:
        raise django_error(str(cause)) from cause
    except django_error as error:
        return error


@pytest.mark.parametrize(
    ("error", "outage"),
    [
        (_wrapped(OperationalError, psycopg.OperationalError("connection failed")), True),
        (_wrapped(OperationalError, psycopg.errors.AdminShutdown("terminating")), True),
        (_wrapped(OperationalError, psycopg.errors.CannotConnectNow("starting up")), True),
        (
            _wrapped(OperationalError, sqlite3.OperationalError("unable to open database file")),
            True,
        ),
        (_wrapped(OperationalError, sqlite3.OperationalError("database is locked")), True),
        (OperationalError("could not connect to server"), True),
        (InterfaceError("connection already closed"), True),
        (_wrapped(IntegrityError, sqlite3.IntegrityError("NOT NULL constraint failed")), False),
        (_wrapped(DataError, psycopg.errors.NumericValueOutOfRange("bigint out of range")), False),
        (_wrapped(OperationalError, sqlite3.OperationalError("no such table: x")), False),
        (_wrapped(OperationalError, psycopg.errors.ProgramLimitExceeded("too long")), False),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else str(value),
)
def test_only_an_unreachable_database_is_an_outage(error: Exception, outage: bool) -> None:
    assert is_database_outage(error) is outage


def test_a_database_error_that_is_not_an_outage_is_a_500_not_a_false_503(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise _wrapped(IntegrityError, sqlite3.IntegrityError("NOT NULL constraint failed"))

    monkeypatch.setattr("homeward.organisations.access.members_of", broken)
    client, headers = _client(cast, "be_admin")
    response = client.get("/api/v1/members", headers=headers)
    assert response.status_code == 500
    assert response.json()["code"] == "server_error"
    assert "Retry-After" not in response
    html = Client(raise_request_exception=False)
    html.force_login(cast.user("be_admin"))
    assert html.get("/organisation/members/").status_code == 500


@pytest.mark.parametrize(
    ("method", "path", "data", "field"),
    [
        ("get", "/api/v1/cases", {"reported_to": "0"}, "reported_to"),  # was 1970-01-01
        ("get", "/api/v1/contacts", {"case_id": "1.0"}, "case_id"),
        ("get", "/api/v1/cases", {"page_size": "5.5"}, "page_size"),
        ("get", "/api/v1/crossborder/notifications", {"unread": "1"}, "unread"),
        ("patch", "/api/v1/cases/{case}", {"is_cross_border": 1}, "is_cross_border"),
        ("patch", "/api/v1/cases/{case}", {"reported_at": 0}, "reported_at"),
        (
            "patch",
            "/api/v1/cases/{case}",
            {"follow_up_due": "2026-05-02T14:30:00"},
            "follow_up_due",
        ),
        ("patch", "/api/v1/cases/{case}", {"disappeared_on": 1_700_000_000}, "disappeared_on"),
        ("patch", "/api/v1/children/{child}", {"birth_year": "2015"}, "birth_year"),
        ("post", "/api/v1/cases/{case}/assign", {"member_id": "3"}, "member_id"),
        ("post", "/api/v1/crossborder/notifications/read", {"ids": [True]}, "ids.0"),
    ],
)
def test_a_value_the_openapi_document_refuses_is_refused(
    cast: Cast, method: str, path: str, data: dict[str, Any], field: str
) -> None:
    """pydantic's lax mode took "5" for a number, 1 for true and 0 for a date (1970-01-01)."""
    case = make_case(cast)
    child = case.case_children.get().child
    client, headers = _client(cast)
    url = path.format(case=case.pk, child=child.pk)
    if method == "get":
        response = client.get(url, data, headers=headers)
    else:
        response = getattr(client, method)(
            url, data, content_type="application/json", headers=headers
        )
    assert field in _fields(response)
