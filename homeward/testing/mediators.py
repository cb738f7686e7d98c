"""Builders for mediator tests: the mediator network, published profiles, a manager and a
mediator with accounts, and mediation requests."""

from __future__ import annotations

from itertools import count
from typing import Any

from homeward.mediators import actions
from homeward.mediators.models import MediationRequest, Mediator
from homeward.organisations import actions as org_actions
from homeward.organisations.models import Membership, Organisation
from homeward.organisations.roles import OrganisationKind, Role
from homeward.testing.cast import Cast

_numbers = count(1)


def mediator_network() -> Organisation:
    found = Organisation.objects.filter(slug="test-mediators").first()
    return found or org_actions.create_organisation(
        acting_user=None,
        name="Test Mediator Network",
        slug="test-mediators",
        kind=OrganisationKind.MEDIATOR_NETWORK,
        country="DE",
        languages=["en"],
    )


def profile(**fields: Any) -> actions.ProfileData:
    number = next(_numbers)
    data: dict[str, Any] = {
        "full_name": f"Test Mediator {number}",
        "gender": "woman",
        "background": "legal",
        "profession": "Lawyer",
        "languages": [("en", "fluent")],
        "practice_countries": ["BE"],
        "network_training": True,
        "training_hours": 60,
        "email": f"mediator{number}@mediators.test",
        "phone": "+32 000 00 00",
    }
    data.update(fields)
    return actions.ProfileData(**data)


def make_mediators(*profiles: actions.ProfileData) -> list[Mediator]:
    network = mediator_network()
    before = set(Mediator.objects.values_list("pk", flat=True))
    actions.add_published_profiles(organisation=network, profiles=profiles)
    return list(Mediator.objects.exclude(pk__in=before).order_by("pk"))


def manager(cast: Cast) -> Membership:
    if "mediator_manager" not in cast.members:
        cast.members["mediator_manager"] = cast.join(
            "mediator_manager@cast.test", mediator_network(), Role.MEDIATOR_MANAGER
        )
    return cast.member("mediator_manager")


def mediator_account(cast: Cast, name: str = "mediator", **fields: Any) -> Membership:
    """A mediator with an account and a published profile."""
    if name not in cast.members:
        membership = cast.join(f"{name}@cast.test", mediator_network(), Role.MEDIATOR)
        cast.members[name] = membership
        actions.save_profile(membership=membership, data=profile(**fields))
        actions.submit_profile(membership=membership)
        mediator = Mediator.objects.get(user=membership.user)
        actions.publish_profile(membership=manager(cast), mediator=mediator)
    return cast.member(name)


def request_data(**fields: Any) -> actions.RequestData:
    data: dict[str, Any] = {
        "situation": "taken_abroad",
        "country_a": "BE",
        "country_b": "PL",
        "languages_a": ["nl"],
        "languages_b": ["pl"],
        "contact_name": "Test Parent",
        "contact_email": "parent@family.test",
    }
    data.update(fields)
    return actions.RequestData(**data)


def make_request(**fields: Any) -> MediationRequest:
    return actions.request_mediation(
        organisation=mediator_network(), data=request_data(**fields), consent=True
    )
