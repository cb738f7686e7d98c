"""The network's staff API: the manager lists, reads, publishes and unpublishes profiles; the
manager and the assigned mediators list and read mediation requests, the manager assigns a pair,
either records the outcome. Another network's object, or a request not assigned to the
mediator, is a 404; a missing permission a 403."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from homeward.core.api_types import Id
from homeward.mediators import access, actions
from homeward.mediators.api.public import mediator_out
from homeward.mediators.models import MediationRequest, Mediator
from homeward.mediators.schemas.staff import (
    AssignIn,
    OutcomeIn,
    ProfileListItemOut,
    ProfileOut,
    RequestListItemOut,
    RequestOut,
)
from homeward.organisations.access import who

router = Router(tags=["mediators"])


def profile_out(m: Mediator) -> dict[str, Any]:
    return {
        **mediator_out(m),
        "pk": m.pk,
        "state": m.state,
        "published_at": m.published_at,
        "confirmed_at": m.confirmed_at,
        "reminded_at": m.reminded_at,
    }


def request_item(r: MediationRequest) -> dict[str, Any]:
    return {
        "pk": r.pk,
        "source": r.source,
        "situation": r.situation,
        "country_a": r.country_a,
        "country_b": r.country_b,
        "state": r.state,
        "first_mediator": r.first_mediator_id,
        "second_mediator": r.second_mediator_id,
        "outcome": r.outcome,
        "outcome_on": r.outcome_on,
        "created_at": r.created_at,
    }


def request_out(r: MediationRequest) -> dict[str, Any]:
    return {
        **request_item(r),
        "referring_organisation": r.referring_organisation.name if r.referring_organisation else "",
        **{
            name: getattr(r, name)
            for name in (
                "languages_a",
                "languages_b",
                "contact_name",
                "contact_email",
                "contact_phone",
                "note",
                "assigned_at",
                "intake_on",
            )
        },
        "sessions": [{"held_on": s.held_on, "format": s.format} for s in r.sessions.all()],
    }


@router.get(
    "/mediators/profiles",
    operation_id="list_mediator_profiles",
    response=list[ProfileListItemOut],
    summary="The network's mediator profiles in every state (manager)",
)
@paginate
def list_mediator_profiles(request: HttpRequest, state: str = "") -> QuerySet[Mediator]:
    profiles = access.mediators_of(who(request))
    return profiles.filter(state=state) if state else profiles


@router.get(
    "/mediators/profiles/{mediator_id}",
    operation_id="get_mediator_profile",
    response=ProfileOut,
    summary="One profile of the network, with its state and dates (manager; read audited)",
)
def get_mediator_profile(request: HttpRequest, mediator_id: Id) -> dict[str, Any]:
    return profile_out(access.read_mediator(who(request), mediator_id))


@router.post(
    "/mediators/profiles/{mediator_id}/publish",
    operation_id="publish_mediator_profile",
    response=ProfileOut,
    summary="Publish a verified profile (at least 50 hours of training)",
)
def publish_mediator_profile(request: HttpRequest, mediator_id: Id) -> dict[str, Any]:
    membership = who(request)
    mediator = access.locate_mediator(membership, mediator_id)
    actions.publish_profile(membership=membership, mediator=mediator)
    return profile_out(access.locate_mediator(membership, mediator_id))


@router.post(
    "/mediators/profiles/{mediator_id}/unpublish",
    operation_id="unpublish_mediator_profile",
    response=ProfileOut,
    summary="Take a profile out of every public place",
)
def unpublish_mediator_profile(request: HttpRequest, mediator_id: Id) -> dict[str, Any]:
    membership = who(request)
    mediator = access.locate_mediator(membership, mediator_id)
    actions.unpublish_profile(membership=membership, mediator=mediator)
    return profile_out(access.locate_mediator(membership, mediator_id))


@router.get(
    "/mediators/requests",
    operation_id="list_mediation_requests",
    response=list[RequestListItemOut],
    summary="Mediation requests: all the network's (manager), or one's own (mediator)",
)
@paginate
def list_mediation_requests(request: HttpRequest, state: str = "") -> list[dict[str, Any]]:
    requests = access.requests_of(who(request))
    if state:
        requests = requests.filter(state=state)
    return [request_item(r) for r in requests]


@router.get(
    "/mediators/requests/{request_id}",
    operation_id="get_mediation_request",
    response=RequestOut,
    summary="One mediation request with the parents' details and sessions (read audited)",
)
def get_mediation_request(request: HttpRequest, request_id: Id) -> dict[str, Any]:
    return request_out(access.read_request(who(request), request_id))


@router.post(
    "/mediators/requests/{request_id}/assign",
    operation_id="assign_mediation_pair",
    response=RequestListItemOut,
    summary="Assign two published mediators of the network to a request (manager)",
)
def assign_mediation_pair(request: HttpRequest, request_id: Id, body: AssignIn) -> dict[str, Any]:
    membership = who(request)
    mediation = access.locate_request(membership, request_id)
    first = access.locate_mediator(membership, body.first)
    second = access.locate_mediator(membership, body.second)
    return request_item(
        actions.assign_pair(membership=membership, request=mediation, first=first, second=second)
    )


@router.post(
    "/mediators/requests/{request_id}/outcome",
    operation_id="record_mediation_outcome",
    response=RequestListItemOut,
    summary="Record how a mediation ended (manager or an assigned mediator)",
)
def record_mediation_outcome(
    request: HttpRequest, request_id: Id, body: OutcomeIn
) -> dict[str, Any]:
    membership = who(request)
    mediation = access.locate_request(membership, request_id)
    return request_item(
        actions.record_outcome(
            membership=membership,
            request=mediation,
            outcome=body.outcome,
            outcome_on=body.outcome_on,
        )
    )
