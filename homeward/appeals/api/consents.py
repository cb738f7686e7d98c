"""An appeal's consents through the API: each answer recorded (given, refused, withdrawn)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from homeward.appeals import access, actions
from homeward.appeals.schemas import ConsentIn, ConsentOut, consent_out
from homeward.core.api_types import Id
from homeward.organisations.access import who

router = Router(tags=["appeals"])


@router.get(
    "/appeals/{appeal_id}/consents",
    operation_id="list_consents",
    response=list[ConsentOut],
    summary="Every answer recorded, oldest first",
)
def list_consents(request: HttpRequest, appeal_id: Id) -> list[ConsentOut]:
    membership = who(request)
    appeal = access.read_appeal(membership, appeal_id)
    return [consent_out(c) for c in appeal.consents.select_related("recorded_by")]


@router.post(
    "/appeals/{appeal_id}/consents",
    operation_id="record_consent",
    response={201: ConsentOut},
    summary="Record an answer; a refusal or withdrawal ends a published appeal",
)
def record_consent(request: HttpRequest, appeal_id: Id, body: ConsentIn) -> Status[ConsentOut]:
    membership = who(request)
    appeal = access.locate_appeal(membership, appeal_id)
    consent = actions.record_consent(membership=membership, appeal=appeal, **body.model_dump())
    return Status(201, consent_out(consent))
