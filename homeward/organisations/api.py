"""The organisations part of the REST API: me, my organisations, members, hotline directory."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from homeward.audit.actions import record_read
from homeward.core.api_types import Id
from homeward.organisations import access, actions
from homeward.organisations.models import Hotline, Invitation, Membership, Organisation
from homeward.organisations.roles import Permission
from homeward.organisations.schemas import (
    HotlineOut,
    InvitationOut,
    MemberIn,
    MemberOut,
    MeOut,
    MyInvitationOut,
    MyMembershipOut,
    OrganisationOut,
    RoleIn,
)

router = Router(tags=["organisations"])
public_router = Router(tags=["public"])


def _actor(request: HttpRequest) -> access.Actor:
    actor: access.Actor = request.auth  # type: ignore[attr-defined]
    return actor


def _organisation(organisation: Organisation) -> OrganisationOut:
    return OrganisationOut.model_validate(organisation, from_attributes=True)


def _member(membership: Membership) -> MemberOut:
    return MemberOut.from_orm(membership)


def _invitation(invitation: Invitation) -> InvitationOut:
    return InvitationOut.model_validate(invitation, from_attributes=True)


def _my_invitation(invitation: Invitation) -> MyInvitationOut:
    return MyInvitationOut(
        id=invitation.pk,
        organisation=_organisation(invitation.organisation),
        role=invitation.role,
        expires_at=invitation.expires_at,
    )


@router.get(
    "/me",
    operation_id="get_me",
    response=MeOut,
    summary="Who I am, in which organisation, with which permissions",
)
def me(request: HttpRequest) -> MeOut:
    from allauth.mfa.utils import is_mfa_enabled

    actor = _actor(request)
    membership = actor.membership
    return MeOut(
        id=actor.user.pk,
        email=actor.user.email,
        full_name=actor.user.full_name,
        organisation=_organisation(membership.organisation) if membership else None,
        role=membership.role if membership else None,
        permissions=sorted(membership.permissions) if membership else [],
        mfa_enabled=is_mfa_enabled(actor.user),
    )


@router.get(
    "/organisations",
    operation_id="list_my_organisations",
    response=list[MyMembershipOut],
    summary="The organisations I belong to",
)
def my_organisations(request: HttpRequest) -> list[MyMembershipOut]:
    actor = _actor(request)
    memberships = (
        [actor.require_membership()]
        if actor.via_token
        else list(access.active_memberships(actor.user))
    )
    current = actor.membership.pk if actor.membership else None
    return [
        MyMembershipOut(
            organisation=_organisation(m.organisation),
            role=m.role,
            permissions=sorted(m.permissions),
            current=m.pk == current,
        )
        for m in memberships
    ]


@router.get(
    "/members",
    operation_id="list_members",
    response=list[MemberOut],
    summary="Members of the current organisation",
)
@paginate
def list_members(request: HttpRequest) -> QuerySet[Membership]:
    return access.members_of(_actor(request).require_membership()).order_by("user__email")


@router.get(
    "/members/{member_id}",
    operation_id="get_member",
    response=MemberOut,
    summary="One member of the current organisation",
)
def get_member(request: HttpRequest, member_id: Id) -> MemberOut:
    actor = _actor(request)
    membership = actor.require_membership()
    member = access.access_member_by_id(membership, member_id)
    record_read(
        actor=actor.user,
        organisation=membership.organisation,
        action="organisations.member.read",
        target=member,
        fields=["email", "full_name", "role"],
    )
    return _member(member)


@router.post(
    "/members",
    operation_id="invite_member",
    response={201: InvitationOut},
    summary="Invite someone to the current organisation",
    description=(
        "Creates an invitation, not a membership: the person becomes a member when she accepts "
        "it, signed in. The answer is the same whether or not the address has an account; "
        "only an address that is already a member of this organisation is refused."
    ),
)
def invite_member(request: HttpRequest, payload: MemberIn) -> Status[InvitationOut]:
    actor = _actor(request)
    membership = actor.require_membership()
    access.require_permission(membership, Permission.MANAGE_MEMBERS)
    invitation = actions.invite_member(
        membership=membership,
        email=payload.email,
        full_name=payload.full_name,
        role=payload.role,
    )
    return Status(201, _invitation(invitation))


@router.get(
    "/invitations",
    operation_id="list_invitations",
    response=list[InvitationOut],
    summary="The current organisation's invitations still open",
)
@paginate
def list_invitations(request: HttpRequest) -> list[InvitationOut]:
    invitations = access.invitations_of(_actor(request).require_membership()).order_by("email")
    return [_invitation(i) for i in invitations]


@router.post(
    "/invitations/{invitation_id}/revoke",
    operation_id="revoke_invitation",
    response=InvitationOut,
    summary="Revoke an open invitation of the current organisation",
)
def revoke_invitation(request: HttpRequest, invitation_id: Id) -> InvitationOut:
    actor = _actor(request)
    membership = actor.require_membership()
    invitation = access.access_invitation_by_id(membership, invitation_id)
    return _invitation(actions.revoke_invitation(membership=membership, invitation=invitation))


def _invitee(request: HttpRequest) -> access.Actor:
    """The person herself, signed in: a token acts for one organisation, not for its holder's
    invitations elsewhere."""
    actor = _actor(request)
    if actor.via_token:
        raise PermissionDenied("sign in to answer your invitations")
    return actor


@router.get(
    "/me/invitations",
    operation_id="list_my_invitations",
    response=list[MyInvitationOut],
    summary="My open invitations (signed in)",
)
def my_invitations(request: HttpRequest) -> list[MyInvitationOut]:
    return [_my_invitation(i) for i in access.invitations_for(_invitee(request).user)]


@router.post(
    "/me/invitations/{invitation_id}/accept",
    operation_id="accept_invitation",
    response=MyMembershipOut,
    summary="Accept one of my invitations (signed in): I become a member",
)
def accept_invitation(request: HttpRequest, invitation_id: Id) -> MyMembershipOut:
    actor = _invitee(request)
    invitation = access.access_my_invitation_by_id(actor.user, invitation_id)
    joined = actions.accept_invitation(acting_user=actor.user, invitation=invitation)
    return MyMembershipOut(
        organisation=_organisation(invitation.organisation),
        role=joined.role,
        permissions=sorted(joined.permissions),
        current=actor.membership is not None and joined.pk == actor.membership.pk,
    )


@router.post(
    "/me/invitations/{invitation_id}/decline",
    operation_id="decline_invitation",
    response=InvitationOut,
    summary="Decline one of my invitations (signed in)",
)
def decline_invitation(request: HttpRequest, invitation_id: Id) -> InvitationOut:
    actor = _invitee(request)
    invitation = access.access_my_invitation_by_id(actor.user, invitation_id)
    return _invitation(actions.decline_invitation(acting_user=actor.user, invitation=invitation))


@router.patch(
    "/members/{member_id}",
    operation_id="change_member_role",
    response=MemberOut,
    summary="Change a member's role",
)
def change_member_role(request: HttpRequest, member_id: Id, payload: RoleIn) -> MemberOut:
    actor = _actor(request)
    membership = actor.require_membership()
    target = access.access_member_by_id(membership, member_id)
    return _member(actions.change_role(membership=membership, member=target, role=payload.role))


@router.post(
    "/members/{member_id}/deactivate",
    operation_id="deactivate_member",
    response=MemberOut,
    summary="Deactivate a member: ends their sessions and tokens at once",
)
def deactivate_member(request: HttpRequest, member_id: Id) -> MemberOut:
    actor = _actor(request)
    membership = actor.require_membership()
    target = access.access_member_by_id(membership, member_id)
    return _member(actions.deactivate_member(membership=membership, member=target))


class HotlineFilter(Schema):
    country: str | None = None


def hotline_out(hotline: Hotline) -> dict[str, Any]:
    return {
        "country": hotline.country,
        "name": hotline.name,
        "organisation": hotline.organisation.name,
        "number_116000": hotline.number_116000,
        "other_numbers": hotline.other_numbers,
        "is_24_7": hotline.is_24_7,
        "hours": hotline.hours,
        "channels": hotline.channels,
        "languages": hotline.languages,
        "website": hotline.website,
        "public_email": hotline.public_email,
    }


@public_router.get(
    "",
    operation_id="list_hotlines",
    response=list[HotlineOut],
    auth=None,
    summary="The network's hotlines (public)",
)
@paginate
def list_hotlines(request: HttpRequest, filters: Query[HotlineFilter]) -> list[dict[str, Any]]:
    return [hotline_out(h) for h in access.listed_hotlines(filters.country)]
