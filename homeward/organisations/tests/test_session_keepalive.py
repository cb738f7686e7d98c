"""A long call keeps its notes (issue 12, item 2): the session status the staff pages ask
while someone types, and the page a renewed sign-in lands on."""

from __future__ import annotations

import time

import pytest
from django.test import Client

from homeward.organisations.middleware import LOGIN_AT_SESSION_KEY
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def test_the_status_renews_the_session_and_names_who_is_signed_in(cast: Cast) -> None:
    client = Client()
    operator = cast.user("be_operator")
    client.force_login(operator)
    answer = client.get("/account/session/")
    assert answer.status_code == 200 and answer["Cache-Control"].startswith("max-age=0")
    body = answer.json()
    assert body["user"] == operator.pk and body["idle_seconds"] == 30 * 60
    assert 12 * 3600 - 60 <= body["ends_in"] <= 12 * 3600
    assert body["csrf_token"]
    assert client.session.get_expiry_age() == 30 * 60


def test_an_ended_session_is_sent_to_sign_in_and_typing_does_not_pass_twelve_hours(
    cast: Cast,
) -> None:
    assert Client().get("/account/session/").status_code == 302
    client = Client()
    client.force_login(cast.user("be_operator"))
    client.get("/account/session/")
    session = client.session
    session[LOGIN_AT_SESSION_KEY] = time.time() - 12 * 3600 - 1
    session.save()
    assert client.get("/account/session/").status_code == 302


def test_staff_pages_carry_the_session_limits_for_session_js(settings, cast: Cast) -> None:
    settings.SESSION_COOKIE_AGE = 600
    settings.SESSION_WARNING_SECONDS = 90
    client = Client()
    client.force_login(cast.user("be_operator"))
    page = client.get("/dashboard/").content.decode()
    assert 'data-idle="600"' in page and 'data-warning="90"' in page
    assert "homeward/js/session.js" in page
    assert client.get("/account/session/restored/").status_code == 200
    assert "session.js" not in Client().get("/accounts/login/").content.decode()
