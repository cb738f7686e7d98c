"""The fixed cast every test reuses: two hotlines (BE, FR) with the same roles in each, and the
network office with its coordinator. Built through the real actions, with TOTP set up, so
tests run under production rules (MFA required)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.test import Client

from homeward.organisations import actions
from homeward.organisations.models import Membership, Organisation, User
from homeward.organisations.roles import OrganisationKind, Role

PASSWORD = "a-test-password-for-the-cast"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

HOTLINE_ROLES = (Role.OPERATOR, Role.SUPERVISOR, Role.ORG_ADMIN, Role.DPO)


@dataclass
class Cast:
    be: Organisation
    fr: Organisation
    network: Organisation
    members: dict[str, Membership] = field(default_factory=dict)

    def member(self, name: str) -> Membership:
        return self.members[name]

    def user(self, name: str) -> User:
        return self.members[name].user

    def org_of(self, name: str) -> Organisation:
        return self.members[name].organisation

    def client(self, name: str) -> Client:
        """A test client signed in as that member (skipping the sign-in pages)."""
        client = Client()
        client.force_login(self.user(name))
        return client

    def join(
        self, email: str, organisation: Organisation, role: str, *, mfa: bool = True
    ) -> Membership:
        """Adds a membership outside the fixed cast (a second organisation, a newcomer)."""
        membership = actions.add_member(
            acting_user=None,
            organisation=organisation,
            email=email,
            role=role,
            password=PASSWORD,
        )
        from allauth.mfa.utils import is_mfa_enabled

        if mfa and not is_mfa_enabled(membership.user):
            enable_totp(membership.user)
        return membership

    @property
    def names(self) -> list[str]:
        return list(self.members)


def enable_totp(user: User) -> None:
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, TOTP_SECRET)


def add(cast: Cast, name: str, organisation: Organisation, role: Role) -> Membership:
    membership = actions.add_member(
        acting_user=None,
        organisation=organisation,
        email=f"{name}@cast.test",
        full_name=name.replace("_", " ").title(),
        role=role,
        password=PASSWORD,
    )
    enable_totp(membership.user)
    cast.members[name] = membership
    return membership


def build_cast() -> Cast:
    """be_operator, be_supervisor, be_admin, be_dpo; the same with fr_; coordinator and
    network_dpo in the network office."""
    be = actions.create_organisation(
        acting_user=None,
        name="Test Hotline Belgium",
        slug="test-be",
        kind=OrganisationKind.NATIONAL_HOTLINE,
        country="BE",
        languages=["nl", "fr", "de"],
    )
    fr = actions.create_organisation(
        acting_user=None,
        name="Test Hotline France",
        slug="test-fr",
        kind=OrganisationKind.NATIONAL_HOTLINE,
        country="FR",
        languages=["fr"],
        time_zone="Europe/Paris",
    )
    network = actions.create_organisation(
        acting_user=None,
        name="Test Network Office",
        slug="test-network",
        kind=OrganisationKind.NETWORK_OFFICE,
        country="BE",
        languages=["en"],
    )
    cast = Cast(be=be, fr=fr, network=network)
    short = {
        Role.OPERATOR: "operator",
        Role.SUPERVISOR: "supervisor",
        Role.ORG_ADMIN: "admin",
        Role.DPO: "dpo",
    }
    for prefix, organisation in (("be", be), ("fr", fr)):
        for role in HOTLINE_ROLES:
            add(cast, f"{prefix}_{short[role]}", organisation, role)
    add(cast, "coordinator", network, Role.NETWORK_COORDINATOR)
    return cast


def current_totp_code(secret: str = TOTP_SECRET) -> str:
    """The code an authenticator app would show now for `secret`; never one about to expire
    (in a window's last seconds it waits for the next), so a slow form still sends it in time."""
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    remaining = 30 - time.time() % 30
    if remaining < 4:
        time.sleep(remaining + 0.2)
    return str(format_hotp_value(hotp_value(secret, int(time.time()) // 30)))


def sign_in(client: Client, email: str, password: str = PASSWORD) -> Any:
    """Signs in through the real pages: password, then the TOTP code."""
    response = client.post("/accounts/login/", {"login": email, "password": password})
    if response.status_code == 302 and response["Location"].startswith(
        "/accounts/2fa/authenticate"
    ):
        response = client.post(response["Location"], {"code": current_totp_code()})
    return response
