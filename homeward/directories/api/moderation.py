"""Staff: the moderation of services (admins of a hotline organisation, for its countries) and
the verification of prevention pages (the network office)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router

from homeward.core.api_types import Id
from homeward.directories import access, actions
from homeward.directories.choices import State
from homeward.directories.models import PreventionEntry, Service
from homeward.directories.schemas.prevention import PreventionOut
from homeward.directories.schemas.services import ModeratedServiceOut, ReasonIn
from homeward.organisations.access import who

router = Router(tags=["directories"])


def _out(service: Service) -> ModeratedServiceOut:
    return ModeratedServiceOut(
        id=service.pk, public_id=str(service.public_id), name=service.name,
        organization=service.provider.name, country=service.country, city=service.city,
        state=service.state, submitted_at=service.submitted_at,
        submitter_email=service.submitter_email, moderation_note=service.moderation_note,
        assured_date=service.assured_date,
    )  # fmt: skip


@router.get(
    "/directory-services",
    operation_id="list_moderated_services",
    response=list[ModeratedServiceOut],
    summary="Your countries' services in a state (organisation admin), the newest first",
)
def list_moderated_services(
    request: HttpRequest, state: State = State.SUBMITTED
) -> list[ModeratedServiceOut]:
    services = access.services_to_moderate(who(request)).filter(state=state)
    return [_out(s) for s in services.order_by("-submitted_at")[:200]]


@router.post(
    "/directory-services/{service_id}/publish",
    operation_id="publish_service",
    response=ModeratedServiceOut,
    summary="Publish a submitted or withdrawn service (assured today by you)",
)
def publish_service(request: HttpRequest, service_id: Id) -> ModeratedServiceOut:
    return _out(actions.publish_service(membership=who(request), service_id=service_id))


@router.post(
    "/directory-services/{service_id}/reject",
    operation_id="reject_service",
    response=ModeratedServiceOut,
    summary="Reject a submitted service, saying why",
)
def reject_service(request: HttpRequest, service_id: Id, body: ReasonIn) -> ModeratedServiceOut:
    membership = who(request)
    return _out(actions.reject_service(membership=membership, service_id=service_id,
                                       reason=body.reason))  # fmt: skip


@router.post(
    "/directory-services/{service_id}/withdraw",
    operation_id="withdraw_service",
    response=ModeratedServiceOut,
    summary="Withdraw a published service from the directory, saying why",
)
def withdraw_service(request: HttpRequest, service_id: Id, body: ReasonIn) -> ModeratedServiceOut:
    membership = who(request)
    return _out(actions.withdraw_service(membership=membership, service_id=service_id,
                                         reason=body.reason))  # fmt: skip


@router.get(
    "/prevention-pages",
    operation_id="list_prevention_pages",
    response=list[PreventionOut],
    summary="Every prevention page, the oldest verification first (network office)",
)
def list_prevention_pages(request: HttpRequest) -> QuerySet[PreventionEntry]:
    return access.entries_for_staff(who(request)).order_by("verified_on", "pk")


@router.post(
    "/prevention-pages/{entry_id}/verify",
    operation_id="verify_prevention_page",
    response=PreventionOut,
    summary="Mark a prevention page verified today, by you",
)
def verify_prevention_page(request: HttpRequest, entry_id: Id) -> PreventionEntry:
    return actions.verify_entry(membership=who(request), entry_id=entry_id)
