"""Objects in a given organisation, for building matrix URLs."""

from __future__ import annotations

from homeward.organisations.models import Membership, Organisation
from homeward.testing.cast import Cast


def member_in(cast: Cast, organisation: Organisation) -> Membership:
    """A member of `organisation` who is not an administrator (so writes on them are allowed)."""
    for membership in cast.members.values():
        if membership.organisation_id == organisation.pk and membership.role != "org_admin":
            return membership
    raise LookupError(organisation)
