"""Mediation requests: a parent's through the public form, a hotline's referral from its case;
the manager assigns a co-mediator pair; the assigned mediators (or the manager) record the
intake, the sessions and the outcome. Every write is audited in its transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.cases.models import Case
from homeward.mediators.actions.common import (
    audit,
    clean_country,
    clean_languages,
    locked_request,
)
from homeward.mediators.choices import (
    Outcome,
    ProfileState,
    RequestSource,
    RequestState,
    SessionFormat,
    Situation,
)
from homeward.mediators.models import MediationRequest, MediationSession, Mediator
from homeward.organisations.access import require_own, require_permission
from homeward.organisations.models import Membership, Organisation
from homeward.organisations.roles import Permission

R = RequestState
OPEN = (R.ASSIGNED, R.INTAKE)


@dataclass
class RequestData:
    situation: str
    country_a: str
    country_b: str
    languages_a: list[str]
    languages_b: list[str]
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    note: str = ""


def _build(data: RequestData, organisation: Organisation) -> MediationRequest:
    if data.situation not in Situation.values:
        raise ValidationError({"situation": _("Choose one of the options.")})
    request = MediationRequest(
        organisation=organisation,
        situation=data.situation,
        country_a=clean_country(data.country_a, "country_a"),
        country_b=clean_country(data.country_b, "country_b"),
        languages_a=clean_languages(data.languages_a, "languages_a"),
        languages_b=clean_languages(data.languages_b, "languages_b"),
        contact_name=data.contact_name.strip(),
        contact_email=data.contact_email.strip().lower(),
        contact_phone=data.contact_phone.strip(),
        note=data.note.strip(),
        consent_at=timezone.now(),
    )
    return request


@transaction.atomic
def request_mediation(
    *, organisation: Organisation, data: RequestData, consent: bool
) -> MediationRequest:
    """A parent asks through the public form: no account, minimal data, her consent."""
    if not consent:
        raise ValidationError(
            {
                "consent": _(
                    "Tick the box to let the network's office and mediators use these "
                    "details for your request."
                )
            }
        )
    if not (data.contact_email.strip() or data.contact_phone.strip()):
        raise ValidationError({"contact_email": _("Give an e-mail address or a phone number.")})
    request = _build(data, organisation)
    request.source = RequestSource.PARENT
    request.full_clean()
    request.save()
    audit(
        None,
        "request.create",
        request,
        ["countries", "languages", "contact"],
        organisation=organisation,
    )
    return request


@transaction.atomic
def refer_from_case(
    *, membership: Membership, case: Case, network: Organisation, data: RequestData
) -> MediationRequest:
    """A hotline refers the parents of its case, sharing only what it typed in."""
    require_permission(membership, Permission.EDIT_CASES)
    require_own(membership, case.organisation_id, "case")
    request = _build(data, network)
    request.source = RequestSource.HOTLINE
    request.referring_organisation = membership.organisation
    request.case = case
    request.full_clean()
    request.save()
    audit(membership, "request.refer", request, ["countries", "languages", "contact", "note"])
    return request


def _pair_member(membership: Membership, mediator: Mediator, field: str) -> Mediator:
    if mediator.organisation_id != membership.organisation_id:
        raise ValidationError({field: _("Choose a mediator of the network.")})
    if mediator.state != ProfileState.PUBLISHED:
        raise ValidationError({field: _("This mediator's profile is not published.")})
    return mediator


@transaction.atomic
def assign_pair(
    *, membership: Membership, request: MediationRequest, first: Mediator, second: Mediator
) -> MediationRequest:
    require_permission(membership, Permission.MANAGE_MEDIATORS)
    row = locked_request(membership, request, [R.NEW, R.ASSIGNED])
    _pair_member(membership, first, "first_mediator")
    _pair_member(membership, second, "second_mediator")
    if first.pk == second.pk:
        raise ValidationError({"second_mediator": _("Choose two different mediators.")})
    row.first_mediator, row.second_mediator = first, second
    row.state = R.ASSIGNED
    row.assigned_at = timezone.now()
    row.save(update_fields=["first_mediator", "second_mediator", "state", "assigned_at"])
    audit(membership, "request.assign", row, ["first_mediator", "second_mediator"])
    return row


def _may_work(membership: Membership, request: MediationRequest) -> None:
    """The manager, or one of the two assigned mediators (anyone else: not found)."""
    if membership.has_perm(Permission.MANAGE_MEDIATORS):
        require_own(membership, request.organisation_id, "mediation request")
        return
    require_permission(membership, Permission.MEDIATE)
    if membership.user_id not in {m.user_id for m in request.mediators}:
        require_own(membership, None, "mediation request")


@transaction.atomic
def record_intake(
    *, membership: Membership, request: MediationRequest, intake_on: date
) -> MediationRequest:
    _may_work(membership, request)
    row = locked_request(membership, request, OPEN)
    row.intake_on = intake_on
    row.state = R.INTAKE
    row.save(update_fields=["intake_on", "state"])
    audit(membership, "request.intake", row, ["intake_on"])
    return row


@transaction.atomic
def add_session(
    *, membership: Membership, request: MediationRequest, held_on: date, format: str
) -> MediationSession:
    _may_work(membership, request)
    row = locked_request(membership, request, OPEN)
    if format not in SessionFormat.values:
        raise ValidationError({"format": _("Choose one of the options.")})
    if row.intake_on and held_on < row.intake_on:
        raise ValidationError({"held_on": _("A session cannot come before the intake.")})
    session = MediationSession.objects.create(request=row, held_on=held_on, format=format)
    audit(membership, "request.session", row, ["sessions"])
    return session


@transaction.atomic
def record_outcome(
    *, membership: Membership, request: MediationRequest, outcome: str, outcome_on: date
) -> MediationRequest:
    """The mediation ends; the referring hotline sees the outcome on its case."""
    _may_work(membership, request)
    row = locked_request(membership, request, OPEN)
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose one of the options.")})
    if outcome_on < row.created_at.date():
        raise ValidationError({"outcome_on": _("The outcome cannot come before the request.")})
    row.outcome, row.outcome_on, row.state = outcome, outcome_on, R.CLOSED
    row.save(update_fields=["outcome", "outcome_on", "state"])
    audit(membership, "request.outcome", row, ["outcome", "outcome_on"])
    return row
