"""Scoped reads of mediator profiles and mediations, and the public reads.

Public: only a published profile exists (page, search, API, export all go through
`public_mediators`); a draft, an unpublished or a "not re-confirmed" profile is a 404.
Staff: the network's managers see its profiles and requests; a mediator sees her own profile
and the requests she is assigned to; a hotline sees, on its case, only the outcome of its own
referrals. Another organisation's object, or a request not assigned to her, is a 404."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from homeward.audit.actions import record_read
from homeward.cases.models import Case
from homeward.mediators.choices import ProfileState
from homeward.mediators.models import (
    MediationRequest,
    Mediator,
    MediatorCountry,
    MediatorLanguage,
)
from homeward.organisations.access import require_permission
from homeward.organisations.models import Membership, Organisation
from homeward.organisations.roles import OrganisationKind, Permission

REQUEST_FIELDS_READ = ("countries", "languages", "contact", "note", "sessions", "outcome")


@dataclass(frozen=True)
class Filters:
    """The public search: every filter optional; text filters are codes."""

    country: str = ""
    language: str = ""
    background: str = ""
    profession: str = ""
    specialisation: str = ""
    urgent: bool = False
    online: bool = False


def _with_details(queryset: QuerySet[Mediator]) -> QuerySet[Mediator]:
    return queryset.prefetch_related(
        Prefetch("languages", queryset=MediatorLanguage.objects.order_by("pk")),
        Prefetch("countries", queryset=MediatorCountry.objects.order_by("-practises", "country")),
    )


def public_mediators(filters: Filters = Filters()) -> QuerySet[Mediator]:
    """The published profiles matching `filters`, by name, with languages and countries."""
    queryset = Mediator.objects.filter(state=ProfileState.PUBLISHED)
    if filters.country:
        queryset = queryset.filter(
            pk__in=MediatorCountry.objects.filter(country=filters.country).values("mediator")
        )
    if filters.language:
        queryset = queryset.filter(pk__in=speakers_of([filters.language]))
    if filters.background:
        queryset = queryset.filter(background__in=[filters.background, "both"])
    if filters.profession:
        queryset = queryset.filter(profession__icontains=filters.profession)
    if filters.specialisation:
        queryset = queryset.filter(specialisations__icontains=f'"{filters.specialisation}"')
    if filters.urgent:
        queryset = queryset.filter(urgent=True)
    if filters.online:
        queryset = queryset.filter(online=True)
    return _with_details(queryset.order_by("full_name", "pk"))


def speakers_of(languages: list[str]) -> QuerySet[MediatorLanguage, Any]:
    """The ids of mediators speaking any of `languages` (stored lower-case): a tag matches
    itself, its primary language, and the primary language's regional forms."""
    wanted = Q(pk__in=[])
    for tag in languages:
        primary = tag.lower().split("-")[0]
        wanted |= Q(language__in={tag.lower(), primary}) | Q(language__startswith=f"{primary}-")
    return MediatorLanguage.objects.filter(wanted).values("mediator")


def public_mediator(public_id: str) -> Mediator:
    return get_object_or_404(public_mediators(), public_id=public_id)


def request_network() -> Organisation | None:
    """The mediator network that receives the public form's requests."""
    return (
        Organisation.objects.filter(kind=OrganisationKind.MEDIATOR_NETWORK).order_by("pk").first()
    )


# --- the network's managers ---------------------------------------------------------------------


def mediators_of(membership: Membership) -> QuerySet[Mediator]:
    require_permission(membership, Permission.MANAGE_MEDIATORS)
    return _with_details(Mediator.objects.filter(organisation=membership.organisation))


def locate_mediator(membership: Membership, mediator_id: int) -> Mediator:
    return get_object_or_404(mediators_of(membership), pk=mediator_id)


def read_mediator(membership: Membership, mediator_id: int) -> Mediator:
    mediator = locate_mediator(membership, mediator_id)
    record_read(
        actor=membership.user,
        organisation=membership.organisation,
        action="mediators.profile.read",
        target=mediator,
        fields=("contact", "training"),
    )
    return mediator


# --- the mediator herself -----------------------------------------------------------------------


def own_profile(membership: Membership) -> Mediator | None:
    require_permission(membership, Permission.MEDIATE)
    return _with_details(
        Mediator.objects.filter(user=membership.user, organisation=membership.organisation)
    ).first()


def locate_own_profile(membership: Membership) -> Mediator:
    profile = own_profile(membership)
    if profile is None:
        raise Http404("no profile yet")
    return profile


# --- mediations ---------------------------------------------------------------------------------


def requests_of(membership: Membership) -> QuerySet[MediationRequest]:
    """A manager: every request of the network; a mediator: those she is assigned to."""
    base = MediationRequest.objects.filter(organisation=membership.organisation).select_related(
        "first_mediator", "second_mediator", "referring_organisation"
    )
    if membership.has_perm(Permission.MANAGE_MEDIATORS):
        return base
    require_permission(membership, Permission.MEDIATE)
    return base.filter(
        Q(first_mediator__user=membership.user) | Q(second_mediator__user=membership.user)
    )


def locate_request(membership: Membership, request_id: int) -> MediationRequest:
    return get_object_or_404(requests_of(membership), pk=request_id)


def read_request(membership: Membership, request_id: int) -> MediationRequest:
    """The request with the parents' data, its read recorded in the audit trail."""
    request = locate_request(membership, request_id)
    record_read(
        actor=membership.user,
        organisation=membership.organisation,
        action="mediators.request.read",
        target=request,
        fields=REQUEST_FIELDS_READ,
    )
    return request


def referrals_of_case(membership: Membership, case: Case) -> QuerySet[MediationRequest]:
    """A hotline's referrals from its case: what it sent and the outcome, nothing else."""
    require_permission(membership, Permission.VIEW_CASES)
    return MediationRequest.objects.filter(
        referring_organisation=membership.organisation, case=case
    ).only("pk", "state", "outcome", "outcome_on", "created_at", "situation")
