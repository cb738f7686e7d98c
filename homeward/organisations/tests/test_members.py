"""Organisation admins invite, change roles and deactivate; deactivation is immediate."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from homeward.audit.models import AuditEvent
from homeward.organisations import actions
from homeward.organisations.models import Invitation, Membership, User
from homeward.testing.cast import Cast, sign_in

pytestmark = pytest.mark.django_db


def test_an_invitation_creates_the_account_and_mails_a_link(
    cast: Cast, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client("be_admin").post(
            "/organisation/members/invite/",
            {"email": "New.Person@Example.test", "full_name": "New Person", "role": "operator"},
        )
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.test")
    assert not user.has_usable_password()
    assert not Membership.objects.filter(user=user).exists()  # not before she accepts
    invitation = Invitation.objects.get(email="new.person@example.test")
    assert invitation.organisation == cast.be and invitation.role == "operator"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "/accounts/password/reset/key/" in message.body
    assert "/account/invitations/" in message.body
    assert "Test Hotline Belgium" in message.subject
    assert AuditEvent.objects.filter(
        action="organisations.invitation.create", organisation_id=cast.be.pk
    ).exists()


def test_an_existing_person_can_join_a_second_organisation(cast: Cast) -> None:
    invitation = actions.invite_member(
        membership=cast.member("fr_admin"),
        email="be_operator@cast.test",
        role="supervisor",
    )
    actions.accept_invitation(acting_user=cast.user("be_operator"), invitation=invitation)
    assert Membership.objects.filter(user=cast.user("be_operator")).count() == 2
    with pytest.raises(ValidationError) as raised:
        actions.invite_member(
            membership=cast.member("fr_admin"),
            email="be_operator@cast.test",
            role="operator",
        )
    assert "email" in raised.value.message_dict


def test_a_role_must_exist_in_the_kind_of_organisation(cast: Cast) -> None:
    response = cast.client("coordinator").post(
        "/organisation/members/invite/", {"email": "x@cast.test", "role": "operator"}
    )
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    with pytest.raises(ValidationError) as raised:
        cast.join("y@cast.test", cast.network, "operator")
    assert "role" in raised.value.message_dict


def test_a_bad_email_names_the_field(cast: Cast) -> None:
    with pytest.raises(ValidationError) as raised:
        cast.join("not an address", cast.be, "operator")
    assert "email" in raised.value.message_dict
    assert not User.objects.filter(email="not an address").exists()


def test_changing_a_role_is_audited_with_the_field_name(cast: Cast) -> None:
    client = cast.client("be_admin")
    member = cast.member("be_operator")
    response = client.post(f"/organisation/members/{member.pk}/", {"role": "supervisor"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == "supervisor"
    event = AuditEvent.objects.get(action="organisations.member.change_role")
    assert event.fields == ["role"] and event.actor_id == cast.user("be_admin").pk


def test_the_last_admin_cannot_remove_themself(cast: Cast) -> None:
    admin = cast.member("be_admin")
    with pytest.raises(ValidationError):
        actions.change_role(membership=admin, member=admin, role="operator")
    with pytest.raises(ValidationError):
        actions.deactivate_member(membership=admin, member=admin)
    cast.join("admin2@cast.test", cast.be, "org_admin")
    actions.change_role(membership=admin, member=admin, role="dpo")


def test_deactivation_ends_sessions_and_tokens_at_once(cast: Cast) -> None:
    operator = cast.member("be_operator")
    browser = Client()
    response = sign_in(browser, "be_operator@cast.test")
    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    assert browser.get("/dashboard/").status_code == 200
    token = actions.create_api_token(membership=operator, name="script").secret
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200

    deactivated = cast.client("be_admin").post(f"/organisation/members/{operator.pk}/deactivate/")
    assert deactivated.status_code == 302

    assert browser.get("/dashboard/").status_code == 302  # back to sign-in
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    # Her account is not locked by one organisation: signed in, she simply has nothing to see.
    operator.user.refresh_from_db()
    assert operator.user.is_active
    again = Client()
    again.force_login(operator.user)
    assert again.get("/dashboard/")["Location"] == "/account/invitations/"
    assert again.get("/cases/").status_code in {302, 403}
    assert AuditEvent.objects.filter(action="organisations.member.deactivate").exists()


def test_deactivation_in_one_organisation_keeps_the_other(cast: Cast) -> None:
    cast.join("be_operator@cast.test", cast.fr, "operator")
    actions.deactivate_member(membership=cast.member("be_admin"), member=cast.member("be_operator"))
    user = cast.user("be_operator")
    user.refresh_from_db()
    assert user.is_active
    client = Client()
    client.force_login(user)
    response = client.get("/dashboard/")
    assert response.context["membership"].organisation == cast.fr


def test_reactivation_restores_access(cast: Cast) -> None:
    operator = cast.member("be_operator")
    actions.deactivate_member(membership=cast.member("be_admin"), member=operator)
    cast.client("be_admin").post(f"/organisation/members/{operator.pk}/reactivate/")
    operator.refresh_from_db()
    operator.user.refresh_from_db()
    assert operator.is_active and operator.user.is_active


def test_another_hotlines_member_page_is_404(cast: Cast) -> None:
    fr_member = cast.member("fr_operator")
    client = cast.client("be_admin")
    assert client.get(f"/organisation/members/{fr_member.pk}/").status_code == 404
    assert client.get("/organisation/members/999999/").status_code == 404
    assert client.post(f"/organisation/members/{fr_member.pk}/deactivate/").status_code == 404
    fr_member.refresh_from_db()
    assert fr_member.is_active


def test_the_member_list_shows_only_own_members(cast: Cast) -> None:
    content = cast.client("be_admin").get("/organisation/members/").content.decode()
    assert "be_operator@cast.test" in content
    assert "fr_operator@cast.test" not in content


def test_reading_a_members_record_is_in_the_audit_trail(cast: Cast) -> None:
    target = cast.member("be_operator")
    cast.client("be_admin").get(f"/organisation/members/{target.pk}/")
    event = AuditEvent.objects.get(action="organisations.member.read")
    assert event.object_id == str(target.pk) and event.actor_id == cast.user("be_admin").pk
    assert event.fields == ["email", "full_name", "role"]
