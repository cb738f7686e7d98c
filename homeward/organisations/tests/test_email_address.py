"""A member cannot change her own sign-in address: allauth's e-mail page let anyone make an
unverified address her primary one, and so receive the invitation (and the password reset)
meant for the address's real holder."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress

from homeward.organisations import actions
from homeward.organisations.models import Invitation
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def test_an_address_cannot_be_claimed_to_capture_an_invitation(cast: Cast) -> None:
    attacker = cast.client("fr_operator")
    new_hire = "new.hire@be.example.test"
    for action in ("action_add", "action_primary"):
        page = attacker.post("/accounts/email/", {"email": new_hire, action: ""})
        assert page.status_code == 200
        assert "cannot be changed here" in page.content.decode()
    assert cast.user("fr_operator").email == "fr_operator@cast.test"
    assert not EmailAddress.objects.filter(email__iexact=new_hire).exists()

    admin = cast.member("be_admin")
    invitation = actions.invite_member(membership=admin, email=new_hire, role="supervisor")
    assert invitation.invitee_id != cast.user("fr_operator").pk
    assert not Invitation.objects.filter(invitee=cast.user("fr_operator")).exists()
    assert attacker.get("/account/invitations/").content.decode().count("accept") == 0


def test_the_page_names_the_address_in_use(cast: Cast) -> None:
    page = cast.client("be_operator").get("/accounts/email/")
    assert page.status_code == 200 and "be_operator@cast.test" in page.content.decode()
