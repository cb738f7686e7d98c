"""API tokens and two-factor authentication: a token works only while its owner meets the
organisation's MFA policy, and only a session that recently proved who it is with MFA may
create one."""

from __future__ import annotations

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.test import Client

from homeward.organisations import actions
from homeward.organisations.models import ApiToken, Membership
from homeward.testing.cast import PASSWORD, Cast, current_totp_code, enable_totp, sign_in

pytestmark = pytest.mark.django_db

TOKENS = "/account/tokens/"
MFA_REAUTHENTICATE = "/accounts/2fa/reauthenticate/"


def _token_client(membership: Membership) -> Client:
    secret = actions.create_api_token(membership=membership, name="script", days=30).secret
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_a_token_is_refused_while_its_owner_has_no_mfa(cast: Cast) -> None:
    newcomer = cast.join("nomfa@cast.test", cast.be, "operator", mfa=False)
    machine = _token_client(newcomer)
    response = machine.get("/api/v1/cases")
    assert response.status_code == 403
    assert response.json()["code"] == "mfa_required"
    browser = Client()
    browser.force_login(newcomer.user)
    assert browser.get("/api/v1/cases").json()["code"] == "mfa_required"  # the same answer


def test_a_token_stops_when_its_owner_removes_mfa_and_resumes_when_it_is_back(
    cast: Cast,
) -> None:
    operator = cast.member("be_operator")
    machine = _token_client(operator)
    assert machine.get("/api/v1/cases").status_code == 200
    Authenticator.objects.filter(user=operator.user).delete()
    refused = machine.get("/api/v1/me")
    assert refused.status_code == 403 and refused.json()["code"] == "mfa_required"
    enable_totp(operator.user)
    assert machine.get("/api/v1/cases").status_code == 200


def test_without_the_mfa_policy_a_token_works_without_mfa(cast: Cast, settings) -> None:
    settings.REQUIRE_MFA = False  # the local demo
    newcomer = cast.join("nomfa@cast.test", cast.be, "operator", mfa=False)
    assert _token_client(newcomer).get("/api/v1/cases").status_code == 200


def _created(response: object) -> bool:
    return b"Your new token" in response.content  # type: ignore[attr-defined]


def test_creating_a_token_needs_a_recent_mfa_sign_in(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.user("be_operator"))  # a session with no record of MFA
    page = client.get(TOKENS)
    assert page.status_code == 200
    assert b"Confirm it is you" in page.content and b'name="days"' not in page.content
    refused = client.post(TOKENS, {"name": "script", "days": "30"})
    assert refused.status_code == 302
    assert refused["Location"] == f"{MFA_REAUTHENTICATE}?next=%2Faccount%2Ftokens%2F"
    assert not ApiToken.objects.exists()

    signed_in = Client()
    assert sign_in(signed_in, "be_operator@cast.test")["Location"] == "/dashboard/"
    created = signed_in.post(TOKENS, {"name": "script", "days": "30"})
    assert created.status_code == 200 and _created(created)
    assert ApiToken.objects.count() == 1


def _age_the_sign_in(client: Client, minutes: int) -> None:
    session = client.session
    records = session[AUTHENTICATION_METHODS_SESSION_KEY]
    for record in records:
        record["at"] -= minutes * 60
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session.save()


def test_an_older_sign_in_must_confirm_with_mfa_again_and_a_password_is_not_enough(
    cast: Cast,
) -> None:
    client = Client()
    sign_in(client, "be_operator@cast.test")
    _age_the_sign_in(client, 16)
    refused = client.post(TOKENS, {"name": "script", "days": "30"})
    assert refused.status_code == 302 and refused["Location"].startswith(MFA_REAUTHENTICATE)
    assert not ApiToken.objects.exists()

    # Someone at an unlocked desk who knows the password: allauth's password
    # re-authentication is not a second factor.
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    again = client.post(TOKENS, {"name": "script", "days": "30"})
    assert again.status_code == 302 and not ApiToken.objects.exists()

    cache.clear()  # a new TOTP window: the sign-in's code is not replayed
    confirmed = client.post(refused["Location"], {"code": current_totp_code()})
    assert confirmed.status_code == 302 and confirmed["Location"] == TOKENS
    created = client.post(TOKENS, {"name": "script", "days": "30"})
    assert _created(created) and ApiToken.objects.count() == 1


def test_someone_without_mfa_confirms_with_the_password(cast: Cast, settings) -> None:
    settings.REQUIRE_MFA = False  # the demo: a member may have no MFA
    cast.join("nomfa@cast.test", cast.be, "operator", mfa=False)
    client = Client()
    sign_in(client, "nomfa@cast.test")
    _age_the_sign_in(client, 16)
    refused = client.post(TOKENS, {"name": "script", "days": "30"})
    assert refused["Location"].startswith("/accounts/reauthenticate/")
    client.post(refused["Location"], {"password": PASSWORD})
    assert _created(client.post(TOKENS, {"name": "script", "days": "30"}))
