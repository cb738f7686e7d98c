"""Sign-in rules: MFA where personal data is reachable, session limits, throttling that cannot
be used to lock others out, no self sign-up, a strict Content-Security-Policy."""

from __future__ import annotations

import re
import time

import pytest
from django.test import Client

from homeward.organisations.middleware import LOGIN_AT_SESSION_KEY
from homeward.organisations.models import User
from homeward.testing.cast import PASSWORD, Cast, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def without_mfa(cast: Cast) -> User:
    return cast.join("nomfa@cast.test", cast.be, "operator", mfa=False).user


def test_a_role_with_personal_data_must_set_up_mfa_first(without_mfa: User) -> None:
    client = Client()
    assert sign_in(client, "nomfa@cast.test")["Location"] == "/dashboard/"
    response = client.get("/dashboard/")
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/totp/activate/"
    confirm = client.get("/accounts/2fa/totp/activate/")  # allauth asks for the password again
    assert confirm["Location"].startswith("/accounts/reauthenticate/")
    client.post(confirm["Location"], {"password": PASSWORD})
    setup = client.get("/accounts/2fa/totp/activate/")
    assert setup.status_code == 200 and b"Authenticator code" in setup.content
    api = client.get("/api/v1/me")
    assert api.status_code == 403 and api.json()["code"] == "mfa_required"


def test_the_demo_may_relax_mfa_and_says_so(without_mfa: User, settings) -> None:
    settings.REQUIRE_MFA = False
    settings.DEMO = True
    client = Client()
    login_page = client.get("/accounts/login/").content.decode()
    assert "Two-factor authentication is not enforced in this demo" in login_page
    client.force_login(without_mfa)
    assert client.get("/dashboard/").status_code == 200


def test_sign_in_asks_for_the_totp_code(cast: Cast) -> None:
    client = Client()
    first = client.post(
        "/accounts/login/", {"login": "be_operator@cast.test", "password": PASSWORD}
    )
    assert first["Location"].startswith("/accounts/2fa/authenticate")
    assert client.get("/dashboard/").status_code == 302  # not signed in yet
    wrong = client.post(first["Location"], {"code": "000000"})
    assert wrong.status_code == 200
    assert sign_in(Client(), "be_operator@cast.test")["Location"] == "/dashboard/"


def test_a_session_ends_twelve_hours_after_sign_in(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.user("be_operator"))
    assert client.get("/dashboard/").status_code == 200
    session = client.session
    session[LOGIN_AT_SESSION_KEY] = time.time() - 12 * 3600 - 1
    session.save()
    response = client.get("/dashboard/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?expired=1"
    assert client.get("/dashboard/").status_code == 302


def test_idle_sessions_expire_after_thirty_minutes(settings, cast: Cast) -> None:
    client = Client()
    client.force_login(cast.user("be_operator"))
    client.get("/dashboard/")
    assert settings.SESSION_SAVE_EVERY_REQUEST  # each request renews the idle window
    assert client.session.get_expiry_age() == 30 * 60


def _fail(client: Client, email: str, address: str) -> int:
    return client.post(
        "/accounts/login/", {"login": email, "password": "wrong-password"}, REMOTE_ADDR=address
    ).status_code


def test_guessing_locks_only_that_account_from_that_address(cast: Cast) -> None:
    attacker = Client()
    for _ in range(5):
        _fail(attacker, "be_operator@cast.test", "203.0.113.9")
    locked = attacker.post(
        "/accounts/login/",
        {"login": "be_operator@cast.test", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.9",
    )
    assert locked.status_code == 429
    assert "paused" in locked.content.decode()
    desk = Client(REMOTE_ADDR="198.51.100.4")
    assert sign_in(desk, "be_operator@cast.test")["Location"] == "/dashboard/"
    colleague = Client(REMOTE_ADDR="203.0.113.9")
    response = sign_in(colleague, "be_supervisor@cast.test")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == "/dashboard/"


def test_nobody_signs_themself_up(db: None) -> None:
    client = Client()
    client.post(
        "/accounts/signup/",
        {"email": "walk.in@cast.test", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert not User.objects.filter(email="walk.in@cast.test").exists()


@pytest.mark.parametrize(
    "path", ["/", "/hotlines/", "/accounts/login/", "/dashboard/", "/organisation/members/"]
)
def test_pages_have_a_strict_csp_and_no_inline_script(cast: Cast, path: str) -> None:
    client = Client()
    client.force_login(cast.user("be_admin"))
    if path in ("/", "/accounts/login/"):
        client = Client()
    response = client.get(path)
    assert response.status_code == 200, path
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    for tag in re.findall(r"<script[^>]*>", response.content.decode()):
        assert "src=" in tag or 'type="application/json"' in tag, tag
