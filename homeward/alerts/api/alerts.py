"""Alerts through the API: record the authority's activation, read, update, end, ask other
hotlines to relay, and the CAP messages published."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from homeward.alerts import access, actions
from homeward.alerts.models import Alert, CapMessage
from homeward.alerts.schemas.alerts import (
    ActivationIn,
    AlertOut,
    EndIn,
    MessageOut,
    PublicationIn,
    RelayIn,
    RelayOut,
)
from homeward.core.api_types import Id
from homeward.core.handlers import named_in_body
from homeward.crossborder.access import receivers_for
from homeward.organisations.access import require_permission, who
from homeward.organisations.models import Organisation
from homeward.organisations.roles import Permission

router = Router(tags=["alerts"])


@router.get(
    "/alerts",
    operation_id="list_alerts",
    response=list[AlertOut],
    summary="Your hotline's alerts, the latest decision first",
)
@paginate
def list_alerts(request: HttpRequest, case_id: int | None = None) -> QuerySet[Alert]:
    """`case_id`: only the alerts of this case of yours."""
    alerts = access.alerts_of(who(request))
    return alerts if case_id is None else alerts.filter(case_id=case_id)


@router.post(
    "/alerts",
    operation_id="record_alert_activation",
    response={201: AlertOut},
    summary="Record the competent authority's decision to activate an alert, and publish it",
)
def record_activation(request: HttpRequest, payload: ActivationIn) -> Status[Alert]:
    membership = who(request)
    require_permission(membership, Permission.APPROVE)
    assessment = named_in_body(
        "assessment_id", lambda: access.locate_assessment(membership, payload.assessment_id)
    )
    alert = actions.record_activation(
        membership=membership, assessment=assessment, authority_kind=str(payload.authority_kind),
        authority_name=payload.authority_name, decided_by=payload.decided_by,
        decided_at=payload.decided_at, grounds=payload.grounds,
        publication=payload.publication(), photo_from_case=payload.photo_from_case,
    )  # fmt: skip
    return Status(201, alert)


@router.get(
    "/alerts/{alert_id}",
    operation_id="get_alert",
    response=AlertOut,
    summary="One alert: the decision and what it publishes (an audited read)",
)
def get_alert(request: HttpRequest, alert_id: Id) -> Alert:
    return access.read_alert(who(request), alert_id)


@router.post(
    "/alerts/{alert_id}/update",
    operation_id="update_alert",
    response=AlertOut,
    summary="Change what an active alert publishes, where or how long: a CAP Update",
)
def update_alert(request: HttpRequest, alert_id: Id, payload: PublicationIn) -> Alert:
    membership = who(request)
    alert = access.locate_alert(membership, alert_id)
    return actions.update_alert(
        membership=membership, alert=alert, publication=payload.publication()
    )


@router.post(
    "/alerts/{alert_id}/end",
    operation_id="end_alert",
    response=AlertOut,
    summary="End an active alert: a CAP Cancel, the photo and details leave every feed",
)
def end_alert(request: HttpRequest, alert_id: Id, payload: EndIn) -> Alert:
    membership = who(request)
    alert = access.locate_alert(membership, alert_id)
    return actions.end_alert(membership=membership, alert=alert, reason=str(payload.reason))


@router.post(
    "/alerts/{alert_id}/relay",
    operation_id="relay_alert",
    response={201: RelayOut},
    summary="Ask the hotline of another country to relay: a cross-border request sharing "
    "only what the alert publishes",
)
def relay_alert(request: HttpRequest, alert_id: Id, payload: RelayIn) -> Status[RelayOut]:
    membership = who(request)
    alert = access.locate_alert(membership, alert_id)
    require_permission(membership, Permission.APPROVE)
    receiver = _receiver(membership.organisation, payload.receiver_country)
    sent = actions.ask_relay(membership=membership, alert=alert, receiver=receiver)
    return Status(201, RelayOut(request_id=sent.pk, reference=sent.reference))


def _receiver(organisation: Organisation, country: str) -> Organisation:
    found = list(receivers_for(organisation).filter(country=country)[:2])
    if len(found) != 1:
        raise ValidationError(
            {"receiver_country": _("No other hotline of the network in this country.")}
        )
    return found[0]


@router.get(
    "/alerts/{alert_id}/messages",
    operation_id="list_alert_messages",
    response=list[MessageOut],
    summary="The CAP messages published for the alert, oldest first",
)
def list_messages(request: HttpRequest, alert_id: Id) -> QuerySet[CapMessage]:
    membership = who(request)
    return access.messages_of(membership, access.locate_alert(membership, alert_id))
