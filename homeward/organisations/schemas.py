from __future__ import annotations

from datetime import datetime
from typing import Annotated

from ninja import Field, Schema

from homeward.core.api_types import NoNul
from homeward.organisations.models import Membership
from homeward.organisations.roles import Role


class OrganisationOut(Schema):
    id: int
    name: str
    slug: str
    kind: str
    country: str
    languages: list[str]
    time_zone: str


class MyMembershipOut(Schema):
    organisation: OrganisationOut
    role: str
    permissions: list[str]
    current: bool


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    organisation: OrganisationOut | None
    role: str | None
    permissions: list[str]
    mfa_enabled: bool


class MemberOut(Schema):
    id: int
    user_id: int
    email: str
    full_name: str
    role: str
    is_active: bool

    @staticmethod
    def resolve_email(membership: Membership) -> str:
        return membership.user.email

    @staticmethod
    def resolve_full_name(membership: Membership) -> str:
        return membership.user.full_name


class InvitationOut(Schema):
    """What the inviting organisation sees: the address it typed, never who has it."""

    id: int
    email: str
    role: str
    state: str
    created_at: datetime
    expires_at: datetime


class MyInvitationOut(Schema):
    """An invitation as its addressee sees it."""

    id: int
    organisation: OrganisationOut
    role: str
    expires_at: datetime


class MemberIn(Schema):
    email: Annotated[str, NoNul] = Field(..., max_length=254)
    full_name: Annotated[str, NoNul] = Field("", max_length=200)
    role: Role


class RoleIn(Schema):
    role: Role


class PhoneNumberOut(Schema):
    label: str
    number: str


class HotlineOut(Schema):
    country: str
    name: str
    organisation: str
    number_116000: str
    other_numbers: list[PhoneNumberOut]
    is_24_7: bool
    hours: str
    channels: list[str]
    languages: list[str]
    website: str
    public_email: str
