"""The language a member chooses is kept on her account and used at every sign-in, in any
browser."""

from __future__ import annotations

import pytest
from django.test import Client

from homeward.audit.models import AuditEvent
from homeward.testing.cast import Cast, sign_in

pytestmark = pytest.mark.django_db


def test_german_chosen_once_is_german_at_the_next_sign_in(cast: Cast) -> None:
    email = cast.user("be_operator").email
    browser = Client()
    sign_in(browser, email)
    browser.post("/i18n/setlang/", {"language": "de", "next": "/dashboard/"})
    assert "Fälle" in browser.get("/dashboard/").content.decode()
    browser.post("/accounts/logout/")

    another_browser = Client()  # no language cookie; the TOTP code of a minute ago is spent
    another_browser.force_login(cast.user("be_operator"))
    page = another_browser.get("/dashboard/")
    assert '<html lang="de">' in page.content.decode()
    assert "Meine Fälle" in page.content.decode()
    assert another_browser.cookies["django_language"].value == "de"
    assert (
        AuditEvent.objects.filter(action="accounts.user.update", fields=["language"]).count() == 1
    )


def test_a_member_who_never_chose_keeps_the_browsers_language(cast: Cast) -> None:
    browser = Client(headers={"Accept-Language": "fr"})
    sign_in(browser, cast.user("be_operator").email)
    assert '<html lang="fr">' in browser.get("/dashboard/").content.decode()


def test_an_unknown_language_is_not_kept(cast: Cast) -> None:
    client = cast.client("be_operator")
    client.post("/i18n/setlang/", {"language": "xx", "next": "/dashboard/"})
    cast.user("be_operator").refresh_from_db()
    assert cast.user("be_operator").language == ""
