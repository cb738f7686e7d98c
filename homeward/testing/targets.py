"""Objects in a given organisation, for building matrix URLs."""

from __future__ import annotations

from homeward.organisations import actions
from homeward.organisations.models import Invitation, Membership, Organisation
from homeward.organisations.roles import Permission, roles_for_kind
from homeward.testing.cast import Cast


def member_in(cast: Cast, organisation: Organisation) -> Membership:
    """A member of `organisation` who is not an administrator (so writes on them are allowed)."""
    for membership in cast.members.values():
        if membership.organisation_id == organisation.pk and membership.role != "org_admin":
            return membership
    raise LookupError(organisation)


def _admin_of(cast: Cast, organisation: Organisation) -> Membership:
    for membership in cast.members.values():
        if membership.organisation_id == organisation.pk and membership.has_perm(
            Permission.MANAGE_MEMBERS
        ):
            return membership
    raise LookupError(organisation)


def invitation_from(cast: Cast, organisation: Organisation, email: str) -> Invitation:
    """An open invitation of `organisation` to `email`, made once per test."""
    pending = Invitation.objects.pending().filter(organisation=organisation, email=email).first()
    if pending is not None:
        return pending
    return actions.invite_member(
        membership=_admin_of(cast, organisation),
        email=email,
        role=roles_for_kind(organisation.kind)[0],
    )


def invitation_for(cast: Cast, requester: str, own: bool) -> Invitation:
    """An invitation addressed to the requester (own), or to someone else (not own), from a
    hotline the requester is not a member of."""
    home = cast.org_of(requester)
    inviting = cast.fr if home.pk != cast.fr.pk else cast.be
    email = cast.user(requester).email if own else "someone-else@cast.test"
    return invitation_from(cast, inviting, email)
