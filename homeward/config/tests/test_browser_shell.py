"""The shell in a real browser: sign-in with MFA, the dashboard, and another hotline's pages."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from homeward.organisations import actions
from homeward.testing.browser import sign_in
from homeward.testing.cast import PASSWORD, Cast, current_totp_code

pytestmark = pytest.mark.browser


def test_an_operator_signs_in_with_mfa_and_sees_the_dashboard(page: Any, cast_live: Cast) -> None:
    sign_in(page, "be_operator@cast.test")
    page.wait_for_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard — Test Hotline Belgium")
    expect(page.get_by_text("Hotline operator").first).to_be_visible()
    nav = page.get_by_role("navigation", name="Main")
    # operators do not manage staff
    expect(nav.get_by_role("link", name="Members")).to_have_count(0)


def test_a_wrong_code_does_not_sign_in(page: Any, cast_live: Cast) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("E-mail").fill("be_operator@cast.test")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_text("Incorrect code")).to_be_visible()
    page.goto("/dashboard/")
    expect(page.get_by_role("heading", level=1)).not_to_contain_text("Dashboard")
    assert "/dashboard/" not in page.url


def test_another_hotlines_member_page_is_not_found(page: Any, cast_live: Cast) -> None:
    sign_in(page, "be_admin@cast.test")
    page.wait_for_url(re.compile(r"/dashboard/$"))
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Members").click()
    expect(page.get_by_role("cell", name="be_operator@cast.test")).to_be_visible()
    own = page.goto(f"/organisation/members/{cast_live.member('be_operator').pk}/")
    assert own is not None and own.status == 200
    foreign = page.goto(f"/organisation/members/{cast_live.member('fr_operator').pk}/")
    assert foreign is not None and foreign.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    assert "fr_operator" not in page.content()


def test_a_member_of_two_hotlines_switches_organisation(page: Any, cast_live: Cast) -> None:
    cast_live.join("be_admin@cast.test", cast_live.fr, "org_admin")
    sign_in(page, "be_admin@cast.test")
    page.wait_for_url(re.compile(r"/dashboard/$"))
    page.get_by_label("Switch organisation").select_option(
        label="Test Hotline France — Organisation admin"
    )
    page.get_by_role("button", name="Switch").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard — Test Hotline France")


def test_the_public_hotline_finder_works_on_a_phone(
    browser: Any, live_app: str, cast_live: Cast
) -> None:
    actions.save_hotline(
        acting_user=None,
        organisation=cast_live.be,
        country="BE",
        name="116 000 Test BE",
        channels=["phone_116000", "chat"],
        languages=["nl", "fr"],
    )
    context = browser.new_context(
        base_url=live_app, viewport={"width": 390, "height": 844}, is_mobile=True
    )
    phone = context.new_page()
    phone.goto("/hotlines/")
    card = phone.locator("#hotline-be")
    assert card.get_by_role("link", name="116 000").get_attribute("href") == "tel:116000"
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing overflows sideways
    context.close()


def test_a_new_member_must_set_up_mfa_before_anything_else(page: Any, cast_live: Cast) -> None:
    cast_live.join("newcomer@cast.test", cast_live.be, "operator", mfa=False)
    page.goto("/accounts/login/")
    page.get_by_label("E-mail").fill("newcomer@cast.test")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    # allauth confirms the password once more before showing a new secret
    expect(page.get_by_role("button", name="Confirm")).to_be_visible()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Activate Authenticator App")).to_be_visible()
    page.goto("/dashboard/")
    expect(page.get_by_role("heading", name="Activate Authenticator App")).to_be_visible()
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(current_totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_text("Authenticator app activated.")).to_be_visible()
    page.goto("/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard — Test Hotline Belgium")
