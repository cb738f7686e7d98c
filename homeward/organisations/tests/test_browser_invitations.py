"""An invitation in a real browser: the addressee, signed in, sees the banner, accepts, and
stays in the organisation she was working in."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from homeward.organisations import actions
from homeward.organisations.models import Membership
from homeward.testing.browser import sign_in
from homeward.testing.cast import Cast

pytestmark = pytest.mark.browser


def test_a_signed_in_supervisor_accepts_an_invitation(page: Any, cast_live: Cast) -> None:
    actions.invite_member(
        membership=cast_live.member("be_admin"),
        email="fr_supervisor@cast.test",
        role="operator",
    )
    sign_in(page, "fr_supervisor@cast.test")
    page.wait_for_url(re.compile(r"/dashboard/$"))
    page.get_by_role("link", name="You have an invitation to join an organisation.").click()
    page.wait_for_url(re.compile(r"/account/invitations/$"))
    card = page.locator("section.invitation")
    expect(card.get_by_role("heading", name="Test Hotline Belgium")).to_be_visible()
    card.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("You are now a member of Test Hotline Belgium.")).to_be_visible()
    expect(page.get_by_text("You have no open invitations.")).to_be_visible()
    # She is still working in France, and can switch to Belgium when she chooses.
    expect(page.locator(".current-org strong")).to_have_text("Test Hotline France")
    expect(page.get_by_label("Switch organisation")).to_contain_text("Test Hotline Belgium")
    assert Membership.objects.filter(
        user=cast_live.user("fr_supervisor"), organisation=cast_live.be, is_active=True
    ).exists()
