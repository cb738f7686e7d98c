"""Staff answers are never kept by a browser or a shared cache; public ones may be."""

from __future__ import annotations

import pytest
from django.test import Client

from homeward.cases import actions as case_actions
from homeward.organisations import actions
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def _no_store(response: object) -> bool:
    header = response["Cache-Control"]  # type: ignore[index]
    directives = {part.strip() for part in header.split(",")}
    return {"no-store", "private"} <= directives


def test_case_child_and_contact_pages_and_api_are_not_cached(cast: Cast) -> None:
    operator = cast.member("be_operator")
    case = make_case(cast)
    child_id = case.case_children.get().child_id
    contact = case_actions.log_contact(
        membership=operator,
        case=case,
        channel="sms",
        caller="child",
        contact_type="information",
    )
    session = cast.client("be_operator")
    token = actions.create_api_token(membership=operator, name="cache test", days=1).secret
    machine = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    for client, url in [
        (session, f"/cases/{case.pk}/"),
        (session, f"/children/{child_id}/"),
        (session, "/contacts/"),
        (session, "/dashboard/"),
        (session, f"/api/v1/cases/{case.pk}"),
        (session, f"/api/v1/children/{child_id}"),
        (session, f"/api/v1/contacts/{contact.pk}"),
        (machine, f"/api/v1/cases/{case.pk}"),
        (machine, f"/api/v1/children/{child_id}"),
        (machine, f"/api/v1/contacts/{contact.pk}"),
        (machine, "/api/v1/cases/999999"),  # a 404 to a token holder: nothing to keep either
    ]:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert _no_store(response), (url, response.get("Cache-Control"))


def test_public_answers_keep_their_caching() -> None:
    for url in ["/hotlines/", "/api/v1/hotlines", "/api/v1/openapi.json"]:
        response = Client().get(url)
        assert response.status_code == 200, url
        assert "no-store" not in response.get("Cache-Control", ""), url
