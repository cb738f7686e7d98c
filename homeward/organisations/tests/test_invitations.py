"""Invitations: nobody becomes a member of an organisation without accepting, signed in; the
inviting admin learns nothing about other organisations' staff; deactivating a membership ends
that membership's access only."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from homeward.audit.models import AuditEvent
from homeward.organisations import actions
from homeward.organisations.models import Invitation, Membership
from homeward.testing.cast import Cast, sign_in

pytestmark = pytest.mark.django_db

API = "/api/v1"


def _bearer(cast: Cast, name: str) -> dict[str, str]:
    member = cast.member(name)
    secret = actions.create_api_token(membership=member, name="t", days=30).secret
    return {"Authorization": f"Bearer {secret}"}


def _invite_by_api(cast: Cast, email: str, role: str = "supervisor") -> Any:
    return Client().post(
        f"{API}/members",
        {"email": email, "role": role},
        content_type="application/json",
        headers=_bearer(cast, "be_admin"),
    )


def _shape(body: dict[str, Any]) -> dict[str, Any]:
    """The answer without what differs between any two invitations (id, e-mail, times)."""
    return {
        key: value
        for key, value in body.items()
        if key not in {"id", "email", "created_at", "expires_at"}
    }


def test_another_hotlines_supervisor_cannot_be_taken_over(
    cast: Cast, django_capture_on_commit_callbacks
) -> None:
    victim = cast.member("fr_supervisor")
    # She works in France, in a browser and with a script.
    french_browser = Client()
    sign_in(french_browser, "fr_supervisor@cast.test")
    assert french_browser.get("/dashboard/").context["membership"].organisation == cast.fr
    french_token = {
        "Authorization": "Bearer " + actions.create_api_token(membership=victim, name="s").secret
    }

    # Belgium's admin invites her address: the answer names nobody and she is not a member.
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite_by_api(cast, "fr_supervisor@cast.test")
    assert response.status_code == 201
    body = response.json()
    assert victim.user.full_name not in response.content.decode()
    assert set(body) == {"id", "email", "role", "state", "created_at", "expires_at"}
    assert body["state"] == "pending"
    assert not Membership.objects.filter(user=victim.user, organisation=cast.be).exists()
    belgian_admin = cast.client("be_admin")
    listing = belgian_admin.get("/organisation/members/").content.decode()
    assert "Invitation pending for fr_supervisor@cast.test" in listing
    assert victim.user.full_name not in listing
    members_api = Client().get(f"{API}/members", headers=_bearer(cast, "be_admin")).json()
    assert "fr_supervisor@cast.test" not in {m["email"] for m in members_api["items"]}
    assert mail.outbox[-1].to == ["fr_supervisor@cast.test"]
    assert "/accounts/password/reset/key/" not in mail.outbox[-1].body  # she has a password

    # She sees the invitation while signed in, in France, and accepts it.
    assert b"Test Hotline Belgium" in french_browser.get("/account/invitations/").content
    accepted = french_browser.post(f"/account/invitations/{body['id']}/accept/")
    assert accepted.status_code == 302
    belgian = Membership.objects.get(user=victim.user, organisation=cast.be, is_active=True)
    assert french_browser.get("/dashboard/").context["membership"].organisation == cast.fr

    # Belgium deactivates her: her French session and her French token go on working.
    assert belgian_admin.post(f"/organisation/members/{belgian.pk}/deactivate/").status_code == 302
    page = french_browser.get("/dashboard/")
    assert page.status_code == 200 and page.context["membership"].organisation == cast.fr
    assert Client().get(f"{API}/me", headers=french_token).json()["organisation"]["id"] == (
        cast.fr.pk
    )
    victim.user.refresh_from_db()
    assert victim.user.is_active

    # Reactivated, Belgium still does not become where she works.
    belgian_admin.post(f"/organisation/members/{belgian.pk}/reactivate/")
    assert french_browser.get("/dashboard/").context["membership"].organisation == cast.fr
    next_sign_in = Client()
    next_sign_in.force_login(victim.user)
    assert next_sign_in.get("/dashboard/").context["membership"].organisation == cast.fr


def test_deactivation_ends_the_sessions_working_in_that_organisation(cast: Cast) -> None:
    cast.join("be_operator@cast.test", cast.fr, "operator")
    user = cast.user("be_operator")
    in_belgium, in_france = Client(), Client()
    in_belgium.force_login(user)
    in_france.force_login(user)
    assert in_belgium.get("/dashboard/").context["membership"].organisation == cast.be
    in_france.post("/organisation/switch/", {"organisation": cast.fr.pk})
    assert in_france.get("/dashboard/").context["membership"].organisation == cast.fr
    member = cast.member("be_operator")
    belgian_token = actions.create_api_token(membership=member, name="b").secret

    actions.deactivate_member(membership=cast.member("be_admin"), member=member)

    assert in_belgium.get("/dashboard/").status_code == 302  # signed out
    assert in_france.get("/dashboard/").context["membership"].organisation == cast.fr
    revoked = Client().get(f"{API}/me", headers={"Authorization": f"Bearer {belgian_token}"})
    assert revoked.status_code == 401


def test_a_session_whose_organisation_is_gone_ends_instead_of_moving(cast: Cast) -> None:
    cast.join("be_operator@cast.test", cast.fr, "operator")
    client = Client()
    client.force_login(cast.user("be_operator"))
    assert client.get("/dashboard/").context["membership"].organisation == cast.be
    # The organisation itself is closed (no action ends sessions there yet).
    cast.be.is_active = False
    cast.be.save(update_fields=["is_active"])
    assert client.get("/dashboard/").status_code == 302
    assert client.get(f"{API}/me").status_code == 401


def test_the_answer_is_the_same_whether_or_not_the_address_has_an_account(
    cast: Cast, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        existing = _invite_by_api(cast, "fr_operator@cast.test", "operator")
        unknown = _invite_by_api(cast, "nobody.yet@cast.test", "operator")
    assert existing.status_code == unknown.status_code == 201
    assert _shape(existing.json()) == _shape(unknown.json())
    assert existing.json()["email"] == "fr_operator@cast.test"

    admin = cast.client("be_admin")
    pages = []
    for email in ("fr_dpo@cast.test", "nobody.either@cast.test"):
        response = admin.post(
            "/organisation/members/invite/", {"email": email, "role": "operator"}, follow=True
        )
        assert response.redirect_chain == [("/organisation/members/", 302)]
        pages.append(response.content.decode().replace(email, "<address>"))
    assert pages[0].count("<address>") == pages[1].count("<address>") == 2
    assert "Fr Dpo" not in pages[0]


def test_an_address_already_a_member_here_is_refused_by_name_of_field(cast: Cast) -> None:
    response = _invite_by_api(cast, "be_operator@cast.test", "operator")
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["email"]
    assert _invite_by_api(cast, "twice@cast.test").status_code == 201
    assert _invite_by_api(cast, "twice@cast.test").status_code == 422


def test_accepting_and_declining_are_audited(cast: Cast) -> None:
    to_accept = actions.invite_member(
        membership=cast.member("be_admin"),
        email="fr_operator@cast.test",
        role="operator",
    )
    to_decline = actions.invite_member(
        membership=cast.member("be_admin"),
        email="fr_dpo@cast.test",
        role="dpo",
    )
    cast.client("fr_operator").post(f"/account/invitations/{to_accept.pk}/accept/")
    cast.client("fr_dpo").post(f"/account/invitations/{to_decline.pk}/decline/")
    accept = AuditEvent.objects.get(action="organisations.invitation.accept")
    assert accept.actor_id == cast.user("fr_operator").pk
    assert accept.organisation_id == cast.be.pk and accept.object_id == str(to_accept.pk)
    decline = AuditEvent.objects.get(action="organisations.invitation.decline")
    assert decline.actor_id == cast.user("fr_dpo").pk
    assert not Membership.objects.filter(user=cast.user("fr_dpo"), organisation=cast.be).exists()
    to_decline.refresh_from_db()
    assert to_decline.state == Invitation.State.DECLINED


def test_nobody_answers_someone_elses_invitation(cast: Cast) -> None:
    invitation = actions.invite_member(
        membership=cast.member("be_admin"),
        email="fr_supervisor@cast.test",
        role="supervisor",
    )
    for name in ("fr_operator", "fr_admin", "be_admin", "be_operator"):
        client = cast.client(name)
        assert client.post(f"/account/invitations/{invitation.pk}/accept/").status_code == 404
        assert client.post(f"/account/invitations/{invitation.pk}/decline/").status_code == 404
        assert client.post(f"{API}/me/invitations/{invitation.pk}/accept").status_code == 404
        accept_url = f"/account/invitations/{invitation.pk}/accept/"
        assert accept_url not in client.get("/account/invitations/").content.decode()
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.PENDING
    assert not Membership.objects.filter(
        user=cast.user("fr_supervisor"), organisation=cast.be
    ).exists()


@pytest.mark.parametrize("ending", ["accepted", "declined", "revoked", "expired"])
def test_an_invitation_no_longer_open_cannot_be_replayed(cast: Cast, ending: str) -> None:
    invitation = actions.invite_member(
        membership=cast.member("be_admin"),
        email="fr_supervisor@cast.test",
        role="supervisor",
    )
    invitee = cast.user("fr_supervisor")
    if ending == "accepted":
        membership = actions.accept_invitation(acting_user=invitee, invitation=invitation)
        actions.deactivate_member(membership=cast.member("be_admin"), member=membership)
    elif ending == "declined":
        actions.decline_invitation(acting_user=invitee, invitation=invitation)
    elif ending == "revoked":
        cast.client("be_admin").post(f"/organisation/invitations/{invitation.pk}/revoke/")
    else:
        Invitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - timedelta(seconds=1)
        )
    client = cast.client("fr_supervisor")
    assert client.post(f"/account/invitations/{invitation.pk}/accept/").status_code == 404
    assert client.post(f"{API}/me/invitations/{invitation.pk}/accept").status_code == 404
    assert not Membership.objects.filter(
        user=invitee, organisation=cast.be, is_active=True
    ).exists()


def test_an_admin_cannot_revoke_or_see_another_organisations_invitations(cast: Cast) -> None:
    invitation = actions.invite_member(
        membership=cast.member("fr_admin"),
        email="someone@cast.test",
        role="operator",
    )
    admin = cast.client("be_admin")
    assert admin.post(f"/organisation/invitations/{invitation.pk}/revoke/").status_code == 404
    assert admin.post(f"{API}/invitations/{invitation.pk}/revoke").status_code == 404
    assert b"someone@cast.test" not in admin.get("/organisation/members/").content
    assert admin.get(f"{API}/invitations").json()["items"] == []
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.PENDING


def test_a_token_cannot_answer_invitations(cast: Cast) -> None:
    invitation = actions.invite_member(
        membership=cast.member("be_admin"),
        email="fr_supervisor@cast.test",
        role="supervisor",
    )
    auth = _bearer(cast, "fr_supervisor")
    response = Client().post(f"{API}/me/invitations/{invitation.pk}/accept", headers=auth)
    assert response.status_code == 403
    assert Client().get(f"{API}/me/invitations", headers=auth).status_code == 403


def test_a_newcomer_chooses_a_password_signs_in_and_accepts(
    cast: Cast, django_capture_on_commit_callbacks
) -> None:
    import re
    from urllib.parse import urlsplit

    with django_capture_on_commit_callbacks(execute=True):
        _invite_by_api(cast, "newcomer@cast.test", "operator")
    link = re.search(r"http://\S+/accounts/password/reset/key/\S+", str(mail.outbox[-1].body))
    assert link is not None
    browser = Client()
    opened = browser.get(urlsplit(link.group(0)).path)
    form_path = opened["Location"] if opened.status_code == 302 else urlsplit(link.group(0)).path
    chosen = "a-long-new-password-for-tests"
    done = browser.post(form_path, {"password1": chosen, "password2": chosen})
    assert done.status_code == 302
    browser.post("/accounts/login/", {"login": "newcomer@cast.test", "password": chosen})
    assert browser.get("/dashboard/")["Location"] == "/account/invitations/"
    invitation = Invitation.objects.get(email="newcomer@cast.test")
    assert browser.post(f"/account/invitations/{invitation.pk}/accept/")["Location"] == (
        "/dashboard/"
    )
    assert Membership.objects.get(user__email="newcomer@cast.test").organisation == cast.be


def test_the_member_pages_say_nothing_of_another_organisations_members(cast: Cast) -> None:
    foreign = cast.member("fr_supervisor")
    admin = cast.client("be_admin")
    api_auth = _bearer(cast, "be_admin")
    assert admin.get(f"/organisation/members/{foreign.pk}/").status_code == 404
    assert admin.post(f"/organisation/members/{foreign.pk}/", {"role": "operator"}).status_code == (
        404
    )
    for action in ("deactivate", "reactivate"):
        assert admin.post(f"/organisation/members/{foreign.pk}/{action}/").status_code == 404
    assert Client().get(f"{API}/members/{foreign.pk}", headers=api_auth).status_code == 404
    patched = Client().patch(
        f"{API}/members/{foreign.pk}",
        {"role": "operator"},
        content_type="application/json",
        headers=api_auth,
    )
    assert patched.status_code == 404
    assert Client().post(
        f"{API}/members/{foreign.pk}/deactivate", headers=api_auth
    ).status_code == (404)
    foreign.refresh_from_db()
    assert foreign.is_active and foreign.role == "supervisor"
