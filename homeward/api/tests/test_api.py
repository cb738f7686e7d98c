"""The API's conventions: authentication, one error format, pagination, the OpenAPI document."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from ninja.throttling import AnonRateThrottle
from openapi_spec_validator import validate

from homeward.organisations import actions
from homeward.organisations.models import ApiToken, Membership, User
from homeward.organisations.tokens import membership_for_token
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def _token(cast: Cast, name: str, days: int = 30) -> str:
    member = cast.member(name)
    return actions.create_api_token(membership=member, name="t", days=days).secret


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_the_openapi_document_validates() -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate(document)  # raises on any error
    assert document["openapi"].startswith("3.")
    assert "/api/v1/members" in document["paths"]


def test_the_interactive_docs_are_served_without_a_cdn() -> None:
    page = Client().get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing from elsewhere


def test_me_with_a_token_is_scoped_to_the_tokens_organisation(cast: Cast) -> None:
    cast.join("be_admin@cast.test", cast.fr, "org_admin")
    response = Client().get("/api/v1/me", headers=_bearer(_token(cast, "be_admin")))
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == "be_admin@cast.test"
    assert body["organisation"]["slug"] == "test-be"
    assert "manage_members" in body["permissions"]
    orgs = Client().get("/api/v1/organisations", headers=_bearer(_token(cast, "be_admin"))).json()
    assert [o["organisation"]["slug"] for o in orgs] == ["test-be"]


def test_a_session_lists_all_my_organisations(cast: Cast) -> None:
    cast.join("be_admin@cast.test", cast.fr, "org_admin")
    client = Client()
    client.force_login(cast.user("be_admin"))
    orgs = client.get("/api/v1/organisations").json()
    assert {(o["organisation"]["slug"], o["current"]) for o in orgs} == {
        ("test-be", True),
        ("test-fr", False),
    }


@pytest.mark.parametrize("header", ["Bearer hw_nothing_here", "Bearer ", "Token abc", "Bearer hw_"])
def test_a_bad_token_is_401_in_the_error_format(cast: Cast, header: str) -> None:
    response = Client().get("/api/v1/me", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.json() == {
        "code": "unauthenticated",
        "message": "Sign in, or send a valid bearer token.",
        "errors": [],
    }


def test_a_wrong_secret_with_a_real_prefix_is_refused(cast: Cast) -> None:
    token = _token(cast, "be_admin")
    assert Client().get("/api/v1/me", headers=_bearer(token[:-4] + "AAAA")).status_code == 401


def test_revoked_and_expired_tokens_are_refused(cast: Cast) -> None:
    revoked, expired = _token(cast, "be_admin"), _token(cast, "be_admin")
    actions.revoke_api_token(
        acting_user=cast.user("be_admin"), token=ApiToken.objects.get(prefix=revoked.split("_")[1])
    )
    ApiToken.objects.filter(prefix=expired.split("_")[1]).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert Client().get("/api/v1/me", headers=_bearer(revoked)).status_code == 401
    assert Client().get("/api/v1/me", headers=_bearer(expired)).status_code == 401
    last_minute = _token(cast, "be_admin")
    ApiToken.objects.filter(prefix=last_minute.split("_")[1]).update(
        expires_at=timezone.now() + timedelta(minutes=1)
    )
    assert Client().get("/api/v1/me", headers=_bearer(last_minute)).status_code == 200


def test_a_token_acts_as_its_membership_exactly_as_stored(cast: Cast) -> None:
    """The lookup reads the membership, its user and organisation in one hand-written query:
    every field must come out as the ORM would load it."""
    cast.join("be_admin@cast.test", cast.fr, "operator")  # the token's scope decides, not this
    membership = membership_for_token(_token(cast, "be_admin"))
    assert membership is not None
    stored = Membership.objects.select_related("user", "organisation").get(pk=membership.pk)
    for got, expected in [
        (membership, stored),
        (membership.user, stored.user),
        (membership.organisation, stored.organisation),
    ]:
        for field in type(expected)._meta.concrete_fields:
            assert getattr(got, field.attname) == getattr(expected, field.attname), field.name
    assert membership.organisation.slug == "test-be" and membership.role == "org_admin"


def test_tokens_are_stored_as_digests(cast: Cast) -> None:
    secret = _token(cast, "be_admin")
    stored = ApiToken.objects.get()
    assert secret not in (stored.digest, stored.prefix) and len(stored.digest) == 64
    assert secret.split("_", 2)[2] not in stored.digest


def test_a_token_lifetime_is_bounded(cast: Cast) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as raised:
        _token(cast, "be_admin", days=400)
    assert "days" in raised.value.message_dict


def test_validation_errors_name_the_field(cast: Cast) -> None:
    response = Client().post(
        "/api/v1/members",
        {"email": "someone@cast.test", "role": "wizard"},
        content_type="application/json",
        headers=_bearer(_token(cast, "be_admin")),
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    assert [e["field"] for e in body["errors"]] == ["role"]


def test_business_rule_errors_name_the_field(cast: Cast) -> None:
    response = Client().post(
        "/api/v1/members",
        {"email": "not-an-address", "role": "operator"},
        content_type="application/json",
        headers=_bearer(_token(cast, "be_admin")),
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "email", "message": "Enter a valid e-mail address."}
    ]


def test_invite_change_and_deactivate_through_the_api(cast: Cast) -> None:
    auth = _bearer(_token(cast, "be_admin"))
    created = Client().post(
        "/api/v1/members",
        {"email": "api.person@cast.test", "role": "operator"},
        content_type="application/json",
        headers=auth,
    )
    assert created.status_code == 201
    assert created.json()["state"] == "pending"
    invitee = Client()
    invitee.force_login(User.objects.get(email="api.person@cast.test"))
    joined = invitee.post(f"/api/v1/me/invitations/{created.json()['id']}/accept")
    assert joined.status_code == 200 and joined.json()["role"] == "operator"
    listed = Client().get("/api/v1/members?page_size=100", headers=auth).json()["items"]
    member_id = next(m["id"] for m in listed if m["email"] == "api.person@cast.test")
    changed = Client().patch(
        f"/api/v1/members/{member_id}",
        {"role": "supervisor"},
        content_type="application/json",
        headers=auth,
    )
    assert changed.json()["role"] == "supervisor"
    gone = Client().post(f"/api/v1/members/{member_id}/deactivate", headers=auth)
    assert gone.json()["is_active"] is False


def test_another_organisations_member_is_404_in_the_error_format(cast: Cast) -> None:
    response = Client().get(
        f"/api/v1/members/{cast.member('fr_operator').pk}",
        headers=_bearer(_token(cast, "be_admin")),
    )
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_role_without_permission_gets_403(cast: Cast) -> None:
    response = Client().get("/api/v1/members", headers=_bearer(_token(cast, "be_operator")))
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_lists_are_paginated_one_way(cast: Cast) -> None:
    auth = _bearer(_token(cast, "be_admin"))
    first = Client().get("/api/v1/members?page=1&page_size=3", headers=auth).json()
    second = Client().get("/api/v1/members?page=2&page_size=3", headers=auth).json()
    assert first["count"] == 4 and first["page"] == 1 and first["page_size"] == 3
    assert len(first["items"]) == 3 and len(second["items"]) == 1
    assert Client().get("/api/v1/members?page_size=1000", headers=auth).status_code == 422


def test_session_writes_need_the_csrf_token(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.user("be_admin"))
    response = client.post(
        "/api/v1/members",
        {"email": "c@cast.test", "role": "operator"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_anonymous_calls_are_rate_limited(settings, cast: Cast) -> None:
    from homeward.api.api import api as the_api

    assert isinstance(the_api.throttle, list)
    limit = the_api.throttle[0]
    assert isinstance(limit, AnonRateThrottle)
    limit.rate, limit.num_requests, limit.duration = "3/min", 3, 60
    try:
        statuses = [Client().get("/api/v1/hotlines").status_code for _ in range(4)]
    finally:
        limit.rate = settings.API_RATE_ANONYMOUS
        limit.num_requests, limit.duration = limit.parse_rate(limit.rate)
    assert statuses == [200, 200, 200, 429]
